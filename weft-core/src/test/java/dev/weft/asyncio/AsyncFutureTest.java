package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Scheduling;
import dev.weft.cancel.Timeouts;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.MockClock;
import dev.weft.testing.WeftTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** asyncio's Future: states, callbacks, awaiting, cancellation of the waiter. */
class AsyncFutureTest {
  private static final Duration ONE = Duration.ofSeconds(1);

  /** result() and exception() before done are InvalidStateExceptions; setting twice too. */
  @WeftTest
  void testInvalidState() throws Exception {
    AsyncFuture<String> f = Asyncio.getRunningLoop().createFuture();
    assertFalse(f.done());
    InvalidStateException e = assertThrows(InvalidStateException.class, f::result);
    assertTrue(e.getMessage().contains("not done"), e.getMessage());
    assertThrows(InvalidStateException.class, f::exception);
    f.setResult("x");
    assertThrows(InvalidStateException.class, () -> f.setResult("y"));
    assertThrows(InvalidStateException.class, () -> f.setException(new IOException()));
    assertFalse(f.cancel());
    assertEquals("x", f.result());
    assertNull(f.exception());
  }

  /** An exception is thrown as itself by result() and await(). */
  @WeftTest
  void testException() throws Exception {
    AsyncFuture<String> f = Asyncio.getRunningLoop().createFuture();
    IOException boom = new IOException("boom");
    f.setException(boom);
    assertSame(boom, assertThrows(IOException.class, f::result));
    assertSame(boom, assertThrows(IOException.class, f::await));
    assertSame(boom, f.exception());
    assertThrows(IllegalArgumentException.class,
        () -> Asyncio.getRunningLoop().<String>createFuture().setException(Scheduling.newCancelledError(null)));
  }

  /** A cancelled future throws CancelledError with its message from result/exception/await. */
  @WeftTest
  void testCancelWithMessage() throws Exception {
    AsyncFuture<String> f = Asyncio.getRunningLoop().createFuture();
    assertTrue(f.cancel("no longer needed"));
    assertTrue(f.cancelled());
    assertTrue(f.done());
    assertFalse(f.cancel());
    assertEquals("no longer needed", assertThrows(CancelledError.class, f::result).getMessage());
    assertThrows(CancelledError.class, f::exception);
    assertEquals("no longer needed", assertThrows(CancelledError.class, f::await).getMessage());
  }

  /** Callbacks run soon (not inside setResult), in order; one added after done runs too. */
  @WeftTest
  void testCallbacks() throws Exception {
    AsyncFuture<String> f = Asyncio.getRunningLoop().createFuture();
    List<String> log = new ArrayList<>();
    Consumer<AsyncFuture<String>> removed = x -> log.add("removed");
    f.addDoneCallback(x -> log.add("first " + x.done()));
    f.addDoneCallback(removed);
    f.addDoneCallback(removed);
    f.addDoneCallback(x -> log.add("second"));
    assertEquals(2, f.removeDoneCallback(removed));
    f.setResult("v");
    assertEquals(List.of(), log);
    Weft.checkpoint();
    assertEquals(List.of("first true", "second"), log);
    f.addDoneCallback(x -> log.add("late"));
    assertEquals(2, log.size());
    Weft.checkpoint();
    assertEquals(List.of("first true", "second", "late"), log);
  }

  /** A callback that throws goes to the exception handler; the others still run. */
  @WeftTest
  void testFailingCallbackReported() throws Exception {
    Loop loop = Asyncio.getRunningLoop();
    List<String> reported = new ArrayList<>();
    loop.setExceptionHandler((msg, err) -> reported.add(err.getMessage()));
    AsyncFuture<String> f = loop.createFuture();
    List<String> log = new ArrayList<>();
    f.addDoneCallback(x -> {
      throw new IllegalStateException("bad callback");
    });
    f.addDoneCallback(x -> log.add("ran"));
    f.setResult("v");
    Weft.checkpoint();
    assertEquals(List.of("bad callback"), reported);
    assertEquals(List.of("ran"), log);
  }

