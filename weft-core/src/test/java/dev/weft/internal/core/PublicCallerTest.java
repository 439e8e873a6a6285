package dev.weft.internal.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.queue.FifoQueue;
import dev.weft.sync.Event;
import dev.weft.sync.Lock;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Errors a user can hit name the public method the user called (issue 13, item 5), not the
 * helper deep inside that noticed the problem ({@code Scheduling.checkpointIfCancelled}).
 */
class PublicCallerTest {
  private static void assertStartsWith(String prefix, Throwable e) {
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
  }

  /** Outside any loop: the message names Lock.acquire, Event.await, Weft.sleep, Queue.get. */
  @Test
  void testOutsideALoop() {
    assertStartsWith(
        "Lock.acquire must be called from a weft task",
        assertThrows(IllegalStateException.class, () -> new Lock().acquire()));
    assertStartsWith(
        "Event.await must be called from a weft task",
        assertThrows(IllegalStateException.class, () -> new Event().await()));
    assertStartsWith(
        "Weft.sleep must be called from a weft task",
        assertThrows(IllegalStateException.class, () -> Weft.sleep(Duration.ZERO)));
    assertStartsWith(
        "Queue.get must be called from a weft task",
        assertThrows(IllegalStateException.class, () -> new FifoQueue<String>().get()));
  }

  /** From another thread: the message names the method called there, CancelScope.cancel. */
  @WeftTest
  void testFromAnotherThread() throws Exception {
    CancelScope scope = new CancelScope();
    AtomicReference<Throwable> error = new AtomicReference<>();
    scope.run(
        () -> {
          Thread t =
              Thread.ofPlatform()
                  .start(
                      () -> {
                        try {
                          scope.cancel();
                        } catch (Throwable e) {
                          error.set(e);
                        }
                      });
          t.join();
        });
    assertStartsWith("CancelScope.cancel() was called from thread", error.get());
  }
}
