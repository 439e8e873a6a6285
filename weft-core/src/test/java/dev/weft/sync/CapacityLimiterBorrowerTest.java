package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.lowlevel.Scheduling;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.List;

/** A borrower holds at most one token, whatever path it got there by (issue 11, item 8). */
@SuppressWarnings("try") // a hold kept only to be released by try-with-resources
class CapacityLimiterBorrowerTest {
  /** A second task waiting on behalf of a borrower that already waits is refused at once. */
  @WeftTest
  void testBorrowerWaitsOnlyOnce() throws Exception {
    CapacityLimiter limiter = new CapacityLimiter(1);
    Held mine = limiter.acquire();
    Nursery.open(
        n -> {
          n.startSoon(() -> limiter.acquireOnBehalfOf("job").close());
          Scheduling.awaitAllTasksBlocked(Duration.ZERO);
          IllegalStateException e =
              assertThrows(IllegalStateException.class, () -> limiter.acquireOnBehalfOf("job"));
          assertTrue(e.getMessage().contains("already waits"), e.getMessage());
          assertThrows(IllegalStateException.class, () -> limiter.tryAcquireOnBehalfOf("job"));
          assertEquals(1, limiter.statistics().tasksWaiting());
          limiter.setTotalTokens(3);
          assertEquals(2, limiter.borrowedTokens());
        });
    assertEquals(1, limiter.borrowedTokens());
    mine.close();
    assertEquals(0, limiter.borrowedTokens());
  }

  /** The scenario of the report: two waiters for one borrower, then more tokens; both released. */
  @WeftTest
  void testRaisingTotalNeverGivesOneBorrowerTwoTokens() throws Exception {
    CapacityLimiter limiter = new CapacityLimiter(1);
    Held mine = limiter.acquire();
    int[] failures = new int[1];
    Nursery.open(
        n -> {
          for (int i = 0; i < 2; i++) {
            n.startSoon(
                () -> {
                  try (Held h = limiter.acquireOnBehalfOf("job")) {
                    Scheduling.awaitAllTasksBlocked(Duration.ZERO);
                  } catch (IllegalStateException refused) {
                    failures[0]++;
                  }
                });
          }
          Scheduling.awaitAllTasksBlocked(Duration.ZERO);
          limiter.setTotalTokens(3);
          assertTrue(limiter.borrowedTokens() <= 2);
        });
    assertEquals(1, failures[0]);
    assertEquals(List.of(Scheduling.currentTask()), limiter.statistics().borrowers());
    mine.close();
  }
}
