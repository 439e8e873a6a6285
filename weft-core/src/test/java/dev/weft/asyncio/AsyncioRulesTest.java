package dev.weft.asyncio;

import static dev.weft.asyncio.Asyncio.createTask;
import static dev.weft.asyncio.Asyncio.getRunningLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.cancel.CancelledError;
import dev.weft.cancel.TooSlowException;
import dev.weft.testing.WeftTest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * asyncio 3.11+ rules: Task.cancelling/uncancel, TaskGroup.create_task after shutdown, the Timeout
 * object's lifecycle, as_completed over duplicates (CPython test_tasks, test_taskgroups,
 * test_timeouts).
 */
class AsyncioRulesTest {
  private static Duration s(long x) {
    return Duration.ofSeconds(x);
  }

  /** cancelling() counts the cancel requests; uncancel() takes one back (test_uncancel_basic). */
  @WeftTest
  void testCancellingAndUncancel() throws Exception {
    AsyncTask<String> t = createTask(() -> {
      try {
        Weft.sleep(s(10));
      } catch (CancelledError e) {
        AsyncTask<?> me = Asyncio.currentTask().orElseThrow();
        assertEquals(2, me.cancelling());
        assertEquals(1, me.uncancel());
        assertEquals(0, me.uncancel());
        assertEquals(0, me.uncancel());
      }
      return "survived";
    });
    Weft.checkpoint();
    assertEquals(0, t.cancelling());
    t.cancel();
    t.cancel();
    assertEquals("survived", t.await());
    assertEquals(0, t.cancelling());
    assertFalse(t.cancel(), "done");
  }

  /** createTask on a group that is shutting down or finished raises (test_taskgroup_*). */
  @WeftTest
  void testCreateTaskAfterShutdown() throws Exception {
    TaskGroup[] saved = new TaskGroup[1];
    IllegalStateException[] shuttingDown = new IllegalStateException[1];
    assertThrows(IOException.class, () -> TaskGroup.open(g -> {
      saved[0] = g;
      g.createTask(() -> {
        throw new IOException("boom");
      });
      try {
        Weft.sleep(s(1));
      } catch (CancelledError e) {
        shuttingDown[0] = assertThrows(IllegalStateException.class,
            () -> g.createTask(() -> "late"));
        throw e;
      }
    }));
    assertTrue(shuttingDown[0].getMessage().contains("shutting down"), shuttingDown[0].getMessage());
    IllegalStateException finished =
        assertThrows(IllegalStateException.class, () -> saved[0].createTask(() -> "later"));
    assertTrue(finished.getMessage().contains("finished"), finished.getMessage());
  }

  /** A Timeout made outside its block: lifecycle errors, when(), expired() after the block. */
  @WeftTest
  void testTimeoutLifecycle() throws Exception {
    Timeout t = new Timeout(Weft.currentTime() + 1);
    assertFalse(t.expired());
    IllegalStateException notEntered =
        assertThrows(IllegalStateException.class, () -> t.reschedule(5));
    assertTrue(notEntered.getMessage().contains("not been entered"), notEntered.getMessage());
    TooSlowException e = assertThrows(TooSlowException.class, () -> t.run(x -> {
      assertTrue(x == t);
      Weft.sleep(s(10));
      return null;
    }));
    assertInstanceOf(CancelledError.class, e.getCause());
    assertTrue(t.expired());
    assertEquals(1.0, t.when());
    IllegalStateException expired =
        assertThrows(IllegalStateException.class, () -> t.reschedule(5));
    assertTrue(expired.getMessage().contains("expired"), expired.getMessage());
    IllegalStateException again =
        assertThrows(IllegalStateException.class, () -> t.run(x -> "twice"));
    assertTrue(again.getMessage().contains("already been entered"), again.getMessage());
  }

  /** A Timeout that finishes in time is finished: not expired, and no longer reschedulable. */
  @WeftTest
  void testTimeoutFinished() throws Exception {
    Timeout t = new Timeout(Double.POSITIVE_INFINITY);
    assertEquals("ok", t.run(x -> {
      x.reschedule(Weft.currentTime() + 5);
      return "ok";
    }));
    assertFalse(t.expired());
    assertEquals(5.0, t.when());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.reschedule(9));
    assertTrue(e.getMessage().contains("finished"), e.getMessage());
  }

  /** asCompleted collapses a duplicate input: one awaitable, and the work runs once. */
  @WeftTest
  void testAsCompletedCollapsesDuplicates() throws Exception {
    int[] runs = new int[1];
    Awaitable<String> work = () -> {
      runs[0]++;
      return "w";
    };
    AsyncFuture<String> f = getRunningLoop().createFuture();
    f.setResult("f");
    List<Awaitable<String>> out = Asyncio.asCompleted(List.of(work, f, work, f));
    assertEquals(2, out.size());
    for (Awaitable<String> a : out) {
      a.await();
    }
    assertEquals(1, runs[0]);
  }

  /**
   * uncancel() down to zero withdraws a request not yet delivered (asyncio 3.13,
   * test_uncancel_resets_must_cancel).
   */
  @WeftTest
  void testUncancelToZeroWithdrawsPendingRequest() throws Exception {
    AsyncFuture<Void> fut = getRunningLoop().createFuture();
    AsyncTask<Integer> t = createTask(() -> {
      fut.await();
      return 42;
    });
    Weft.checkpoint(); // t awaits fut
    fut.setResult(null); // t is runnable, not parked: a cancel now stays pending
    t.cancel();
    assertEquals(0, t.uncancel());
    assertEquals(42, t.await());
  }

  /** Only an edge-triggered scope can take a request back. */
  @WeftTest
  void testUncancelNeedsEdgeTriggeredScope() {
    assertThrows(IllegalStateException.class, () -> new dev.weft.cancel.CancelScope().uncancel());
  }
}
