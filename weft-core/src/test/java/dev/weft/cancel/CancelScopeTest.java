package dev.weft.cancel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

class CancelScopeTest {
  private static Duration s(double seconds) {
    return Duration.ofNanos((long) (seconds * 1e9));
  }

  /** cancel() makes the next checkpoint throw, and the scope catches its own cancellation. */
  @WeftTest
  void testCancelIsCaughtByItsScope() throws Exception {
    CancelScope scope = new CancelScope();
    List<String> log = new ArrayList<>();
    scope.run(
        () -> {
          scope.cancel();
          log.add("still running: cancel is not a checkpoint");
          Weft.checkpoint();
          log.add("unreachable");
        });
    assertEquals(List.of("still running: cancel is not a checkpoint"), log);
    assertTrue(scope.cancelCalled());
    assertTrue(scope.cancelledCaught());
  }

  /** A body that finishes normally leaves cancelledCaught false even if cancel was called late. */
  @WeftTest
  void testNoCatchWithoutCancelledError() throws Exception {
    CancelScope scope = new CancelScope();
    scope.run(scope::cancel);
    assertTrue(scope.cancelCalled());
    assertFalse(scope.cancelledCaught());
  }

  /** The deadline cancels the scope when the clock reaches it. */
  @WeftTest
  void testDeadline() throws Exception {
    CancelScope scope = CancelScope.withDeadline(Weft.currentTime() + 3);
    scope.run(() -> Weft.sleep(s(10)));
    assertTrue(scope.cancelledCaught());
    assertEquals(3.0, Weft.currentTime());
  }

  /** A relative deadline is fixed when the scope is entered, not when it is made. */
  @WeftTest
  void testRelativeDeadlineFixedOnEntry() throws Exception {
    CancelScope scope = CancelScope.withRelativeDeadline(s(2));
    assertEquals(Optional.of(s(2)), scope.relativeDeadline());
    assertEquals(Double.POSITIVE_INFINITY, scope.deadline());
    Weft.sleep(s(5));
    scope.run(
        () -> {
          assertEquals(7.0, scope.deadline());
          Weft.sleepForever();
        });
    assertEquals(7.0, Weft.currentTime());
    // Trio: once entered, the relative deadline is the time left until the deadline.
    assertEquals(Optional.of(Duration.ZERO), scope.relativeDeadline());
  }

  /** Nested scopes: the outer deadline fires first, and only the outer scope catches it. */
  @WeftTest
  void testOuterCausesOuterCatches() throws Exception {
    CancelScope outer = CancelScope.withRelativeDeadline(s(2));
    CancelScope inner = CancelScope.withRelativeDeadline(s(4));
    List<String> log = new ArrayList<>();
    outer.run(
        () -> {
          inner.run(() -> { Weft.sleep(s(5)); log.add("sleep finished"); });
          log.add("inner finished");
        });
    log.add("outer finished at " + Weft.currentTime());
    assertEquals(List.of("outer finished at 2.0"), log);
    assertTrue(outer.cancelledCaught());
    assertFalse(inner.cancelledCaught());
    assertTrue(inner.cancelCalled() == false);
  }

