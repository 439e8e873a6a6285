package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.cancel.CancelledError;
import dev.weft.cancel.Timeouts;
import dev.weft.testing.WeftTest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** gather: order, failures, cancelled children, cancelling the gather. */
class GatherTest {
  static String job(String name, int seconds) {
    Weft.sleep(Duration.ofSeconds(seconds));
    return name;
  }

  /** Results come back in argument order, after the slowest child: they ran concurrently. */
  @WeftTest
  void testResultsInOrder() throws Exception {
    List<String> r =
        Asyncio.gather(() -> job("a", 2), () -> job("b", 1), () -> job("c", 3)).await();
    assertEquals(List.of("a", "b", "c"), r);
    assertEquals(3.0, Weft.currentTime());
  }

  /** No awaitables: an empty list at once. */
  @WeftTest
  void testEmpty() throws Exception {
    assertEquals(List.of(), Asyncio.<String>gather().await());
  }

  /** The first failure reaches the awaiter at once; the other children keep running. */
  @WeftTest
  void testFailureFirstAndOthersRun() throws Exception {
    AsyncTask<String> slow = Asyncio.createTask(() -> job("slow", 5));
    IOException boom = new IOException("boom");
    AsyncFuture<List<String>> g =
        Asyncio.gather(
            slow,
            () -> {
              Weft.sleep(Duration.ofSeconds(1));
              throw boom;
            });
    assertSame(boom, assertThrows(IOException.class, g::await));
    assertEquals(1.0, Weft.currentTime());
    assertFalse(slow.done());
    assertEquals("slow", slow.await());
  }

  /** With returnExceptions, a failing and a cancelled child become results. */
  @WeftTest
  void testReturnExceptions() throws Exception {
    IOException boom = new IOException("boom");
    AsyncTask<String> cancelled = Asyncio.createTask(() -> job("never", 10));
    AsyncFuture<List<Object>> g =
        Asyncio.gather(
            true,
            () -> job("a", 1),
            () -> {
              throw boom;
            },
            cancelled);
    Weft.sleep(Duration.ofMillis(500));
    cancelled.cancel("skip");
    List<Object> r = g.await();
    assertEquals("a", r.get(0));
    assertSame(boom, r.get(1));
    assertInstanceOf(CancelledError.class, r.get(2));
    assertEquals("skip", ((CancelledError) r.get(2)).getMessage());
  }

  /** A cancelled child counts as CancelledError without cancelling the gather. */
  @WeftTest
  void testCancelledChildDoesNotCancelGather() throws Exception {
    AsyncTask<String> child = Asyncio.createTask(() -> job("x", 10));
    AsyncTask<String> other = Asyncio.createTask(() -> job("y", 2));
    AsyncFuture<List<String>> g = Asyncio.gather(child, other);
    Weft.sleep(Duration.ofSeconds(1));
    child.cancel();
    assertThrows(CancelledError.class, g::await);
    assertFalse(g.cancelled());
    assertFalse(other.cancelled());
    assertEquals("y", other.await());
  }

  /** Cancelling the gather cancels its children that are not done. */
  @WeftTest
  void testCancelGatherCancelsChildren() throws Exception {
    AsyncTask<String> done = Asyncio.createTask(() -> "quick");
    AsyncTask<String> slow = Asyncio.createTask(() -> job("slow", 10));
    AsyncFuture<List<String>> g = Asyncio.gather(done, slow);
    Weft.sleep(Duration.ofSeconds(1));
    assertTrue(g.cancel());
    assertThrows(CancelledError.class, g::await);
    assertTrue(slow.cancelled());
    assertEquals("quick", done.result());
  }

  /** A task awaiting a gather that is cancelled by a timeout cancels the children. */
  @WeftTest
  void testWaiterCancelledCancelsChildren() throws Exception {
    AsyncTask<String> slow = Asyncio.createTask(() -> job("slow", 10));
    AsyncFuture<List<String>> g = Asyncio.gather(slow, () -> job("other", 10));
    Timeouts.moveOnAfter(Duration.ofSeconds(1), () -> g.await());
    assertTrue(slow.cancelled());
    assertEquals(1.0, Weft.currentTime());
  }
}
