package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.cancel.CancelScope;
import dev.weft.cancel.CancelledError;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Weft.start and its RunHandle (issue 13, item 3): a run that embedding code cancels from another
 * thread. Each test runs under both engines; the runs wait on weft objects only, so a cancel is
 * what ends them, and a broken cancel fails the test by its timeout.
 */
class RunHandleTest {
  private static final List<Engine> ENGINES = List.of(Engine.FAST, Engine.PORTABLE);

  /** cancel() from another thread cancels the main scope; tasks clean up; join throws. */
  @Test
  void testCancelFromAnotherThread() throws Exception {
    for (Engine engine : ENGINES) {
      CountDownLatch started = new CountDownLatch(1);
      List<String> log = new CopyOnWriteArrayList<>();
      RunHandle<String> h =
          Weft.start(
              c -> c.withEngine(engine),
              () -> {
                Nursery.open(
                    n -> {
                      n.startSoon(
                          () -> {
                            try {
                              Weft.sleepForever();
                            } finally {
                              CancelScope.shielded()
                                  .run(() -> {
                                    Weft.checkpoint();
                                    log.add("child cleaned up");
                                  });
                            }
                          });
                      started.countDown();
                      Weft.sleepForever();
                    });
                return "unreachable";
              });
      started.await();
      assertFalse(h.isDone());
      h.cancel();
      h.cancel(); // idempotent
      CancellationException e = assertThrows(CancellationException.class, h::join);
      assertTrue(e.getMessage().contains("Weft.start: the run was cancelled"), e.getMessage());
      assertTrue(e.getMessage().contains("RunHandle.cancel()"), e.getMessage());
      assertInstanceOf(CancelledError.class, e.getCause());
      assertEquals(List.of("child cleaned up"), log, engine.toString());
      assertTrue(h.isDone());
      h.cancel(); // after the end: nothing
    }
  }

  /** A cancel that comes before the loop has started still cancels the main task. */
  @Test
  void testCancelBeforeTheLoopRuns() throws Exception {
    for (Engine engine : ENGINES) {
      RunHandle<Void> h =
          Weft.start(
              c -> c.withEngine(engine),
              () -> {
                Weft.sleepForever();
                return null;
              });
      h.cancelWithReason("stop at once");
      CancellationException e = assertThrows(CancellationException.class, h::join);
      assertTrue(e.getMessage().endsWith("stop at once"), e.getMessage());
      assertEquals("stop at once", e.getCause().getMessage());
    }
  }

  /** An uncancelled run gives its value or its failure, as Weft.run would. */
  @Test
  void testJoinGivesTheOutcome() throws Exception {
    for (Engine engine : ENGINES) {
      assertEquals(
          "done",
          Weft.start(
                  c -> c.withEngine(engine),
                  () -> {
                    Weft.sleep(Duration.ofMillis(1));
                    return "done";
                  })
              .join());
      RunHandle<Object> failing =
          Weft.start(
              c -> c.withEngine(engine),
              () -> {
                throw new IOException("boom");
              });
      assertEquals("boom", assertThrows(IOException.class, failing::join).getMessage());
      failing.cancel(); // after the end: nothing, and the outcome stays
      assertThrows(IOException.class, failing::join);
    }
  }

  /** A main task that catches the cancellation and returns normally ends the run normally. */
  @Test
  void testMainThatCatchesTheCancellation() throws Exception {
    for (Engine engine : ENGINES) {
      CountDownLatch started = new CountDownLatch(1);
      RunHandle<String> h =
          Weft.start(
              c -> c.withEngine(engine),
              () -> {
                CancelScope inner = new CancelScope();
                try {
                  started.countDown();
                  Weft.sleepForever();
                } catch (CancelledError e) {
                  return "caught: " + e.getMessage();
                }
                return inner.toString();
              });
      started.await();
      h.cancelWithReason("please stop");
      assertEquals("caught: please stop", h.join());
    }
  }

  /** Bad input: a null reason, a null config or main, a null or negative grace period. */
  @Test
  void testBadInput() throws Exception {
    assertThrows(NullPointerException.class, () -> Weft.start(null, () -> 1));
    assertThrows(NullPointerException.class, () -> Weft.start(c -> c, null));
    RunHandle<Integer> h = Weft.start(c -> c.withEngine(Engine.PORTABLE), () -> 1);
    assertThrows(NullPointerException.class, () -> h.cancelWithReason(null));
    assertEquals(1, h.join());
    assertThrows(
        NullPointerException.class, () -> RunConfig.defaults().withCancelOnShutdown(null));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RunConfig.defaults().withCancelOnShutdown(Duration.ofSeconds(-1)));
    assertTrue(e.getMessage().startsWith("RunConfig.withCancelOnShutdown"), e.getMessage());
    assertEquals(
        java.util.Optional.of(Duration.ZERO),
        RunConfig.defaults().withCancelOnShutdown(Duration.ZERO).cancelOnShutdown());
    assertEquals(java.util.Optional.empty(), RunConfig.defaults().cancelOnShutdown());
  }
}