  /**
   * Tasks parked in one cancel status get the cancellation in the order they entered the status
   * (not their start order: A left and re-entered it last), so the program's order is reproducible.
   */
  @WeftTest
  void testDeliveryInInsertionOrder() throws Exception {
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      for (String name : List.of("A", "B", "C", "D", "E", "F", "G", "H")) {
        n.startSoon(() -> {
          if (name.equals("A")) {
            new CancelScope().run(Weft::checkpoint); // leaves the nursery's status and comes back
          }
          try {
            Weft.sleepForever();
          } finally {
            log.add(name);
          }
        });
      }
      dev.weft.lowlevel.Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      n.cancelScope().cancel();
    });
    assertEquals(List.of("B", "C", "D", "E", "F", "G", "H", "A"), log);
  }

  /** Moving the outer deadline back while inside makes the inner scope win. */
  @WeftTest
  void testMovingDeadlineWhileInside() throws Exception {
    CancelScope outer = CancelScope.withRelativeDeadline(s(2));
    CancelScope inner = CancelScope.withRelativeDeadline(s(4));
    List<String> log = new ArrayList<>();
    outer.run(
        () -> {
          outer.setDeadline(outer.deadline() + 3);
          inner.run(() -> Weft.sleep(s(5)));
          log.add("inner finished at " + Weft.currentTime());
        });
    assertEquals(List.of("inner finished at 4.0"), log);
    assertTrue(inner.cancelledCaught());
    assertFalse(outer.cancelledCaught());
  }

  /** Moving a deadline earlier, into the past, cancels at the next checkpoint. */
  @WeftTest
  void testDeadlineMovedIntoPast() throws Exception {
    CancelScope scope = CancelScope.withRelativeDeadline(s(100));
    scope.run(
        () -> {
          Weft.sleep(s(1));
          scope.setDeadline(Weft.currentTime() - 1);
          Weft.sleep(s(1));
        });
    assertTrue(scope.cancelledCaught());
    assertEquals(1.0, Weft.currentTime());
  }

  /** Removing a deadline (+infinity) stops it from firing. */
  @WeftTest
  void testDeadlineRemoved() throws Exception {
    CancelScope scope = CancelScope.withRelativeDeadline(s(1));
    scope.run(
        () -> {
          scope.setDeadline(Double.POSITIVE_INFINITY);
          Weft.sleep(s(3));
        });
    assertFalse(scope.cancelledCaught());
    assertEquals(3.0, Weft.currentTime());
  }

  /** Cancellation is level-triggered: a swallowed CancelledError comes back at the next checkpoint. */
  @WeftTest
  void testLevelTriggered() throws Exception {
    List<String> log = new ArrayList<>();
    CancelScope scope = new CancelScope();
    scope.run(
        () -> {
          scope.cancel();
          try {
            Weft.checkpoint();
          } catch (CancelledError swallowed) {
            log.add("swallowed");
          }
          try {
            Weft.sleep(s(1));
          } catch (CancelledError again) {
            log.add("again");
          }
          Weft.checkpoint();
          log.add("unreachable");
        });
    assertEquals(List.of("swallowed", "again"), log);
    assertTrue(scope.cancelledCaught());
    assertEquals(0.0, Weft.currentTime());
  }

  /** catch (Exception e) does not swallow a cancellation. */
  @WeftTest
  void testCatchExceptionDoesNotSwallow() throws Exception {
    CancelScope scope = new CancelScope();
    List<String> log = new ArrayList<>();
    scope.run(
        () -> {
          scope.cancel();
          try {
            Weft.checkpoint();
          } catch (Exception e) {
            log.add("swallowed by catch (Exception)");
          }
          log.add("unreachable");
        });
    assertEquals(List.of(), log);
    assertTrue(scope.cancelledCaught());
  }

  /** A shielded scope does not see the outer cancellation; it is seen again after it exits. */
  @WeftTest
  void testShieldBlocksOuterCancel() throws Exception {
    List<String> log = new ArrayList<>();
    CancelScope outer = CancelScope.withRelativeDeadline(s(1));
    outer.run(
        () -> {
          CancelScope shielded = new CancelScope();
          shielded.setShield(true);
          shielded.run(() -> { Weft.sleep(s(3)); log.add("shielded sleep done at " + Weft.currentTime()); });
          log.add("after shield");
          Weft.checkpoint();
          log.add("unreachable");
        });
    assertEquals(List.of("shielded sleep done at 3.0", "after shield"), log);
    assertTrue(outer.cancelledCaught());
  }

  /** shielded() makes a scope with the shield on, which outlives an outer timeout. */
  @WeftTest
  void testShieldedFactory() throws Exception {
    CancelScope shielded = CancelScope.shielded();
    assertTrue(shielded.shield());
    CancelScope outer =
        Timeouts.moveOnAfter(s(1), () -> shielded.run(() -> Weft.sleep(s(2))));
    assertFalse(shielded.cancelledCaught());
    assertTrue(outer.cancelCalled());
    assertEquals(2.0, Weft.currentTime());
  }

  /** A shield's own deadline still works. */
  @WeftTest
  void testShieldedScopeOwnDeadline() throws Exception {
    CancelScope shielded = CancelScope.withRelativeDeadline(s(2));
    shielded.setShield(true);
    shielded.run(Weft::sleepForever);
    assertTrue(shielded.cancelledCaught());
    assertEquals(2.0, Weft.currentTime());
  }

  /** Turning a shield off while inside lets a pending outer cancellation through at once. */
  @WeftTest
  void testShieldTurnedOff() throws Exception {
    CancelScope outer = CancelScope.withRelativeDeadline(s(1));
    CancelScope shielded = new CancelScope();
    shielded.setShield(true);
    outer.run(
        () ->
            shielded.run(
                () -> {
                  Weft.sleep(s(2));
                  shielded.setShield(false);
                  Weft.sleep(s(2));
                }));
    assertTrue(outer.cancelledCaught());
    assertFalse(shielded.cancelledCaught());
    assertEquals(2.0, Weft.currentTime());
  }

  /** Turning the shield on protects a task already parked in the outer cancelled scope... later. */
  @WeftTest
  void testShieldProtectsNurseryChildren() throws Exception {
    List<String> log = new ArrayList<>();
    CancelScope outer = CancelScope.withRelativeDeadline(s(1));
    outer.run(
        () -> {
          CancelScope shielded = new CancelScope();
          shielded.setShield(true);
          shielded.run(
              () ->
                  Nursery.open(
                      n -> n.startSoon(() -> { Weft.sleep(s(2)); log.add("child done " + Weft.currentTime()); })));
        });
    assertEquals(List.of("child done 2.0"), log);
  }

  /** A scope can be run only once. */
  @WeftTest
  void testScopeRunsOnce() throws Exception {
    CancelScope scope = new CancelScope();
    scope.run(() -> {});
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> scope.run(() -> {}));
    assertTrue(e.getMessage().contains("new CancelScope"), e.getMessage());
  }

  /** A scope cancelled before it runs is cancelled from the start. */
  @WeftTest
  void testCancelBeforeRun() throws Exception {
    CancelScope scope = new CancelScope();
    scope.cancel();
    Optional<String> r = scope.run(() -> { Weft.checkpoint(); return "x"; });
    assertEquals(Optional.empty(), r);
    assertTrue(scope.cancelledCaught());
  }

  /** run(Callable) returns the value when not cancelled. */
  @WeftTest
  void testRunReturnsValue() throws Exception {
    assertEquals(Optional.of(42), new CancelScope().run(() -> 42));
  }

  /** Exceptions other than its own cancellation pass through a scope unchanged. */
  @WeftTest
  void testOtherExceptionsPassThrough() throws Exception {
    CancelScope scope = new CancelScope();
    java.io.IOException e = new java.io.IOException("x");
    assertEquals(
        e,
        assertThrows(
            java.io.IOException.class,
            () ->
                scope.run(
                    () -> {
                      scope.cancel();
                      throw e;
                    })));
    assertFalse(scope.cancelledCaught());
  }

  /** A scope's cancellation reaches a task blocked inside it in another task's nursery. */
  @WeftTest
  void testCancelFromAnotherTask() throws Exception {
    CancelScope scope = new CancelScope();
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                scope.run(Weft::sleepForever);
                log.add("worker stopped at " + Weft.currentTime() + " caught=" + scope.cancelledCaught());
              });
          Weft.sleep(s(4));
          scope.cancel();
        });
    assertEquals(List.of("worker stopped at 4.0 caught=true"), log);
  }

  /** cancelCalled reports an expired deadline even before the timer has fired. */
  @WeftTest
  void testCancelCalledSeesExpiredDeadline(dev.weft.testing.MockClock clock) throws Exception {
    CancelScope scope = CancelScope.withRelativeDeadline(s(1));
    scope.run(
        () -> {
          assertFalse(scope.cancelCalled());
          clock.jump(2);
          assertTrue(scope.cancelCalled());
        });
    assertFalse(scope.cancelledCaught());
  }

  /** The effective deadline is the nearest one up to a shield. */
  @WeftTest
  void testEffectiveDeadline() throws Exception {
    assertEquals(Double.POSITIVE_INFINITY, Weft.currentEffectiveDeadline());
    CancelScope.withDeadline(10).run(
        () -> {
          CancelScope.withDeadline(20).run(() -> assertEquals(10.0, Weft.currentEffectiveDeadline()));
          CancelScope shield = CancelScope.withDeadline(30);
          shield.setShield(true);
          shield.run(() -> assertEquals(30.0, Weft.currentEffectiveDeadline()));
        });
    CancelScope cancelled = new CancelScope();
    cancelled.cancel();
    cancelled.run(() -> assertEquals(Double.NEGATIVE_INFINITY, Weft.currentEffectiveDeadline()));
  }

  /** Changing a running scope from another thread is an error that names the way in. */
  @WeftTest
  void testWrongThread() throws Exception {
    CancelScope scope = new CancelScope();
    scope.run(
        () -> {
          Throwable[] got = new Throwable[1];
          Thread t = Thread.ofPlatform().start(() -> {
            try {
              scope.cancel();
            } catch (Throwable e) {
              got[0] = e;
            }
          });
          t.join();
          assertTrue(got[0] instanceof IllegalStateException, String.valueOf(got[0]));
          assertTrue(got[0].getMessage().contains("runSyncSoon"), got[0].getMessage());
          assertFalse(scope.cancelCalled());
          // Getters are fine from any thread.
          boolean[] read = new boolean[2];
          Thread reader = Thread.ofPlatform().start(() -> {
            read[0] = scope.cancelCalled();
            read[1] = scope.isActive();
          });
          reader.join();
          assertFalse(read[0]);
          assertTrue(read[1]);
        });
  }

  /** A NaN deadline is rejected. */
  @WeftTest
  void testNaNDeadline() {
    assertThrows(IllegalArgumentException.class, () -> new CancelScope().setDeadline(Double.NaN));
  }
}
