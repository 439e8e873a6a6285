package dev.weft.cancel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.testing.Trace;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.Optional;

/** Edge-triggered scopes (asyncio's one-shot cancel) and cancel reasons. */
class EdgeTriggeredScopeTest {
  private static final Duration ONE = Duration.ofSeconds(1);

  /** The request is delivered once: after catching it, the body may keep sleeping. */
  @WeftTest
  void testDeliveredOnce() throws Exception {
    CancelScope scope = CancelScope.edgeTriggered();
    Trace trace = new Trace();
    Optional<String> r =
        scope.run(
            () -> {
              scope.cancel();
              try {
                Weft.sleep(ONE);
                trace.unreached();
              } catch (CancelledError e) {
                trace.expect(1);
              }
              Weft.sleep(ONE); // no second CancelledError
              trace.expect(2);
              return "declined";
            });
    trace.finish(3);
    assertEquals(Optional.of("declined"), r);
    assertTrue(scope.cancelCalled());
    assertFalse(scope.cancelledCaught());
    assertEquals(1.0, Weft.currentTime());
  }

  /** A level-triggered scope, for contrast, raises at every checkpoint. */
  @WeftTest
  void testLevelTriggeredRaisesAgain() throws Exception {
    CancelScope scope = new CancelScope();
    scope.run(
        () -> {
          scope.cancel();
          assertThrows(CancelledError.class, Weft::checkpoint);
          assertThrows(CancelledError.class, Weft::checkpoint);
          Weft.checkpoint();
        });
    assertTrue(scope.cancelledCaught());
  }

  /** When the delivered error leaves the body, the scope catches it. */
  @WeftTest
  void testDeliveredErrorCaughtOnExit() throws Exception {
    CancelScope scope = CancelScope.edgeTriggered();
    scope.run(
        () -> {
          scope.cancel();
          Weft.sleepForever();
        });
    assertTrue(scope.cancelledCaught());
  }

  /** A second cancel after the first was delivered is a new request. */
  @WeftTest
  void testSecondRequest() throws Exception {
    CancelScope scope = CancelScope.edgeTriggered();
    int[] caught = new int[1];
    scope.run(
        () -> {
          for (int i = 0; i < 2; i++) {
            scope.cancel();
            try {
              Weft.sleep(ONE);
            } catch (CancelledError e) {
              caught[0]++;
            }
          }
          Weft.sleep(ONE);
        });
    assertEquals(2, caught[0]);
    assertEquals(1.0, Weft.currentTime());
  }

  /** A deadline on an edge-triggered scope is delivered once too. */
  @WeftTest
  void testDeadlineDeliveredOnce() throws Exception {
    CancelScope scope = CancelScope.edgeTriggered();
    scope.setDeadline(Weft.currentTime() + 1);
    scope.run(
        () -> {
          try {
            Weft.sleep(Duration.ofSeconds(5));
          } catch (CancelledError e) {
            assertEquals(1.0, Weft.currentTime());
          }
          Weft.sleep(ONE);
        });
    assertEquals(2.0, Weft.currentTime());
    assertFalse(scope.cancelledCaught());
  }

  /** An outer level-triggered cancellation still raises at every checkpoint inside. */
  @WeftTest
  void testOuterCancellationStillLevel() throws Exception {
    CancelScope outer = new CancelScope();
    CancelScope inner = CancelScope.edgeTriggered();
    outer.run(
        () ->
            inner.run(
                () -> {
                  outer.cancel();
                  assertThrows(CancelledError.class, Weft::checkpoint);
                  assertThrows(CancelledError.class, Weft::checkpoint);
                  Weft.checkpoint();
                }));
    assertTrue(outer.cancelledCaught());
    assertFalse(inner.cancelledCaught());
  }

  /** Children in a nursery inside the scope still end when the owner is cancelled. */
  @WeftTest
  void testNurseryChildrenEnd() throws Exception {
    CancelScope scope = CancelScope.edgeTriggered();
    scope.run(
        () ->
            Nursery.open(
                n -> {
                  n.startSoon(Weft::sleepForever);
                  n.startSoon(Weft::sleepForever);
                  Weft.sleep(ONE);
                  scope.cancel();
                }));
    assertTrue(scope.cancelledCaught());
    assertEquals(1.0, Weft.currentTime());
  }

  /** The reason becomes the CancelledError's message; an edge scope must be set before running. */
  @WeftTest
  void testReason() throws Exception {
    CancelScope scope = new CancelScope();
    scope.run(
        () -> {
          scope.cancelWithReason("shutting down");
          CancelledError e = assertThrows(CancelledError.class, Weft::checkpoint);
          assertEquals("shutting down", e.getMessage());
        });
    assertEquals(Optional.of("shutting down"), scope.cancelReason());
    assertEquals(Optional.empty(), new CancelScope().cancelReason());
  }
}
