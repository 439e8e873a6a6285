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
   * Runs {@code body} and fails unless it passed at least one schedule point and one cancel point
   * (a body that ends with {@link dev.weft.cancel.CancelledError} passed a cancel point).
   *
   * @param body the code under test
   * @throws AssertionError if it did not checkpoint
   * @throws Exception what the body threw
   */
  public static void assertCheckpoints(Block body) throws Exception {
    check(body, true);
  }

  /**
   * Runs {@code body} and fails if it passed any schedule point or cancel point.
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
    body.run();
    boolean scheduled = task.schedulePoints() > schedule;
    boolean cancellable = task.cancelPoints() > cancel;
    if (expected && !(scheduled && cancellable)) {
      throw new AssertionError(
          "expected a checkpoint, but the block passed "
              + (scheduled ? "" : "no schedule point")
              + (!scheduled && !cancellable ? " and " : "")
              + (cancellable ? "" : "no cancel point"));
    }
    if (!expected && (scheduled || cancellable)) {
      throw new AssertionError(
          "expected no checkpoint, but the block passed "
              + (task.schedulePoints() - schedule)
              + " schedule point(s) and "
              + (task.cancelPoints() - cancel)
              + " cancel point(s)");
    }
  }
}
