package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.cancel.CancelledError;
import dev.weft.cancel.Timeouts;
import dev.weft.cancel.TooSlowException;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.WeftTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/** shield, waitFor, wait, asCompleted, timeout, sleep(delay, result). */
class CombinatorsTest {
  private static final Duration ONE = Duration.ofSeconds(1);

  static String job(String name, double seconds) {
    Weft.sleep(Duration.ofMillis((long) (seconds * 1000)));
    return name;
  }

  // ---- shield

  /** The outer task is cancelled while awaiting a shield; the inner work finishes anyway. */
  @WeftTest
  void testShieldOuterCancelled() throws Exception {
    AsyncTask<String> inner = Asyncio.createTask(() -> job("inner", 3));
    AsyncTask<String> outer = Asyncio.createTask(() -> Asyncio.shield(inner).await());
    Weft.sleep(ONE);
    outer.cancel();
    assertThrows(CancelledError.class, outer::await);
    assertEquals(1.0, Weft.currentTime());
    assertFalse(inner.cancelled());
    assertEquals("inner", inner.await());
    assertEquals(3.0, Weft.currentTime());
  }

  /** A shield passes on the result, and the seed's fallback to null on cancellation works. */
  @WeftTest
  void testShieldResultAndFallback() throws Exception {
    assertEquals("done", Asyncio.shield(() -> "done").await());
    String res;
    try {
      AsyncFuture<String> s = Asyncio.shield(() -> job("slow", 5));
      s.cancel();
      res = s.await();
    } catch (CancelledError e) {
      res = null;
    }
    assertNull(res);
  }

  // ---- waitFor

  /** On timeout the inner work is cancelled, waited for, and a TimeoutException thrown. */
  @WeftTest
  void testWaitForTimeout() throws Exception {
    List<String> log = new ArrayList<>();
    AsyncTask<String> inner =
        Asyncio.createTask(
            () -> {
              try {
                return job("x", 3600);
              } catch (CancelledError e) {
                Weft.sleep(ONE); // slow clean-up, which waitFor waits for
                log.add("cleaned up at " + Weft.currentTime());
                throw e;
              }
            });
    TimeoutException e =
        assertThrows(TimeoutException.class, () -> Asyncio.waitFor(inner, ONE));
    assertTrue(e instanceof TooSlowException);
    assertEquals(List.of("cleaned up at 2.0"), log);
    assertEquals(2.0, Weft.currentTime());
    assertTrue(inner.cancelled());
  }

  /** An inner task that declines the first cancel makes waitFor return its value. */
  @WeftTest
  void testWaitForInnerIgnoresFirstCancel() throws Exception {
    String r =
        Asyncio.waitFor(
            () -> {
              try {
                return job("x", 3600);
              } catch (CancelledError e) {
                return job("ignored", 1);
              }
            },
            ONE);
    assertEquals("ignored", r);
    assertEquals(2.0, Weft.currentTime());
  }

  /** Timeout zero: done work returns its result, pending work is cancelled. */
  @WeftTest
  void testWaitForTimeoutZero() throws Exception {
    AsyncTask<String> quick = Asyncio.createTask(() -> "quick");
    Weft.checkpoint();
    assertEquals("quick", Asyncio.waitFor(quick, Duration.ZERO));
    AsyncTask<String> slow = Asyncio.createTask(() -> job("slow", 1));
    assertThrows(TooSlowException.class, () -> Asyncio.waitFor(slow, Duration.ZERO));
    assertTrue(slow.cancelled());
    assertEquals(0.0, Weft.currentTime());
  }

  /** No timeout waits for ever; in time, the value; failures as themselves. */
  @WeftTest
  void testWaitForNoTimeoutAndFailure() throws Exception {
    assertEquals("late", Asyncio.waitFor(() -> job("late", 100), null));
    assertEquals("soon", Asyncio.waitFor(() -> job("soon", 1), Duration.ofSeconds(5)));
    assertThrows(
        IOException.class,
        () -> Asyncio.waitFor(() -> {
          throw new IOException("boom");
        }, ONE));
    Checkpoints.assertCheckpoints(() -> Asyncio.waitFor(() -> "x", ONE));
  }

