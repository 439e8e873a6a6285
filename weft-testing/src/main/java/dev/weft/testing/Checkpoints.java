package dev.weft.testing;

import dev.weft.Block;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.lowlevel.Task;

/**
 * Assertions about checkpoints (Trio's {@code assert_checkpoints}): that a block of code lets
 * other tasks run and can be cancelled, or that it does neither, and that a loop of an operation
 * lets other tasks run within the scheduling budget.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * Checkpoints.assertCheckpoints(() -> Weft.sleep(Duration.ZERO));
 * Checkpoints.assertNoCheckpoints(() -> nursery.startSoon(work));
 * Checkpoints.assertLetsOthersRun(128, () -> tx.send(1));
 * }
 *
 * They must be called from a weft task, and count the checkpoints of the calling task only.
 *
 * <h2>Schedule points that do not switch</h2>
 *
 * A schedule point is where the scheduler applies its policy (DESIGN.md, invariant 3): with the
 * default cooperative budget, most schedule points of an operation that did not block let the
 * task go on running. {@link #assertCheckpoints} counts the point, not a switch, so it passes for
 * them; {@link #assertLetsOthersRun} is the check that the switches do come.
 */
public final class Checkpoints {
  private Checkpoints() {}

  /**
   * Runs {@code body} and fails unless it passed at least one schedule point and one cancel point.
   * The check is made even when the body throws (the body's exception then becomes the
   * assertion's cause); otherwise the body's exception is rethrown unchanged.
   *
   * @param body the code under test
   * @throws AssertionError if it did not checkpoint
   * @throws Exception what the body threw
   */
  public static void assertCheckpoints(Block body) throws Exception {
    check(body, true);
  }

  /**
   * Runs {@code body} and fails if it passed any schedule point or cancel point, whether or not
   * it throws.
   *
   * @param body the code under test
   * @throws AssertionError if it did checkpoint
   * @throws Exception what the body threw
   */
  public static void assertNoCheckpoints(Block body) throws Exception {
    check(body, false);
  }

  /**
   * Runs {@code operation} in a loop in the current task, with another task runnable all along,
   * and fails unless that task runs at least once every {@code budget} schedule points of the
   * current task. It is the fairness check for an operation that need not block (a {@code send}
   * into a channel with room, an uncontended {@code acquire}): such a loop must not starve the
   * other tasks, whatever the operation's fast path does.
   *
   * <p>The loop stops once the current task has passed four budgets' worth of schedule points;
   * each call of {@code operation} must pass at least one (an operation that is a checkpoint does).
   * Pass the run's budget ({@code RunConfig.schedulingBudget()}) to check the policy's bound.
   *
   * @param budget the most schedule points the current task may pass between two runs of the
   *     other task; at least 1
   * @param operation one call of the operation under test
   * @throws AssertionError if the other task waited longer, or if a call passed no schedule point
   * @throws IllegalArgumentException if {@code budget} is below 1
   * @throws Exception what the operation threw
   */
  public static void assertLetsOthersRun(int budget, Block operation) throws Exception {
    if (budget < 1) {
      throw new IllegalArgumentException(
          "Checkpoints.assertLetsOthersRun: the budget must be at least 1, got " + budget);
    }
    Task me = Weft.currentTask();
    long start = me.schedulePoints();
    long[] lastSeen = {start};
    long[] longestWait = {0};
    int[] otherRuns = {0};
    boolean[] done = {false};
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                // Weft.checkpoint always yields, so this task is runnable whenever the loop
                // below runs.
                while (!done[0]) {
                  long now = me.schedulePoints();
                  longestWait[0] = Math.max(longestWait[0], now - lastSeen[0]);
                  lastSeen[0] = now;
                  otherRuns[0]++;
                  Weft.checkpoint();
                }
              },
              "assertLetsOthersRun-probe");
          long goal = start + 4L * budget;
          while (me.schedulePoints() < goal) {
            long before = me.schedulePoints();
            operation.run();
            if (me.schedulePoints() == before) {
              done[0] = true;
              throw new AssertionError(
                  "Checkpoints.assertLetsOthersRun: a call of the operation passed no schedule"
                      + " point, so it is not a checkpoint");
            }
          }
          done[0] = true;
        });
    // The probe's last run saw the loop's last stretch, up to the nursery's wait for it.
    if (longestWait[0] > budget) {
      throw new AssertionError(
          "Checkpoints.assertLetsOthersRun: another runnable task waited while the current task"
              + " passed "
              + longestWait[0]
              + " schedule points; the budget is "
              + budget);
    }
    if (otherRuns[0] < 4) {
      throw new AssertionError(
          "Checkpoints.assertLetsOthersRun: another runnable task ran only "
              + otherRuns[0]
              + " times while the current task passed "
              + (me.schedulePoints() - start)
              + " schedule points with a budget of "
              + budget);
    }
  }

  private static void check(Block body, boolean expected) throws Exception {
    Task task = Weft.currentTask();
    long schedule = task.schedulePoints();
    long cancel = task.cancelPoints();
    Throwable thrown = null;
    try {
      body.run();
    } catch (Throwable t) {
      thrown = t;
    }
    // Checked whether or not the body threw: a body that ends in CancelledError must still have
    // passed its checkpoints (Trio checks in a finally block too).
    AssertionError failure = verdict(task, schedule, cancel, expected);
    if (failure != null) {
      if (thrown != null) {
        failure.initCause(thrown);
      }
      throw failure;
    }
    if (thrown instanceof Exception e) {
      throw e;
    }
    if (thrown instanceof Error e) {
      throw e;
    }
  }

  private static AssertionError verdict(Task task, long schedule, long cancel, boolean expected) {
    boolean scheduled = task.schedulePoints() > schedule;
    boolean cancellable = task.cancelPoints() > cancel;
    if (expected && !(scheduled && cancellable)) {
      return new AssertionError(
          "expected a checkpoint, but the block passed "
              + (scheduled ? "" : "no schedule point")
              + (!scheduled && !cancellable ? " and " : "")
              + (cancellable ? "" : "no cancel point"));
    }
    if (!expected && (scheduled || cancellable)) {
      return new AssertionError(
          "expected no checkpoint, but the block passed "
              + (task.schedulePoints() - schedule)
              + " schedule point(s) and "
              + (task.cancelPoints() - cancel)
              + " cancel point(s)");
    }
    return null;
  }
}
