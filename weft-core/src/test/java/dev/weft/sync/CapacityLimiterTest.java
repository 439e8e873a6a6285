package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.Task;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link CapacityLimiter}: tokens, borrowers, a changing total, cancellation. */
class CapacityLimiterTest {
  /** Starts a task that holds a token for {@code seconds} and logs when it got it. */
  private static void user(Nursery n, CapacityLimiter l, List<String> log, String name, int s) {
    n.startSoon(() -> {
      try (var _ = l.acquire()) {
        log.add(name + " at " + Weft.currentTime());
        Weft.sleep(Duration.ofSeconds(s));
      }
    }, name);
  }

  /** At most totalTokens tasks hold a token; the others wait their turn in order. */
  @WeftTest
  void testLimitsConcurrency() throws Exception {
    CapacityLimiter l = new CapacityLimiter(2);
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      for (String name : List.of("a", "b", "c", "d", "e")) {
        user(n, l, log, name, 1);
      }
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      CapacityLimiterStatistics st = l.statistics();
      assertEquals(2, st.borrowedTokens());
      assertEquals(2, st.totalTokens());
      assertEquals(List.of("a", "b"), st.borrowers().stream().map(b -> ((Task) b).name()).toList());
      assertEquals(3, st.tasksWaiting());
      assertEquals(0, l.availableTokens());
    });
    assertEquals(List.of("a at 0.0", "b at 0.0", "c at 1.0", "d at 1.0", "e at 2.0"), log);
    assertEquals(new CapacityLimiterStatistics(0, 2, List.of(), 0), l.statistics());
  }

  /** Raising the total wakes waiters at once; lowering it takes effect as tokens come back. */
  @WeftTest
  void testRaisingTotalWakesWaiters() throws Exception {
    CapacityLimiter l = new CapacityLimiter(1);
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      for (String name : List.of("a", "b", "c", "d")) {
        user(n, l, log, name, 10);
      }
      Weft.sleep(Duration.ofSeconds(1));
      l.setTotalTokens(3);
      assertEquals(3, l.borrowedTokens());
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(List.of("a at 0.0", "b at 1.0", "c at 1.0"), log);
      l.setTotalTokens(1); // nobody loses a token
      assertEquals(3, l.borrowedTokens());
      assertEquals(0, l.availableTokens());
    });
    // a ends at 10, b and c at 11; d needs borrowed < 1, i.e. all three back: t=11.
    assertEquals(List.of("a at 0.0", "b at 1.0", "c at 1.0", "d at 11.0"), log);
  }

  /** acquireOnBehalfOf names the borrower; another task can release for it. */
  @WeftTest
  void testOnBehalfOf() throws Exception {
    CapacityLimiter l = new CapacityLimiter(1);
    Held held = l.acquireOnBehalfOf("job-1");
    assertEquals(List.of("job-1"), l.statistics().borrowers());
    assertFalse(l.tryAcquireOnBehalfOf("job-2"));
    Nursery.open(n -> n.startSoon(held::close));
    assertEquals(0, l.borrowedTokens());
    assertTrue(l.tryAcquireOnBehalfOf("job-2"));
    l.releaseOnBehalfOf("job-2");
    assertTrue(l.tryAcquire());
    l.release();
  }

  /**
   * A borrower whose toString() throws still gets the limiter's own error, naming its class: the
   * user's toString never replaces weft's message (issue 11, item 2).
   */
  @WeftTest
  void testBorrowerWithHostileToString() throws Exception {
    Object job =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("toString failed");
          }
        };
    CapacityLimiter l = new CapacityLimiter(5);
    l.acquireOnBehalfOf(job);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> l.acquireOnBehalfOf(job));
    assertTrue(e.getMessage().contains("already holds"), e.getMessage());
    assertTrue(e.getMessage().contains("its toString() threw"), e.getMessage());
    l.releaseOnBehalfOf(job);
    e = assertThrows(IllegalStateException.class, () -> l.releaseOnBehalfOf(job));
    assertTrue(e.getMessage().contains("holds none"), e.getMessage());
    assertEquals(0, l.borrowedTokens());
  }

  /** A borrower may hold one token; releasing one it does not hold is an error. */
  @WeftTest
  void testBorrowerErrors() throws Exception {
    CapacityLimiter l = new CapacityLimiter(5);
    try (var _ = l.acquire()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, l::acquire);
      assertTrue(e.getMessage().contains("task 'weft-main' already holds"), e.getMessage());
      assertThrows(IllegalStateException.class, l::tryAcquire);
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, l::release);
    assertTrue(e.getMessage().contains("holds none"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> l.releaseOnBehalfOf("stranger"));
    assertThrows(NullPointerException.class, () -> l.acquireOnBehalfOf(null));
    assertThrows(IllegalArgumentException.class, () -> new CapacityLimiter(-1));
    assertThrows(IllegalArgumentException.class, () -> l.setTotalTokens(-3));
    assertEquals(5, l.totalTokens());
  }

  /** A cancelled waiter takes no token and leaves no pending borrower behind. */
  @WeftTest
  void testCancelledWaiterTakesNothing() throws Exception {
    CapacityLimiter l = new CapacityLimiter(1);
    CancelScope scope = new CancelScope();
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      l.acquire();
      n.startSoon(() -> scope.run(() -> l.acquireOnBehalfOf("cancelled")));
      n.startSoon(() -> {
        l.acquireOnBehalfOf("second");
        log.add("second got it");
        l.releaseOnBehalfOf("second");
      });
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      scope.cancel();
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(1, l.statistics().tasksWaiting());
      l.release();
    });
    assertEquals(List.of("second got it"), log);
    assertEquals(new CapacityLimiterStatistics(0, 1, List.of(), 0), l.statistics());
  }

  /** A waiter is not overtaken by tryAcquire, even when the total grows past what is held. */
  @WeftTest
  void testNoBargingPastWaiters() throws Exception {
    CapacityLimiter l = new CapacityLimiter(1);
    Nursery.open(n -> {
      l.acquire();
      n.startSoon(() -> l.acquireOnBehalfOf("waiter"));
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertFalse(l.tryAcquireOnBehalfOf("newcomer"));
      l.release();
      assertEquals(List.of("waiter"), l.statistics().borrowers());
    });
    l.releaseOnBehalfOf("waiter");
  }

  /** The acquire methods are checkpoints; the others are not. */
  @WeftTest
  void testCheckpoints() throws Exception {
    CapacityLimiter l = new CapacityLimiter(1);
    Checkpoints.assertCheckpoints(l::acquire);
    Checkpoints.assertNoCheckpoints(l::release);
    Checkpoints.assertCheckpoints(() -> l.acquireOnBehalfOf("x"));
    Checkpoints.assertNoCheckpoints(() -> {
      l.releaseOnBehalfOf("x");
      assertTrue(l.tryAcquire());
      l.setTotalTokens(2);
      assertTrue(l.tryAcquireOnBehalfOf("y"));
    });
    assertTrue(l.toString().contains("2/2 borrowed"), l.toString());
  }
}