  /** The seed's wait_for: an hour's work, a 1 s timeout, "timeout!". */
  @WeftTest
  void testWaitForSeed() throws Exception {
    List<String> out = new ArrayList<>();
    try {
      Asyncio.waitFor(() -> job("done", 3600), Duration.ofMillis(1000));
    } catch (TimeoutException e) {
      out.add("timeout!");
    }
    assertEquals(List.of("timeout!"), out);
    assertEquals(1.0, Weft.currentTime());
  }

  // ---- wait

  /** FIRST_COMPLETED returns at the first, ALL_COMPLETED at the last; nothing is cancelled. */
  @WeftTest
  void testWaitReturnWhen() throws Exception {
    AsyncTask<String> a = Asyncio.createTask(() -> job("a", 1));
    AsyncTask<String> b = Asyncio.createTask(() -> job("b", 2));
    WaitResult<String> r = Asyncio.wait(List.of(a, b), null, ReturnWhen.FIRST_COMPLETED);
    assertEquals(Set.of(a), r.done());
    assertEquals(Set.of(b), r.pending());
    assertEquals(1.0, Weft.currentTime());
    r = Asyncio.wait(List.of(a, b));
    assertEquals(Set.of(a, b), r.done());
    assertEquals(2.0, Weft.currentTime());
  }

  /** FIRST_EXCEPTION returns at the first failure, or when all are done. */
  @WeftTest
  void testWaitFirstException() throws Exception {
    AsyncTask<String> ok = Asyncio.createTask(() -> job("ok", 1));
    AsyncTask<String> bad = Asyncio.createTask(() -> {
      job("bad", 2);
      throw new IOException("boom");
    });
    AsyncTask<String> slow = Asyncio.createTask(() -> job("slow", 5));
    WaitResult<String> r = Asyncio.wait(List.of(ok, bad, slow), null, ReturnWhen.FIRST_EXCEPTION);
    assertEquals(Set.of(ok, bad), r.done());
    assertEquals(2.0, Weft.currentTime());
    bad.exception();
    r = Asyncio.wait(List.of(ok, slow), null, ReturnWhen.FIRST_EXCEPTION);
    assertEquals(Set.of(ok, slow), r.done());
    assertEquals(5.0, Weft.currentTime());
  }

  /** A timeout returns the pending ones without cancelling or throwing; empty input fails. */
  @WeftTest
  void testWaitTimeoutAndEmpty() throws Exception {
    AsyncTask<String> slow = Asyncio.createTask(() -> job("slow", 5));
    WaitResult<String> r = Asyncio.wait(List.of(slow), ONE, ReturnWhen.ALL_COMPLETED);
    assertEquals(Set.of(slow), r.pending());
    assertFalse(slow.cancelled());
    assertEquals(1.0, Weft.currentTime());
    assertThrows(IllegalArgumentException.class, () -> Asyncio.wait(List.<AsyncFuture<String>>of()));
    slow.cancel();
  }

  /** The seed's wait: "work is done". */
  @WeftTest
  void testWaitSeed() throws Exception {
    AsyncTask<String> task = Asyncio.createTask(() -> "done");
    WaitResult<String> r = Asyncio.wait(Set.of(task));
    assertTrue(r.done().contains(task));
    Checkpoints.assertCheckpoints(() -> Asyncio.wait(Set.of(task)));
  }

  // ---- asCompleted

  /** Results come in completion order. */
  @WeftTest
  void testAsCompletedOrder() throws Exception {
    List<String> got = new ArrayList<>();
    for (Awaitable<String> next :
        Asyncio.asCompleted(List.<Awaitable<String>>of(() -> job("a", 2), () -> job("b", 1),
            () -> job("c", 3)))) {
      got.add(next.await() + "@" + Weft.currentTime());
    }
    assertEquals(List.of("b@1.0", "a@2.0", "c@3.0"), got);
  }

