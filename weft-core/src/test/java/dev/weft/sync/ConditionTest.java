package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.Task;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Condition}: await/signal, lock re-acquisition, cancellation, owner checks. */
class ConditionTest {
  /** Starts a task that awaits the condition once and logs its name. */
  private static void waiter(Nursery n, Condition c, List<String> log, String name) {
    n.startSoon(() -> {
      try (var _ = c.acquire()) {
        c.await();
        log.add(name + " woke holding the lock: " + (c.statistics().lockStatistics().owner()
            .orElseThrow() == Scheduling.currentTask()));
      }
    }, name);
  }

  /** signal wakes one waiter, signal(n) n, signalAll the rest, in the order they waited. */
  @WeftTest
  void testSignalOrder() throws Exception {
    Condition c = new Condition();
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      for (String name : List.of("a", "b", "c", "d")) {
        waiter(n, c, log, name);
      }
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(4, c.statistics().tasksWaiting());
      try (var _ = c.acquire()) {
        c.signal();
      }
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(List.of("a woke holding the lock: true"), log);
      try (var _ = c.acquire()) {
        c.signal(2);
        assertEquals(1, c.statistics().tasksWaiting());
        assertEquals(2, c.statistics().lockStatistics().tasksWaiting());
      }
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      try (var _ = c.acquire()) {
        c.signalAll();
      }
    });
    assertEquals(
        List.of("a woke holding the lock: true", "b woke holding the lock: true",
            "c woke holding the lock: true", "d woke holding the lock: true"),
        log);
    assertEquals(new ConditionStatistics(0, new LockStatistics(false, Optional.empty(), 0)),
        c.statistics());
  }

  /** A signalled waiter does not run until the signaller releases the lock. */
  @WeftTest
  void testSignalledWaiterWaitsForLock() throws Exception {
    Condition c = new Condition();
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      waiter(n, c, log, "a");
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      try (var _ = c.acquire()) {
        c.signal();
        Weft.sleep(Duration.ofSeconds(1));
        log.add("signaller releases");
      }
    });
    assertEquals(List.of("signaller releases", "a woke holding the lock: true"), log);
  }

  /** awaitFor checks the predicate with the lock held and returns once it is true. */
  @WeftTest
  void testAwaitFor() throws Exception {
    Condition c = new Condition();
    int[] counter = new int[1];
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      n.startSoon(() -> {
        try (var _ = c.acquire()) {
          c.awaitFor(() -> counter[0] >= 3);
          log.add("saw " + counter[0] + " at " + Weft.currentTime());
        }
      });
      for (int i = 0; i < 3; i++) {
        Weft.sleep(Duration.ofSeconds(1));
        try (var _ = c.acquire()) {
          counter[0]++;
          c.signalAll();
        }
      }
    });
    assertEquals(List.of("saw 3 at 3.0"), log);
  }

  /** A cancelled await re-acquires the lock before it throws, even if another task holds it. */
  @WeftTest
  void testCancelledAwaitReacquires() throws Exception {
    Condition c = new Condition();
    List<String> log = new ArrayList<>();
    CancelScope scope = new CancelScope();
    Nursery.open(n -> {
      n.startSoon(() -> scope.run(() -> {
        try (var _ = c.acquire()) {
          try {
            c.await();
          } catch (CancelledError e) {
            log.add("cancelled at " + Weft.currentTime() + ", holding the lock: "
                + c.lock().statistics().owner().equals(Optional.of(Scheduling.currentTask())));
            throw e;
          }
        }
      }), "waiter");
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      try (var _ = c.acquire()) {
        scope.cancel();
        Weft.sleep(Duration.ofSeconds(2)); // the waiter must wait for the lock
        log.add("main releases at " + Weft.currentTime());
      }
    });
    assertEquals(List.of("main releases at 2.0", "cancelled at 2.0, holding the lock: true"), log);
    assertTrue(scope.cancelledCaught());
    assertEquals(false, c.lock().isLocked());
  }

  /** A waiter cancelled after it was signalled (while queued for the lock) also re-acquires. */
  @WeftTest
  void testCancelledAfterSignal() throws Exception {
    Condition c = new Condition();
    List<String> log = new ArrayList<>();
    CancelScope scope = new CancelScope();
    Nursery.open(n -> {
      n.startSoon(() -> scope.run(() -> {
        try (var _ = c.acquire()) {
          try {
            c.await();
          } catch (CancelledError e) {
            log.add("cancelled, lock held: " + c.lock().isLocked());
            throw e;
          }
        }
      }));
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      try (var _ = c.acquire()) {
        c.signal();
        scope.cancel();
        Scheduling.awaitAllTasksBlocked(Duration.ZERO);
        assertEquals(1, c.lock().statistics().tasksWaiting());
      }
    });
    assertEquals(List.of("cancelled, lock held: true"), log);
    assertEquals(false, c.lock().isLocked());
  }

  /** await, awaitFor and the signals need the lock; the errors say so. */
  @WeftTest
  void testOwnerChecks() {
    Condition c = new Condition();
    IllegalStateException e = assertThrows(IllegalStateException.class, c::await);
    assertTrue(e.getMessage().contains("does not hold the condition's lock"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> c.awaitFor(() -> true));
    assertThrows(IllegalStateException.class, c::signal);
    assertThrows(IllegalStateException.class, () -> c.signal(2));
    assertThrows(IllegalStateException.class, c::signalAll);
    assertThrows(IllegalStateException.class, c::release);
    assertTrue(c.tryAcquire());
    assertThrows(IllegalArgumentException.class, () -> c.signal(-1));
    assertThrows(NullPointerException.class, () -> c.awaitFor(null));
    c.release();
  }

  /** A condition can share a lock; acquiring through either is the same lock. */
  @WeftTest
  void testSharedLock() throws Exception {
    Lock lock = new Lock();
    Condition a = new Condition(lock);
    Condition b = new Condition(lock);
    assertSame(lock, a.lock());
    try (var _ = a.acquire()) {
      assertThrows(IllegalStateException.class, b::acquire);
      b.signalAll(); // allowed: b's lock is held
    }
  }

  /** await and awaitFor are checkpoints (awaitFor even when the predicate holds); signals not. */
  @WeftTest
  void testCheckpoints() throws Exception {
    Condition c = new Condition();
    Task me = Scheduling.currentTask();
    try (var _ = c.acquire()) {
      Checkpoints.assertCheckpoints(() -> c.awaitFor(() -> true));
      Checkpoints.assertNoCheckpoints(() -> {
        c.signal();
        c.signal(3);
        c.signalAll();
      });
    }
    Nursery.open(n -> {
      n.startSoon(() -> {
        try (var _ = c.acquire()) {
          c.signal();
        }
      });
      try (var _ = c.acquire()) {
        Checkpoints.assertCheckpoints(c::await);
        assertEquals(Optional.of(me), c.lock().statistics().owner());
      }
    });
  }
}
