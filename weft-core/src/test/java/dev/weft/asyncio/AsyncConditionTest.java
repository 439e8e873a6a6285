package dev.weft.asyncio;

import static dev.weft.asyncio.Asyncio.createTask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Scheduling;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** asyncio's Condition rules (CPython test_locks.ConditionTests). */
class AsyncConditionTest {
  private static void settle() {
    Scheduling.awaitAllTasksBlocked(Duration.ZERO);
  }

  private static AsyncTask<Void> waiter(AsyncCondition c, List<Integer> out, int id) {
    return createTask(() -> {
      c.acquire();
      try {
        c.await();
        out.add(id);
      } finally {
        c.release();
      }
      return null;
    });
  }

  /** signal(n) wakes n waiters in FIFO order; signalAll the rest (test_notify, test_notify_all). */
  @WeftTest
  void testSignalCounts() throws Exception {
    AsyncCondition c = new AsyncCondition();
    List<Integer> out = new ArrayList<>();
    List<AsyncTask<Void>> ts = List.of(waiter(c, out, 1), waiter(c, out, 2), waiter(c, out, 3));
    settle();
    c.acquire();
    c.signal(1);
    c.release();
    settle();
    assertEquals(List.of(1), out);
    c.acquire();
    c.signalAll();
    c.release();
    for (AsyncTask<Void> t : ts) {
      t.await();
    }
    assertEquals(List.of(1, 2, 3), out);
  }

  /** awaitFor returns the predicate's value (test_wait_for). */
  @WeftTest
  void testAwaitForReturnsValue() throws Exception {
    AsyncCondition c = new AsyncCondition();
    ArrayDeque<String> items = new ArrayDeque<>();
    AsyncTask<String> t = createTask(() -> {
      c.acquire();
      try {
        return c.awaitFor(items::pollFirst);
      } finally {
        c.release();
      }
    });
    settle();
    c.acquire();
    items.add("item");
    c.signal();
    c.release();
    assertEquals("item", t.await());
  }

  /** Waiting or signalling without the lock is an error. */
  @WeftTest
  void testNeedsLock() {
    AsyncCondition c = new AsyncCondition();
    assertThrows(IllegalStateException.class, c::await);
    assertThrows(IllegalStateException.class, c::signal);
  }

  /**
   * A waiter signalled and then cancelled before it runs holds the lock again when it throws, and
   * passes the signal on to the next waiter (CPython test_cancelled_wakeup, 3.13).
   */
  @WeftTest
  void testSignalledThenCancelledPassesSignalOn() throws Exception {
    AsyncCondition c = new AsyncCondition();
    List<Integer> out = new ArrayList<>();
    boolean[] heldWhenCancelled = new boolean[1];
    AsyncTask<Void> first = createTask(() -> {
      c.acquire();
      try {
        c.await();
      } catch (CancelledError e) {
        heldWhenCancelled[0] = c.locked();
        throw e;
      } finally {
        c.release();
      }
      return null;
    });
    AsyncTask<Void> second = waiter(c, out, 2);
    settle();
    c.acquire();
    c.signal(1);
    first.cancel();
    c.release();
    assertThrows(CancelledError.class, first::await);
    assertTrue(heldWhenCancelled[0]);
    second.await();
    assertEquals(List.of(2), out);
  }
}
