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

  /**
   * Fails unless what {@code ref} points to can be collected once the run is over (a leak check
   * of the heap: nothing of the loop, its tasks or the structure keeps it reachable).
   *
   * @param ref a weak reference to the structure
   * @param suite the suite, for the message
   */
  static void collectable(java.lang.ref.WeakReference<?> ref, String suite) {
    for (int i = 0; i < 10 && ref.get() != null; i++) {
      System.gc();
    }
    that(ref.get() == null, suite + ": the structure is still reachable after the run");
  }

  /**
   * Runs {@code body} and fails if it gets stuck: on the MockClock with autojump, a run whose
   * tasks all wait for good jumps straight to this far deadline, so a lost item, permit or
   * wake-up shows up at once as a failure instead of a hang.
   *
   * @param suite the suite, for the message
   * @param body the work
   * @throws Exception what the body threw
   */
  static void notStuck(String suite, dev.weft.Block body) throws Exception {
    try {
      dev.weft.cancel.Timeouts.failAfter(java.time.Duration.ofDays(365), body);
    } catch (dev.weft.cancel.TooSlowException e) {
      throw new AssertionError(
          suite + ": stuck, every task waits for good (an item, permit or wake-up was lost)", e);
    }
  }
}
