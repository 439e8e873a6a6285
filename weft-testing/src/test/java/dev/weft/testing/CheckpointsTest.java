package dev.weft.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.RunConfig;
import dev.weft.Weft;
import dev.weft.lowlevel.Scheduling;

/** Checkpoints.assertLetsOthersRun: passes within the budget, fails when it should. */
class CheckpointsTest {
  /** A loop of budgeted schedule points lets the probe run within the run's budget. */
  @WeftTest(schedulingBudgets = {RunConfig.DEFAULT_SCHEDULING_BUDGET, 1})
  void testPassesWithinTheRunsBudget(RunConfig config) throws Exception {
    Checkpoints.assertLetsOthersRun(
        config.schedulingBudget(), Scheduling::cancelShieldedCheckpoint);
  }

  /** Claiming a smaller bound than the run's budget fails, naming what the probe waited. */
  @WeftTest
  void testFailsWhenTheProbeWaitsLonger(RunConfig config) {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                Checkpoints.assertLetsOthersRun(
                    config.schedulingBudget() / 2, Scheduling::cancelShieldedCheckpoint));
    assertTrue(e.getMessage().contains("schedule points; the budget is"), e.getMessage());
  }

  /** An operation that passes no schedule point is not a checkpoint, and the helper says so. */
  @WeftTest
  void testFailsForAnOperationWithoutSchedulePoint() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> Checkpoints.assertLetsOthersRun(8, Scheduling::checkpointIfCancelled));
    assertTrue(e.getMessage().contains("passed no schedule point"), e.getMessage());
  }

  /** A budget below 1 is refused. */
  @WeftTest
  void testBudgetBelowOneRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> Checkpoints.assertLetsOthersRun(0, Weft::checkpoint));
  }
}
