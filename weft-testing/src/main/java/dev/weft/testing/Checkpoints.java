package dev.weft.testing;

import dev.weft.Block;
import dev.weft.Weft;
import dev.weft.lowlevel.Task;

/**
 * Assertions about checkpoints (Trio's {@code assert_checkpoints}): that a block of code lets
 * other tasks run and can be cancelled, or that it does neither.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * Checkpoints.assertCheckpoints(() -> Weft.sleep(Duration.ZERO));
 * Checkpoints.assertNoCheckpoints(() -> nursery.startSoon(work));
 * }
 *
 * Both must be called from a weft task, and count the checkpoints of the calling task only.
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
