package dev.weft.cancel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.CompositeException;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.testing.Trace;
import dev.weft.testing.WeftTest;
import java.io.IOException;
import java.time.Duration;

/**
 * Cancellations that must reach the scope that caused them, through nurseries and nested scopes
 * (issue 9: scenarios from Trio's test_run.py and CPython's test_timeouts / test_taskgroups).
 */
class CancelDeliveryTest {
  private static final Duration ONE = Duration.ofSeconds(1);
  private static final Duration TEN = Duration.ofSeconds(10);

  /** A nursery inside an edge-triggered scope passes the scope's cancel on; it does not eat it. */
  @WeftTest
  void testNurseryInEdgeTriggeredScopePassesCancelOn() throws Exception {
    CancelScope scope = CancelScope.edgeTriggered();
    Trace trace = new Trace();
    Nursery.open(n -> {
      n.startSoon(() -> {
        Weft.sleep(ONE);
        scope.cancel();
      });
      scope.run(() -> {
        Nursery.open(inner -> {
          inner.startSoon(() -> Weft.sleep(TEN));
          Weft.sleep(TEN);
        });
        trace.unreached();
      });
    });
    trace.finish(1);
    assertTrue(scope.cancelledCaught());
    assertEquals(1.0, Weft.currentTime());
  }

  /**
   * When a child also fails, the failure wins and the edge-triggered request is re-armed, so the
   * next checkpoint after catching the failure is cancelled (asyncio's uncancel + cancel).
   */
  @WeftTest
  void testNurseryFailureKeepsEdgeCancelPending() throws Exception {
    CancelScope scope = CancelScope.edgeTriggered();
    Trace trace = new Trace();
    scope.run(() -> {
      try {
        Nursery.open(inner -> {
          inner.startSoon(() -> {
            try {
              Weft.sleepForever();
            } catch (CancelledError e) {
              throw new IOException("child failed while cancelled");
            }
          });
          Weft.checkpoint();
          scope.cancel();
          Weft.sleep(TEN);
        });
      } catch (IOException e) {
        trace.expect(1);
      }
      Weft.checkpoint(); // the request is still pending
      trace.unreached();
    });
    trace.finish(2);
    assertTrue(scope.cancelledCaught());
    assertEquals(0.0, Weft.currentTime());
  }

  /** Nested edge-triggered scopes with the same deadline: the outer one catches, not the inner. */
  @WeftTest
  void testNestedSameDeadlineOuterWins() throws Exception {
    double d = Weft.currentTime() + 1;
    CancelScope outer = CancelScope.edgeTriggered();
    outer.setDeadline(d);
    CancelScope inner = CancelScope.edgeTriggered();
    inner.setDeadline(d);
    Trace trace = new Trace();
    outer.run(() -> {
      inner.run(() -> {
        Weft.sleep(TEN);
      });
      trace.unreached();
    });
    trace.finish(1);
    assertFalse(inner.cancelledCaught());
    assertTrue(outer.cancelledCaught());
    assertEquals(1.0, Weft.currentTime());
  }

  /** The same with a level-triggered inner scope: it must not catch the outer's request. */
  @WeftTest
  void testLevelScopeInsideEdgeScopeSameDeadline() throws Exception {
    double d = Weft.currentTime() + 1;
    CancelScope outer = CancelScope.edgeTriggered();
    outer.setDeadline(d);
    CancelScope inner = CancelScope.withDeadline(d);
    outer.run(() -> {
      inner.run(() -> Weft.sleep(TEN));
      Weft.sleep(TEN);
    });
    assertTrue(outer.cancelledCaught());
    assertEquals(1.0, Weft.currentTime());
  }

  /** A deadline already passed counts as cancel called, even before the scope is entered. */
  @WeftTest
  void testPassedDeadlineIsCancelCalledBeforeEntry() {
    CancelScope s = CancelScope.withDeadline(Weft.currentTime() - 1);
    assertTrue(s.cancelCalled());
    assertFalse(CancelScope.withDeadline(Weft.currentTime() + 1).cancelCalled());
  }

  /**
   * A scope around a nursery whose children failed and were cancelled by that scope caught its
   * cancellation (Trio's test_cancel_scope_exceptiongroup_filtering).
   */
  @WeftTest
  void testScopeAroundFailedNurseryCaughtItsCancel() throws Exception {
    CancelScope outer = new CancelScope();
    IOException boom = new IOException("boom");
    IOException e = assertThrows(IOException.class, () -> outer.run(() -> {
      Nursery.open(n -> {
        n.startSoon(Weft::sleepForever);
        n.startSoon(Weft::sleepForever);
        Weft.checkpoint();
        outer.cancel();
        n.startSoon(() -> {
          throw boom;
        });
      });
    }));
    assertEquals(boom, e);
    assertTrue(outer.cancelledCaught());
  }

  /** The same when two children fail: the composite passes, and the scope caught its cancel. */
  @WeftTest
  void testScopeAroundCompositeCaughtItsCancel() throws Exception {
    CancelScope outer = new CancelScope();
    CompositeException e = assertThrows(CompositeException.class, () -> outer.run(() -> {
      Nursery.open(n -> {
        n.startSoon(Weft::sleepForever);
        Weft.checkpoint();
        outer.cancel();
        n.startSoon(() -> {
          throw new IOException("a");
        });
        n.startSoon(() -> {
          throw new IllegalStateException("b");
        });
      });
    }));
    assertEquals(2, e.exceptions().size());
    assertInstanceOf(IOException.class, e.exceptions().get(0));
    assertTrue(outer.cancelledCaught());
  }

  /**
   * Two cancels of a parked task before it runs again are one delivery (asyncio: two
   * Task.cancel() calls raise one CancelledError), not a second pending request.
   */
  @WeftTest
  void testCancelsBeforeTheTaskRunsCollapse() throws Exception {
    CancelScope scope = CancelScope.edgeTriggered();
    int[] caught = new int[1];
    Nursery.open(n -> {
      n.startSoon(() -> scope.run(() -> {
        try {
          Weft.sleep(TEN);
        } catch (CancelledError e) {
          caught[0]++;
        }
        Weft.sleep(ONE); // no second request pending
      }));
      dev.weft.lowlevel.Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      scope.cancel();
      scope.cancel();
    });
    assertEquals(1, caught[0]);
    assertFalse(scope.cancelledCaught());
    assertEquals(1.0, Weft.currentTime());
  }
}
