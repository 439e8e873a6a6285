package dev.weft.internal.core;

import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Abort;
import dev.weft.lowlevel.AbortFunction;

/**
 * One sleeping task's wake-up: the action of its timer (wake the task) and the abort function of
 * its park (drop the timer), in one object.
 *
 * <p>Why not Trio's {@code sleep_until} (a private cancel scope with the deadline around {@code
 * sleep_forever}), which weft used before: a sleeping task then held a scope, a cancel status, the
 * status's task list and the timer's lambda, about 160 bytes, and entering and leaving the scope
 * recalculated cancel statuses twice per sleep. The timers workload parks 100k sleeping tasks at
 * once, and young-GC pauses over that heap were most of its lateness (issue 12). The behaviour is
 * the same: the sleep is a checkpoint (it always parks; a cancellation pending on entry is
 * delivered by the loop right after the park, as for any park in a cancelled scope), a
 * cancellation from outside ends it with a CancelledError, and the deadline ends it normally.
 */
final class Sleeper implements Runnable, AbortFunction {
  // immutable state
  private final TaskImpl task;

  // mutable state
  /** The wake-up timer; null for a sleep with no finite deadline. */
  Timer timer;

  Sleeper(TaskImpl task) {
    this.task = task;
  }

  /** The timer fired: the deadline has come, the sleep returns normally. Loop thread only. */
  @Override
  public void run() {
    // An abort, or a park that failed to switch (Core#sleepUntil), cancels the timer, so the task
    // is still parked in this sleep; the check keeps a timer that a StackOverflowError kept from
    // being cancelled from waking a task that has moved on.
    if (task.abortFn == this) {
      task.runner.reschedule(task, null, null);
    }
  }

  /** A cancellation reached the sleeping task: drop the timer; the task wakes with it. */
  @Override
  public Abort abort(CancelledError cancellation) {
    if (timer != null) {
      task.runner.timers.cancel(timer);
    }
    return Abort.SUCCEEDED;
  }
}
