package dev.weft.stress;

import dev.weft.lowlevel.RunStatistics;
import dev.weft.lowlevel.Scheduling;

/** The assertions the suites share; they throw {@link AssertionError}, as JUnit's do. */
final class Check {
  private Check() {}

  /**
   * Fails unless {@code condition} holds.
   *
   * @param condition what must hold
   * @param what what went wrong, for the message
   */
  static void that(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what);
    }
  }

  /**
   * Fails unless the loop has nothing left over: only the calling task lives, nothing is runnable,
   * no timer is pending (a leak check of tasks, timers and the inbox).
   *
   * @param suite the suite, for the message
   */
  static void nothingLeft(String suite) {
    RunStatistics s = Scheduling.currentStatistics();
    that(s.tasksLiving() == 1, suite + ": tasks left alive: " + s);
    that(s.tasksRunnable() == 0, suite + ": tasks left runnable: " + s);
    that(s.secondsToNextDeadline() == Double.POSITIVE_INFINITY, suite + ": timers left: " + s);
    that(s.runSyncSoonQueueSize() == 0, suite + ": callbacks left: " + s);
  }
}