  /** When time runs out, the remaining awaitables throw TooSlowException; work goes on. */
  @WeftTest
  void testAsCompletedTimeout() throws Exception {
    AsyncTask<String> slow = Asyncio.createTask(() -> job("slow", 5));
    List<Awaitable<String>> it =
        Asyncio.asCompleted(List.<Awaitable<String>>of(() -> job("quick", 1), slow),
            Duration.ofSeconds(2));
    assertEquals(2, it.size());
    assertEquals("quick", it.get(0).await());
    assertThrows(TooSlowException.class, () -> it.get(1).await());
    assertEquals(2.0, Weft.currentTime());
    assertFalse(slow.done());
    assertEquals("slow", slow.await());
  }

  // ---- timeout

  /** The body is cancelled at the deadline and timeout throws TooSlowException. */
  @WeftTest
  void testTimeoutExpires() throws Exception {
    assertThrows(TooSlowException.class, () -> Asyncio.timeout(ONE, () -> job("x", 10)));
    assertEquals(1.0, Weft.currentTime());
    assertEquals("fast", Asyncio.timeout(ONE, () -> job("fast", 0.5)));
    assertEquals("none", Asyncio.timeout((Duration) null, () -> job("none", 100)));
  }

  /** The deadline can be read and moved from inside; after expiry it cannot. */
  @WeftTest
  void testTimeoutReschedule() throws Exception {
    String r =
        Asyncio.timeout(
            ONE,
            cm -> {
              assertEquals(1.0, cm.when());
              cm.reschedule(Weft.currentTime() + 3);
              job("x", 2);
              assertFalse(cm.expired());
              return "moved";
            });
    assertEquals("moved", r);
    assertThrows(
        TooSlowException.class,
        () ->
            Asyncio.timeoutAt(
                Weft.currentTime() + 1,
                cm -> {
                  try {
                    job("x", 10);
                  } catch (CancelledError e) {
                    assertTrue(cm.expired());
                    assertThrows(IllegalStateException.class, () -> cm.reschedule(100));
                    throw e;
                  }
                  return null;
                }));
  }

  /** A body that catches the one-shot cancel and returns normally returns its value. */
  @WeftTest
  void testTimeoutBodyDeclines() throws Exception {
    String r =
        Asyncio.timeout(
            ONE,
            () -> {
              try {
                job("x", 10);
              } catch (CancelledError e) {
                job("clean-up", 1);
              }
              return "kept";
            });
    assertEquals("kept", r);
    assertEquals(2.0, Weft.currentTime());
  }

  /**
   * An outer Trio scope's cancellation passes through a timeout block unchanged: as a
   * CancelledError (not a TooSlowException, not swallowed), caught by the outer scope.
   */
  @WeftTest
  void testOuterScopeWins() throws Exception {
    List<String> log = new ArrayList<>();
    dev.weft.cancel.CancelScope outer =
        Timeouts.moveOnAfter(
            ONE,
            () -> {
              try {
                Asyncio.timeout(Duration.ofSeconds(5), () -> job("x", 10));
                log.add("the timeout block returned");
              } catch (CancelledError e) {
                log.add("the outer cancellation came through");
                throw e;
              }
            });
    assertEquals(List.of("the outer cancellation came through"), log);
    assertTrue(outer.cancelledCaught());
    assertEquals(1.0, Weft.currentTime());
  }

  /** The other checkpoints of the package: awaiting a done stage, sleeping. */
  @WeftTest
  void testMoreCheckpoints() throws Exception {
    Checkpoints.assertCheckpoints(
        () -> Asyncio.await(java.util.concurrent.CompletableFuture.completedFuture("x")));
    Checkpoints.assertCheckpoints(() -> Asyncio.sleep(Duration.ZERO));
    AsyncTask<String> done = Asyncio.createTask(() -> "ready");
    done.await();
    Checkpoints.assertCheckpoints(
        () -> Asyncio.asCompleted(List.<Awaitable<String>>of(done)).get(0).await());
  }

  // ---- sleep

  /** sleep(delay, result) returns the result after the delay, as a checkpoint. */
  @WeftTest
  void testSleepResult() throws Exception {
    assertEquals("done", Asyncio.sleep(ONE, "done"));
    assertEquals(1.0, Weft.currentTime());
    Checkpoints.assertCheckpoints(() -> Asyncio.sleep(Duration.ZERO, "x"));
  }
}
