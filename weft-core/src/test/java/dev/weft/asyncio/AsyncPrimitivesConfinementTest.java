package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.testing.WeftTest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** asyncio's primitives are bound to the loop they are first used in (asyncio's _LoopBoundMixin). */
class AsyncPrimitivesConfinementTest {
  /** Use from a thread outside every loop, or from another loop, fails before changing anything. */
  @WeftTest
  void testOtherThreadAndOtherLoopRefused() throws Exception {
    AsyncLock lock = new AsyncLock();
    AsyncEvent event = new AsyncEvent();
    AsyncSemaphore sem = new AsyncSemaphore(1);
    AsyncCondition cond = new AsyncCondition();
    assertTrue(lock.acquire());
    event.isSet();
    sem.locked();
    cond.locked();
    CompletableFuture<Throwable> outside = new CompletableFuture<>();
    Thread.ofPlatform().start(() -> {
      try {
        lock.release();
        outside.complete(null);
      } catch (Throwable t) {
        outside.complete(t);
      }
    });
    Throwable t = outside.get(10, TimeUnit.SECONDS);
    assertTrue(t instanceof IllegalStateException && t.getMessage().contains("AsyncLock.release"),
        String.valueOf(t));
    assertTrue(lock.locked(), "the refused release changed nothing");
    CompletableFuture<Throwable> otherLoop = new CompletableFuture<>();
    Thread.ofPlatform().start(() -> {
      try {
        Weft.run(() -> {
          assertThrows(IllegalStateException.class, event::set);
          assertThrows(IllegalStateException.class, sem::release);
          assertThrows(IllegalStateException.class, () -> cond.signal());
          return null;
        });
        otherLoop.complete(null);
      } catch (Throwable e) {
        otherLoop.complete(e);
      }
    });
    Throwable e = otherLoop.get(10, TimeUnit.SECONDS);
    if (e != null) {
      throw new AssertionError(e);
    }
    lock.release();
  }
}
