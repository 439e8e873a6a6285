package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.RunConfig;
import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.Task;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.Trace;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Lock} and {@link StrictFifoLock}: ownership, FIFO hand-off, cancellation. */
class LockTest {
  /** The operations both lock classes share, so each test runs on both. */
  interface AnyLock {
    Held acquire();

    boolean tryAcquire();

    void release();

    LockStatistics statistics();
  }

  static List<AnyLock> bothLocks() {
    Lock lock = new Lock();
    StrictFifoLock strict = new StrictFifoLock();
    return List.of(
        new AnyLock() {
          public Held acquire() { return lock.acquire(); }
          public boolean tryAcquire() { return lock.tryAcquire(); }
          public void release() { lock.release(); }
          public LockStatistics statistics() { return lock.statistics(); }
        },
        new AnyLock() {
          public Held acquire() { return strict.acquire(); }
          public boolean tryAcquire() { return strict.tryAcquire(); }
          public void release() { strict.release(); }
          public LockStatistics statistics() { return strict.statistics(); }
        });
  }

  private static final LockStatistics FREE = new LockStatistics(false, Optional.empty(), 0);

  /** acquire gives the lock to the current task; closing the hold releases it, once. */
  @WeftTest
  void testAcquireAndClose() throws Exception {
    Task me = Scheduling.currentTask();
    for (AnyLock lock : bothLocks()) {
      Held held = lock.acquire();
      assertEquals(new LockStatistics(true, Optional.of(me), 0), lock.statistics());
      assertFalse(held.isReleased());
      held.close();
      assertTrue(held.isReleased());
      assertEquals(FREE, lock.statistics());
      held.close(); // a second close does nothing
      assertEquals(FREE, lock.statistics());
      try (var _ = lock.acquire()) {
        assertTrue(lock.statistics().locked());
      }
      assertEquals(FREE, lock.statistics());
    }
  }

  /** Waiters get the lock in arrival order, each straight from the previous holder. */
  @WeftTest
  void testHandOffIsFifo() throws Exception {
    for (AnyLock lock : bothLocks()) {
      List<String> log = new ArrayList<>();
      Nursery.open(n -> {
        lock.acquire();
        for (String name : List.of("a", "b", "c")) {
          n.startSoon(() -> {
            try (var _ = lock.acquire()) {
              log.add(name + " in");
              Weft.sleep(Duration.ofSeconds(1));
              log.add(name + " out");
            }
          }, name);
        }
        Scheduling.awaitAllTasksBlocked(Duration.ZERO);
        assertEquals(3, lock.statistics().tasksWaiting());
        lock.release();
        assertEquals("a", lock.statistics().owner().orElseThrow().name());
      });
      assertEquals(List.of("a in", "a out", "b in", "b out", "c in", "c out"), log);
      assertEquals(FREE, lock.statistics());
    }
  }

  /** A task that releases and re-acquires at once queues behind the waiter (strict FIFO). */
  @WeftTest
  void testReleaseThenReacquireQueuesBehindWaiter() throws Exception {
    for (AnyLock lock : bothLocks()) {
      Trace trace = new Trace();
      Nursery.open(n -> {
        lock.acquire();
        n.startSoon(() -> {
          try (var _ = lock.acquire()) {
            trace.expect(3);
          }
        }, "waiter");
        Scheduling.awaitAllTasksBlocked(Duration.ZERO);
        trace.expect(1);
        lock.release();
        assertFalse(lock.tryAcquire()); // the waiter owns it already
        trace.expect(2);
        try (var _ = lock.acquire()) {
          trace.expect(4);
        }
      });
      trace.finish(5);
    }
  }

