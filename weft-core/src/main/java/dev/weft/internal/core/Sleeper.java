package dev.weft.internal.core;

import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Abort;
import dev.weft.lowlevel.AbortFunction;

/**
 * One sleeping task's wake-up: the timer that wakes the task at its deadline and the abort
 * function of its park (which drops the timer), in one object.
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
final class Sleeper extends Timer implements AbortFunction {
  // immutable state
  private final TaskImpl task;

  /**
   * Makes the wake-up of a sleep of {@code task} until {@code deadline}; the task then parks with
   * it as the abort function, and the loop {@link #arm}s it once the task has parked.
   *
   * @param task the task about to sleep
   * @param deadline when it wakes; +infinity for a sleep only a cancellation ends
   */
  Sleeper(TaskImpl task, double deadline) {
    super(task.runner.timers, deadline);
    this.task = task;
  }

  /**
   * Queues the wake-up (none for a deadline of +infinity). The loop calls it right after the step
   * in which the task parked with this sleeper, before anything else can run or look at the timer
   * queue. Loop thread only.
   */
  void arm() {
    assert task.abortFn == this : task;
    if (deadline != Double.POSITIVE_INFINITY) {
      queue.add(this);
    }
  }

  /** Takes the wake-up off the queue, if it is in it (not fired, not dropped already). */
  void disarm() {
    if (deadline != Double.POSITIVE_INFINITY) {
      queue.cancel(this);
    }
  }

  /** The deadline has come: the sleep returns normally. Loop thread only. */
  @Override
  void fire() {
    // An abort disarms the sleeper, so the task is still parked in this sleep; the check keeps a
    // wake-up that an abort failed to disarm (an OutOfMemoryError in the queue) from waking a task
    // that has moved on.
    if (task.abortFn == this) {
      task.runner.reschedule(task, null, null);
    }
  }

  /** A cancellation reached the sleeping task: drop the wake-up; the task wakes with it. */
  @Override
  public Abort abort(CancelledError cancellation) {
    disarm();
    return Abort.SUCCEEDED;
  }
}
