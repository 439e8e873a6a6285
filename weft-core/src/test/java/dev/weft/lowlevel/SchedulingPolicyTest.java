package dev.weft.lowlevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.RunConfig;
import dev.weft.Weft;
import dev.weft.asyncio.Asyncio;
import dev.weft.cancel.CancelScope;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.MockClock;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduling policy at schedule points (DESIGN.md, invariant 3): a cooperative budget of
 * schedule points a task may pass without yielding; explicit checkpoints always yield.
 */
class SchedulingPolicyTest {
  /** The default budget (Tokio's figure). */
  static final int BUDGET = RunConfig.DEFAULT_SCHEDULING_BUDGET;

  /** The body of a watched run: sets {@code count[0]} as it goes. */
  @FunctionalInterface
  private interface Watched {
    void run(long[] count) throws Exception;
  }

  /**
   * Runs {@code body} beside a watcher task that records {@code count[0]} each time it runs and
   * yields at every turn with an explicit checkpoint (so it is runnable whenever the body runs).
   * The watcher runs once before the body, which so starts with a fresh budget.
   *
   * @return the values of {@code count[0]} the watcher saw
   */
  private static List<Long> watch(Watched body) throws Exception {
    long[] count = {0};
    boolean[] done = {false};
    List<Long> seen = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                while (!done[0]) {
                  seen.add(count[0]);
                  Weft.checkpoint();
                }
              },
              "watcher");
          Weft.checkpoint();
          body.run(count);
          done[0] = true;
        });
    return seen;
  }

  /**
   * With another task runnable, a task passes budget - 1 schedule points without yielding and
   * yields at the budget-th; every step starts with a fresh budget.
   */
  @WeftTest(schedulingBudgets = {BUDGET, 1, 3})
  void testSchedulePointsYieldOncePerBudget(RunConfig config) throws Exception {
    int budget = config.schedulingBudget();
    List<Long> seen =
        watch(
            count -> {
              for (int i = 1; i <= 3 * budget; i++) {
                count[0] = i;
                Scheduling.cancelShieldedCheckpoint();
              }
            });
    assertEquals(List.of(0L, (long) budget, 2L * budget, 3L * budget), seen);
  }

  /** Weft.checkpoint, sleep(0) and asyncio's sleep(0) yield every time, whatever the budget. */
  @WeftTest(schedulingBudgets = {BUDGET, 1})
  void testExplicitCheckpointsAlwaysYield() throws Exception {
    List<Long> seen =
        watch(
            count -> {
              count[0] = 1;
              Weft.checkpoint();
              count[0] = 2;
              Weft.sleep(Duration.ZERO);
              count[0] = 3;
              Asyncio.sleep(Duration.ZERO);
            });
    assertEquals(List.of(0L, 1L, 2L, 3L), seen);
  }

  /**
   * A schedule point that does not switch is still counted, so assertCheckpoints passes for it:
   * it tests that the point exists, not that a switch happened.
   */
  @WeftTest
  void testSchedulePointWithoutSwitchCounts() throws Exception {
    List<Long> seen =
        watch(
            count -> {
              count[0] = 1;
              Checkpoints.assertCheckpoints(
                  () -> {
                    Scheduling.checkpointIfCancelled();
                    Scheduling.cancelShieldedCheckpoint();
                  });
            });
    assertEquals(List.of(0L), seen, "the schedule point must not have switched");
  }

  /**
   * A task that loops over schedule points with nothing else runnable still yields to the loop
   * once per budget, so a deadline on it fires (timers are expired by the loop, not the task).
   */
  @WeftTest(autojump = false, schedulingBudgets = {BUDGET, 1})
  void testBusyTaskStillSeesItsDeadline(MockClock clock, RunConfig config) throws Exception {
    int[] pointsAfterJump = {-1};
    CancelScope scope = CancelScope.withRelativeDeadline(Duration.ofSeconds(1));
    scope.run(
        () -> {
          for (int i = 0; i < 100 * BUDGET; i++) {
            if (i == 10) {
              clock.jump(2.0);
              pointsAfterJump[0] = 0;
            } else if (pointsAfterJump[0] >= 0) {
              pointsAfterJump[0]++;
            }
            Scheduling.checkpointIfCancelled();
            Scheduling.cancelShieldedCheckpoint();
          }
        });
    assertTrue(scope.cancelledCaught(), "the deadline never fired");
    assertTrue(
        pointsAfterJump[0] <= config.schedulingBudget(),
        "the deadline fired only after " + pointsAfterJump[0] + " schedule points");
  }

  /**
   * With two or more tasks waiting to run, every schedule point yields whatever budget is left:
   * the budget lets a task run ahead of one partner, not of a crowd (ADR 0011). Two watchers that
   * yield at every turn each see every value of the counter.
   */
  @WeftTest(schedulingBudgets = {BUDGET, 1})
  void testTwoWaitingTasksTakeTurnsAtEverySchedulePoint() throws Exception {
    long[] count = {0};
    boolean[] done = {false};
    List<String> seen = new ArrayList<>();
    Nursery.open(
        n -> {
          for (String name : List.of("a", "b")) {
            n.startSoon(
                () -> {
                  while (!done[0]) {
                    seen.add(name + count[0]);
                    Weft.checkpoint();
                  }
                },
                name);
          }
          Weft.checkpoint();
          for (int i = 1; i <= 3; i++) {
            count[0] = i;
            Scheduling.cancelShieldedCheckpoint();
          }
          done[0] = true;
        });
    assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2", "a3", "b3"), seen);
  }

  /**
   * A timer that comes due while a long batch runs fires within 64 of the batch's entries, and
   * what it woke runs ahead of the rest of the batch, not after all of it (ADR 0012). Under the
   * MockClock time moves only when a task jumps it; here the batch's first task does.
   */
  @WeftTest(autojump = false, schedulingBudgets = {BUDGET, 1})
  void testTimerDueDuringALongBatchRunsAheadOfItsRest(MockClock clock) throws Exception {
    int batch = 200;
    List<Integer> ran = new ArrayList<>();
    int[] wokeAfter = {-1};
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                Weft.sleep(Duration.ofSeconds(1));
                wokeAfter[0] = ran.size();
              });
          Scheduling.awaitAllTasksBlocked(Duration.ZERO);
          for (int i = 0; i < batch; i++) {
            int k = i;
            n.startSoon(
                () -> {
                  if (k == 0) {
                    clock.jump(2);
                  }
                  ran.add(k);
                });
          }
        });
    assertEquals(64, wokeAfter[0], "the sleeper ran after the 64th entry of the batch");
    assertEquals(batch, ran.size());
    for (int i = 0; i < batch; i++) {
      assertEquals(i, ran.get(i), "the rest of the batch kept its order");
    }
  }

  /** A timer due only after the batch leaves the batch's order alone: it fires between cycles. */
  @WeftTest(autojump = false)
  void testTimerNotDueLeavesTheBatchAlone(MockClock clock) throws Exception {
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                Weft.sleep(Duration.ofSeconds(1));
                log.add("sleeper");
              });
          Scheduling.awaitAllTasksBlocked(Duration.ZERO);
          for (int i = 0; i < 200; i++) {
            n.startSoon(() -> log.add("task"));
          }
          Scheduling.awaitAllTasksBlocked(Duration.ZERO);
          clock.jump(1);
        });
    assertEquals(201, log.size());
    assertEquals("sleeper", log.get(200));
  }
}