  /** await() parks until another task sets the result. */
  @WeftTest
  void testAwaitWaits() throws Exception {
    AsyncFuture<String> f = Asyncio.getRunningLoop().createFuture();
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                Weft.sleep(ONE);
                f.setResult("late");
              });
          assertEquals("late", f.await());
          assertEquals(1.0, Weft.currentTime());
        });
  }

  /** Cancelling the waiting task cancels the plain future it awaits (asyncio). */
  @WeftTest
  void testWaiterCancellationCancelsFuture() throws Exception {
    AsyncFuture<String> f = Asyncio.getRunningLoop().createFuture();
    Timeouts.moveOnAfter(ONE, () -> f.await());
    assertTrue(f.cancelled());
  }

  /** await() is a checkpoint even on a done future; result() never is. */
  @WeftTest
  void testCheckpoints() throws Exception {
    AsyncFuture<String> f = Asyncio.getRunningLoop().createFuture();
    f.setResult("x");
    Checkpoints.assertCheckpoints(() -> f.await());
    Checkpoints.assertNoCheckpoints(
        () -> {
          f.result();
          f.done();
          f.cancelled();
        });
  }

  /** A future from another thread, or used off its loop, is a clear error. */
  @WeftTest
  void testWrongThread() throws Exception {
    AsyncFuture<String> f = Asyncio.getRunningLoop().createFuture();
    Throwable[] seen = new Throwable[1];
    // The foreign thread fails before touching the loop, so joining it here cannot deadlock
    // (on the portable engine the join holds the loop's turn; nothing else needs it).
    Thread.ofPlatform()
        .start(
            () -> {
              try {
                f.setResult("x");
              } catch (Throwable e) {
                seen[0] = e;
              }
            })
        .join();
    assertTrue(seen[0] instanceof IllegalStateException, String.valueOf(seen[0]));
    assertTrue(seen[0].getMessage().contains("callSoonThreadsafe"), seen[0].getMessage());
    assertFalse(f.done());
  }

  /** An exception nobody retrieved reaches the exception handler when the loop closes. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testNeverRetrievedReported(Engine engine) throws Exception {
    List<String> reported = new ArrayList<>();
    Loop loop = Loop.newEventLoop(c -> c.withClock(MockClock.autojumping()).withEngine(engine));
    loop.setExceptionHandler((msg, err) -> reported.add(msg + " / " + err.getMessage()));
    AsyncFuture<String> seen = loop.createFuture();
    AsyncFuture<String> unseen = loop.createFuture();
    loop.runUntilComplete(
        () -> {
          seen.setException(new IOException("looked at"));
          unseen.setException(new IOException("ignored"));
          seen.exception();
          return null;
        });
    loop.close();
    assertEquals(1, reported.size());
    assertTrue(reported.get(0).startsWith("Future exception was never retrieved"), reported.get(0));
    assertTrue(reported.get(0).endsWith("ignored"), reported.get(0));
  }

  /**
   * An exception nobody retrieved is reported as soon as its future is collected, while the loop
   * still runs (DESIGN.md invariant 6), through the loop's exception handler.
   */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testUnretrievedReportedWhenCollected(Engine engine) throws Exception {
    List<String> reported = new ArrayList<>();
    Asyncio.run(
        c -> c.withEngine(engine),
        () -> {
          dev.weft.sync.Event seen = new dev.weft.sync.Event();
          Asyncio.getRunningLoop()
              .setExceptionHandler(
                  (msg, err) -> {
                    reported.add(msg + " / " + err.getMessage());
                    seen.set();
                  });
          java.lang.ref.ReferenceQueue<Object> queue = new java.lang.ref.ReferenceQueue<>();
          java.lang.ref.PhantomReference<Object> ref = failAndDrop(queue);
          java.lang.ref.Reference<?> collected = null;
          for (int i = 0; i < 50 && collected == null; i++) {
            System.gc();
            collected = queue.remove(100);
          }
          assertSame(ref, collected, "the dropped future was collected");
          // The Cleaner's report reaches the loop through its inbox; the bound is generous.
          Timeouts.failAfter(Duration.ofSeconds(30), seen::await);
          return null;
        });
    assertEquals(1, reported.size(), reported.toString());
    assertTrue(reported.get(0).startsWith("Future exception was never retrieved"), reported.get(0));
    assertTrue(reported.get(0).endsWith("dropped"), reported.get(0));
  }

  private static java.lang.ref.PhantomReference<Object> failAndDrop(
      java.lang.ref.ReferenceQueue<Object> queue) {
    AsyncFuture<String> f = Asyncio.getRunningLoop().createFuture();
    f.setException(new IOException("dropped"));
    return new java.lang.ref.PhantomReference<>(f, queue);
  }
}
