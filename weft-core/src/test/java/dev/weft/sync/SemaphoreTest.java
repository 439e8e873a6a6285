package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.lowlevel.Scheduling;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link Semaphore} and {@link BoundedSemaphore}. */
class SemaphoreTest {
  /** acquire takes tokens down to 0, then waits; release gives them back. */
  @WeftTest
  void testCounting() throws Exception {
    Semaphore s = new Semaphore(2);
    Held a = s.acquire();
    s.acquire();
    assertEquals(0, s.value());
    assertFalse(s.tryAcquire());
    a.close();
    assertEquals(1, s.value());
    s.release();
    s.release(); // unbounded: past the initial value is allowed
    assertEquals(3, s.value());
    assertEquals(new SemaphoreStatistics(3, 0), s.statistics());
    assertEquals(1, new Semaphore().value());
  }

  /** Waiters get tokens in arrival order; release hands the token straight over. */
  @WeftTest
  void testFifo() throws Exception {
    Semaphore s = new Semaphore(1);
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      for (String name : List.of("a", "b", "c", "d")) {
        n.startSoon(() -> {
          try (var _ = s.acquire()) {
            log.add(name + " at " + Weft.currentTime());
            Weft.sleep(Duration.ofSeconds(1));
          }
        }, name);
      }
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(new SemaphoreStatistics(0, 3), s.statistics());
    });
    assertEquals(List.of("a at 0.0", "b at 1.0", "c at 2.0", "d at 3.0"), log);
    assertEquals(1, s.value());
  }

  /** A releaser that re-acquires at once queues behind the waiter. */
  @WeftTest
  void testReleaseThenReacquireQueues() throws Exception {
    Semaphore s = new Semaphore(1);
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      s.acquire();
      n.startSoon(() -> {
        s.acquire();
        log.add("waiter");
        s.release();
      });
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      s.release();
      assertEquals(0, s.value());
      assertFalse(s.tryAcquire());
      s.acquire();
      log.add("releaser");
      s.release();
    });
    assertEquals(List.of("waiter", "releaser"), log);
  }

  /** A cancelled waiter takes no token: the value is unchanged and the next waiter is served. */
  @WeftTest
  void testCancelledWaiterTakesNothing() throws Exception {
    Semaphore s = new Semaphore(0);
    CancelScope scope = new CancelScope();
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      n.startSoon(() -> scope.run(() -> {
        s.acquire();
        log.add("unreachable");
      }));
      n.startSoon(() -> {
        s.acquire();
        log.add("second");
      });
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      scope.cancel();
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(new SemaphoreStatistics(0, 1), s.statistics());
      s.release();
    });
    assertEquals(List.of("second"), log);
    assertEquals(new SemaphoreStatistics(0, 0), s.statistics());
    CancelScope cancelled = new CancelScope();
    cancelled.cancel();
    s.release();
    cancelled.run(s::acquire); // in a cancelled scope: throws even with a token free
    assertEquals(1, s.value());
  }

  /** A bounded semaphore refuses a release past its initial value and stays unchanged. */
  @WeftTest
  void testBoundedOverRelease() throws Exception {
    BoundedSemaphore b = new BoundedSemaphore(2);
    assertEquals(2, b.maxValue());
    IllegalStateException e = assertThrows(IllegalStateException.class, b::release);
    assertTrue(e.getMessage().contains("released too many times"), e.getMessage());
    assertEquals(2, b.value());
    try (var _ = b.acquire()) {
      assertEquals(1, b.value());
    }
    assertEquals(2, b.value());
    assertTrue(b.tryAcquire());
    b.release();
    assertThrows(IllegalStateException.class, b::release);
    assertEquals(new SemaphoreStatistics(2, 0), b.statistics());
    assertEquals(1, new BoundedSemaphore().maxValue());
  }

  /** A bounded semaphore with waiters hands tokens over FIFO, and never exceeds its bound. */
  @WeftTest
  void testBoundedFifo() throws Exception {
    BoundedSemaphore b = new BoundedSemaphore(1);
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      for (String name : List.of("a", "b", "c")) {
        n.startSoon(() -> {
          try (var _ = b.acquire()) {
            log.add(name);
            Weft.sleep(Duration.ofSeconds(1));
          }
        });
      }
    });
    assertEquals(List.of("a", "b", "c"), log);
    assertEquals(1, b.value());
    assertThrows(IllegalStateException.class, b::release);
  }

  /** Negative initial values are rejected. */
  @WeftTest
  void testBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
    assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(-1));
  }

  /** acquire is a checkpoint; tryAcquire and release are not. */
  @WeftTest
  void testCheckpoints() throws Exception {
    Semaphore s = new Semaphore(1);
    BoundedSemaphore b = new BoundedSemaphore(1);
    Checkpoints.assertCheckpoints(s::acquire);
    Checkpoints.assertCheckpoints(b::acquire);
    Checkpoints.assertNoCheckpoints(() -> {
      s.release();
      b.release();
      assertTrue(s.tryAcquire());
      assertTrue(b.tryAcquire());
      assertFalse(s.tryAcquire());
    });
    Nursery.open(n -> {
      n.startSoon(() -> Checkpoints.assertCheckpoints(s::acquire));
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      s.release();
    });
    assertTrue(s.toString().contains("value 0"), s.toString());
    assertTrue(b.toString().contains("max 1"), b.toString());
  }
}
