package dev.weft.asyncio;

import static dev.weft.asyncio.Asyncio.createTask;
import static dev.weft.asyncio.Asyncio.currentTask;
import static dev.weft.asyncio.Asyncio.getRunningLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.cancel.CancelledError;
import dev.weft.cancel.TooSlowException;
import dev.weft.testing.Trace;
import dev.weft.testing.WeftTest;
import java.io.IOException;
import java.time.Duration;

/**
 * Cancel requests an asyncio task must not lose (issue 9; CPython's test_tasks, test_taskgroups
 * and test_timeouts scenarios).
 */
class AsyncTaskCancelTest {
  private static Duration s(long x) {
    return Duration.ofSeconds(x);
  }

  /** A TaskGroup inside a cancelled task passes the cancel on instead of swallowing it. */
  @WeftTest
  void testTaskGroupPassesTaskCancelOn() throws Exception {
    AsyncTask<String> t = createTask(() -> {
      TaskGroup.open(g -> {
        g.createTask(() -> Asyncio.sleep(s(10), "child"));
        Weft.sleep(s(10));
      });
      return "after";
    });
    getRunningLoop().callLater(s(1), t::cancel);
    assertThrows(CancelledError.class, t::await);
    assertTrue(t.cancelled());
    assertEquals(1.0, Weft.currentTime());
  }

  /** When a child fails too, the task that catches the failure is cancelled again at once. */
  @WeftTest
  void testTaskGroupFailureKeepsTaskCancelled() throws Exception {
    Trace trace = new Trace();
    AsyncTask<String> t = createTask(() -> {
      try {
        TaskGroup.open(g -> {
          g.createTask(() -> {
            try {
              Weft.sleep(s(10));
            } catch (CancelledError e) {
              throw new IOException("cleanup failed");
            }
            return null;
          });
          Weft.sleep(s(10));
        });
      } catch (IOException e) {
        trace.expect(1);
      }
      Weft.sleep(s(10));
      return "after";
    });
    getRunningLoop().callLater(s(1), t::cancel);
    assertThrows(CancelledError.class, t::await);
    trace.finish(2);
    assertTrue(t.cancelled());
    assertEquals(1.0, Weft.currentTime());
  }

  /** A task that cancels itself and returns without a checkpoint ends cancelled. */
  @WeftTest
  void testSelfCancelBeforeReturn() throws Exception {
    AsyncTask<Integer> t = createTask(() -> {
      currentTask().orElseThrow().cancel();
      return 12;
    });
    assertThrows(CancelledError.class, t::await);
    assertTrue(t.cancelled());
  }

  /** A task cancelled before it awaits passes the cancel on to what it awaits (asyncio). */
  @WeftTest
  void testCancelledTaskCancelsWhatItAwaits() throws Exception {
    AsyncFuture<String> f = getRunningLoop().createFuture();
    AsyncTask<String> nested = createTask(() -> f.await());
    AsyncTask<String> t = createTask(() -> {
      currentTask().orElseThrow().cancel();
      return nested.await();
    });
    assertThrows(CancelledError.class, t::await);
    assertTrue(t.cancelled());
    assertTrue(nested.cancelled());
    assertTrue(f.cancelled());
  }

  /** asyncio chains the CancelledError as the cause of the TimeoutError of timeout(). */
  @WeftTest
  void testTimeoutErrorHasCancelledCause() {
    TooSlowException e = assertThrows(TooSlowException.class,
        () -> Asyncio.timeout(s(1), () -> Asyncio.sleep(s(10), "late")));
    assertInstanceOf(CancelledError.class, e.getCause());
  }

  /** The same for waitFor with a positive timeout. */
  @WeftTest
  void testWaitForErrorHasCancelledCause() {
    TooSlowException e = assertThrows(TooSlowException.class,
        () -> Asyncio.waitFor(() -> Asyncio.sleep(s(10), "late"), s(1)));
    assertInstanceOf(CancelledError.class, e.getCause());
  }

  /** Nested timeouts with one deadline: the outer one expires (CPython test_nested_timeouts). */
  @WeftTest
  void testNestedTimeoutsSameDeadline() {
    double d = Weft.currentTime() + 1;
    assertThrows(TooSlowException.class, () -> Asyncio.timeoutAt(d, o -> {
      try {
        Asyncio.timeoutAt(d, i -> {
          Weft.sleep(s(10));
          return null;
        });
      } catch (TooSlowException x) {
        // asyncio raises the outer's TimeoutError, so this is not reached
      }
      Weft.sleep(s(5));
      return "done";
    }));
    assertEquals(1.0, Weft.currentTime());
  }

  /**
   * A cancel passed on to the awaited task is used up: if that task declines and returns a
   * value, the awaiting task gets it and carries on, uncancelled (asyncio; ADR 0006's former
   * difference).
   */
  @WeftTest
  void testCancelPassedOnIsUsedUp() throws Exception {
    AsyncTask<String> inner = createTask(() -> {
      try {
        Weft.sleep(s(10));
      } catch (CancelledError e) {
        return "declined";
      }
      return "slept";
    });
    AsyncTask<String> outer = createTask(() -> {
      String r = inner.await();
      Weft.sleep(s(1));
      return r + ", carried on";
    });
    Weft.sleep(s(1));
    outer.cancel();
    assertEquals("declined, carried on", outer.await());
    assertEquals(2.0, Weft.currentTime());
  }

  /** A timeout whose cancel the awaited task declined does not raise: the block goes on. */
  @WeftTest
  void testTimeoutDeclinedByAwaitedTask() throws Exception {
    AsyncTask<String> inner = createTask(() -> {
      try {
        Weft.sleep(s(10));
      } catch (CancelledError e) {
        return "declined";
      }
      return "slept";
    });
    assertEquals("declined", Asyncio.timeout(s(1), () -> inner.await()));
  }

  /**
   * A queue put that was woken (its item already moved in) and then cancelled before it ran keeps
   * the cancel: the task ends cancelled instead of returning (asyncio raises at the put itself).
   */
  @WeftTest
  void testWokenPutThenCancelledEndsCancelled() throws Exception {
    dev.weft.queue.FifoQueue<String> q = new dev.weft.queue.FifoQueue<>(1);
    q.putNowait("first");
    AsyncTask<String> putter = createTask(() -> {
      q.put("second");
      return "returned";
    });
    dev.weft.lowlevel.Scheduling.awaitAllTasksBlocked(Duration.ZERO);
    assertEquals("first", q.getNowait()); // moves "second" in and wakes the putter
    putter.cancel();
    assertThrows(CancelledError.class, putter::await);
    assertTrue(putter.cancelled());
    assertEquals("second", q.getNowait());
  }
}
