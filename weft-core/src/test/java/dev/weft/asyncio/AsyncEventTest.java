package dev.weft.asyncio;

import static dev.weft.asyncio.Asyncio.createTask;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Scheduling;
import dev.weft.testing.WeftTest;
import java.time.Duration;

/** asyncio's Event rules (CPython test_locks.EventTests). */
class AsyncEventTest {
  /** set() wakes every waiter; await returns true. */
  @WeftTest
  void testSetWakesAll() throws Exception {
    AsyncEvent ev = new AsyncEvent();
    AsyncTask<Boolean> a = createTask(ev::await);
    AsyncTask<Boolean> b = createTask(ev::await);
    Scheduling.awaitAllTasksBlocked(Duration.ZERO);
    assertFalse(a.done());
    ev.set();
    assertTrue(a.await());
    assertTrue(b.await());
    assertTrue(ev.await()); // already set
  }

  /** A waiter woken by set() returns true even if the event is cleared before it runs. */
  @WeftTest
  void testClearAfterSetStillWakes() throws Exception {
    AsyncEvent ev = new AsyncEvent();
    AsyncTask<Boolean> t = createTask(ev::await);
    Scheduling.awaitAllTasksBlocked(Duration.ZERO);
    ev.set();
    ev.clear();
    assertTrue(t.await());
    assertFalse(ev.isSet());
  }

  /** A woken waiter cancelled before it runs raises CancelledError (asyncio's rule). */
  @WeftTest
  void testWokenThenCancelled() throws Exception {
    AsyncEvent ev = new AsyncEvent();
    AsyncTask<Boolean> t = createTask(ev::await);
    Scheduling.awaitAllTasksBlocked(Duration.ZERO);
    ev.set();
    t.cancel();
    assertThrows(CancelledError.class, t::await);
    assertTrue(t.cancelled());
  }
}
