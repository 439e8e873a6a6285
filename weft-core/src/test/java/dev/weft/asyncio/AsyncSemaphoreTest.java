package dev.weft.asyncio;

import static dev.weft.asyncio.Asyncio.createTask;
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

/** asyncio's Semaphore and BoundedSemaphore rules (CPython test_locks.SemaphoreTests). */
class AsyncSemaphoreTest {
  private static void settle() {
    Scheduling.awaitAllTasksBlocked(Duration.ZERO);
  }

  /** Permits are counted; locked() says whether acquire would wait. */
  @WeftTest
  void testCounts() throws Exception {
    AsyncSemaphore sem = new AsyncSemaphore(2);
    assertTrue(sem.acquire());
    assertFalse(sem.locked());
    sem.acquire();
    assertTrue(sem.locked());
    AsyncTask<Boolean> t = createTask(sem::acquire);
    settle();
    assertFalse(t.done());
    sem.release();
    assertTrue(t.await());
    assertThrows(IllegalArgumentException.class, () -> new AsyncSemaphore(-1));
  }

  /** A woken waiter cancelled before it runs gives its permit to the next one. */
  @WeftTest
  void testWokenThenCancelledGivesPermitOn() throws Exception {
    AsyncSemaphore sem = new AsyncSemaphore(0);
    AsyncTask<Boolean> first = createTask(sem::acquire);
    AsyncTask<Boolean> second = createTask(sem::acquire);
    settle();
    sem.release();
    first.cancel();
    assertThrows(CancelledError.class, first::await);
    assertTrue(second.await());
    assertTrue(sem.locked());
  }

  /** FIFO even with a permit free: a newcomer queues behind woken waiters (3.12, gh-90155). */
  @WeftTest
  void testFifoWithFreePermits() throws Exception {
    AsyncSemaphore sem = new AsyncSemaphore(0);
    List<String> order = new ArrayList<>();
    AsyncTask<Void> a = createTask(() -> {
      sem.acquire();
      order.add("a");
      return null;
    });
    settle();
    sem.release();
    sem.release();
    assertTrue(sem.locked(), "a permit is free, but a woken waiter is ahead");
    sem.acquire();
    order.add("main");
    a.await();
    assertEquals(List.of("a", "main"), order);
  }

  /** A bounded semaphore refuses a release too many. */
  @WeftTest
  void testBoundedReleaseTooMany() throws Exception {
    AsyncBoundedSemaphore sem = new AsyncBoundedSemaphore(1);
    sem.acquire();
    sem.release();
    assertThrows(IllegalStateException.class, sem::release);
  }
}
