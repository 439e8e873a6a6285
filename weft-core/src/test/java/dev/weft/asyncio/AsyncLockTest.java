package dev.weft.asyncio;

import static dev.weft.asyncio.Asyncio.createTask;
import static dev.weft.asyncio.Asyncio.getRunningLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Scheduling;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** asyncio's Lock rules (CPython test_locks.LockTests). */
class AsyncLockTest {
  private static void settle() {
    Scheduling.awaitAllTasksBlocked(Duration.ZERO);
  }

  /** Waiters get the lock in FIFO order; acquire returns true. */
  @WeftTest
  void testAcquireFifo() throws Exception {
    AsyncLock lock = new AsyncLock();
    List<Integer> order = new ArrayList<>();
    assertTrue(lock.acquire());
    List<AsyncTask<Boolean>> ts = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      int id = i;
      ts.add(createTask(() -> {
        boolean r = lock.acquire();
        order.add(id);
        lock.release();
        return r;
      }));
    }
    settle();
    assertTrue(lock.locked());
    lock.release();
    for (AsyncTask<Boolean> t : ts) {
      assertTrue(t.await());
    }
    assertEquals(List.of(1, 2, 3), order);
    assertFalse(lock.locked());
  }

  /** Any task, or a loop callback, may release (no owner). */
  @WeftTest
  void testReleaseFromOtherTaskAndCallback() throws Exception {
    AsyncLock lock = new AsyncLock();
    lock.acquire();
    createTask(() -> {
      lock.release();
      return null;
    }).await();
    assertFalse(lock.locked());
    lock.acquire();
    getRunningLoop().callSoon(lock::release);
    assertTrue(lock.acquire()); // waits for the callback's release
  }

  /** Releasing a free lock is an error. */
  @WeftTest
  void testReleaseNotAcquired() {
    assertThrows(IllegalStateException.class, () -> new AsyncLock().release());
  }

  /** A waiter cancelled while it waits does not take the lock (test_acquire_cancel). */
  @WeftTest
  void testCancelledWaiter() throws Exception {
    AsyncLock lock = new AsyncLock();
    lock.acquire();
    AsyncTask<Boolean> t = createTask(() -> lock.acquire());
    settle();
    t.cancel();
    assertThrows(CancelledError.class, t::await);
    assertEquals(0, lock.waiting());
    lock.release();
    assertFalse(lock.locked());
  }

  /**
   * A woken waiter cancelled before it runs passes the lock to the next waiter
   * (test_cancel_release_race).
   */
  @WeftTest
  void testWokenThenCancelledWakesNext() throws Exception {
    AsyncLock lock = new AsyncLock();
    lock.acquire();
    AsyncTask<Boolean> first = createTask(() -> lock.acquire());
    AsyncTask<Boolean> second = createTask(() -> lock.acquire());
    settle();
    lock.release();      // wakes first
    first.cancel();      // before it runs
    assertThrows(CancelledError.class, first::await);
    assertTrue(second.await());
    assertTrue(lock.locked());
  }

  /** A new acquirer queues behind a woken waiter instead of barging in (no hand-off needed). */
  @WeftTest
  void testNoBargingPastWokenWaiter() throws Exception {
    AsyncLock lock = new AsyncLock();
    List<String> order = new ArrayList<>();
    lock.acquire();
    AsyncTask<Void> waiter = createTask(() -> {
      lock.acquire();
      order.add("waiter");
      lock.release();
      return null;
    });
    settle();
    lock.release();
    lock.acquire(); // the lock is free, but the woken waiter goes first
    order.add("main");
    lock.release();
    waiter.await();
    assertEquals(List.of("waiter", "main"), order);
  }
}