  /** Acquiring a lock the task holds is an error, not a deadlock. */
  @WeftTest
  void testReacquireIsAnError() throws Exception {
    for (AnyLock lock : bothLocks()) {
      try (var _ = lock.acquire()) {
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::acquire);
        assertTrue(e.getMessage().contains("already holds"), e.getMessage());
        assertThrows(IllegalStateException.class, lock::tryAcquire);
      }
    }
  }

  /** Releasing a lock nobody holds, or one another task holds, is an error naming both tasks. */
  @WeftTest
  void testReleaseByNonOwnerIsAnError() throws Exception {
    for (AnyLock lock : bothLocks()) {
      IllegalStateException free = assertThrows(IllegalStateException.class, lock::release);
      assertTrue(free.getMessage().contains("not held"), free.getMessage());
      List<String> messages = new ArrayList<>();
      Nursery.open(n -> {
        n.startSoon(() -> {
          lock.acquire();
          Weft.sleep(Duration.ofSeconds(1));
          lock.release();
        }, "holder");
        Scheduling.awaitAllTasksBlocked(Duration.ZERO);
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        messages.add(e.getMessage());
      });
      assertTrue(messages.get(0).contains("held by task 'holder', not by the current task 'weft-main'"),
          messages.get(0));
      assertEquals(FREE, lock.statistics());
    }
  }

  /** A hold closed by a task that does not own the lock fails and stays open. */
  @WeftTest
  void testHeldClosedByWrongTask() throws Exception {
    Lock lock = new Lock();
    Held[] held = new Held[1];
    Nursery.open(n -> {
      n.startSoon(() -> {
        held[0] = lock.acquire();
        Weft.sleep(Duration.ofSeconds(1));
        held[0].close();
      });
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertThrows(IllegalStateException.class, held[0]::close);
      assertFalse(held[0].isReleased());
    });
    assertTrue(held[0].isReleased());
    assertFalse(lock.isLocked());
  }

  /** A waiter cancelled before its turn takes nothing: the lock goes to the next waiter. */
  @WeftTest
  void testCancelledWaiterTakesNothing() throws Exception {
    for (AnyLock lock : bothLocks()) {
      List<String> log = new ArrayList<>();
      CancelScope scope = new CancelScope();
      Nursery.open(n -> {
        lock.acquire();
        n.startSoon(() -> scope.run(() -> {
          lock.acquire();
          log.add("unreachable");
        }), "cancelled");
        n.startSoon(() -> {
          try (var _ = lock.acquire()) {
            log.add("second waiter got it");
          }
        }, "second");
        Scheduling.awaitAllTasksBlocked(Duration.ZERO);
        scope.cancel();
        Scheduling.awaitAllTasksBlocked(Duration.ZERO);
        assertEquals(1, lock.statistics().tasksWaiting());
        lock.release();
        assertEquals("second", lock.statistics().owner().orElseThrow().name());
      });
      assertEquals(List.of("second waiter got it"), log);
      assertTrue(scope.cancelledCaught());
      assertEquals(FREE, lock.statistics());
    }
  }

  /**
   * A waiter that was handed the lock and is cancelled before it runs returns from acquire holding
   * the lock, sees the cancellation at its next checkpoint, and its try-with-resources releases.
   */
  @WeftTest
  void testCancelledWaiterAfterHandOff() throws Exception {
    for (AnyLock lock : bothLocks()) {
      List<String> log = new ArrayList<>();
      CancelScope scope = new CancelScope();
      Nursery.open(n -> {
        lock.acquire();
        n.startSoon(() -> scope.run(() -> {
          try (var _ = lock.acquire()) {
            log.add("acquired");
            Weft.checkpoint();
            log.add("unreachable");
          }
        }), "waiter");
        Scheduling.awaitAllTasksBlocked(Duration.ZERO);
        lock.release(); // hands the lock to the waiter
        scope.cancel(); // too late to undo the hand-off
      });
      assertEquals(List.of("acquired"), log);
      assertTrue(scope.cancelledCaught());
      assertEquals(FREE, lock.statistics());
    }
  }

  /** acquire in a cancelled scope throws even when the lock is free, and takes nothing. */
  @WeftTest
  void testAcquireInCancelledScope() throws Exception {
    for (AnyLock lock : bothLocks()) {
      CancelScope scope = new CancelScope();
      scope.cancel();
      scope.run(lock::acquire);
      assertTrue(scope.cancelledCaught());
      assertEquals(FREE, lock.statistics());
    }
  }

  /** acquire is a checkpoint when free and when contended; tryAcquire and release are not. */
  @WeftTest
  void testCheckpoints() throws Exception {
    for (AnyLock lock : bothLocks()) {
      Checkpoints.assertCheckpoints(() -> lock.acquire());
      Checkpoints.assertNoCheckpoints(lock::release);
      Checkpoints.assertNoCheckpoints(() -> assertTrue(lock.tryAcquire()));
      Nursery.open(n -> {
        n.startSoon(() -> Checkpoints.assertCheckpoints(() -> lock.acquire().close()));
        Scheduling.awaitAllTasksBlocked(Duration.ZERO);
        lock.release();
      });
      Checkpoints.assertNoCheckpoints(() -> assertTrue(lock.tryAcquire()));
      lock.release();
    }
  }

  /** Calling a lock from outside any loop is a clear error. */
  @org.junit.jupiter.api.Test
  void testOutsideLoop() {
    Lock lock = new Lock();
    IllegalStateException e = assertThrows(IllegalStateException.class, lock::acquire);
    assertTrue(e.getMessage().contains("Weft.run"), e.getMessage());
  }

  /** toString shows the state. */
  @WeftTest
  void testToString() throws Exception {
    Lock lock = new Lock();
    assertTrue(lock.toString().contains("unlocked"), lock.toString());
    try (var _ = lock.acquire()) {
      assertTrue(lock.toString().contains("locked by weft-main"), lock.toString());
      assertTrue(lock.isLocked());
    }
  }

  /**
   * A task looping on acquire/release of an uncontended lock lets every other runnable task run
   * within the scheduling budget (fails when the budget is not enforced).
   */
  @WeftTest(schedulingBudgets = {RunConfig.DEFAULT_SCHEDULING_BUDGET, 1})
  void testUncontendedAcquireLoopLetsOthersRun(RunConfig config) throws Exception {
    for (AnyLock lock : bothLocks()) {
      Checkpoints.assertLetsOthersRun(config.schedulingBudget(), () -> lock.acquire().close());
    }
  }

}
