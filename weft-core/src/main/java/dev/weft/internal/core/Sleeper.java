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

  private Sleeper(TaskImpl task, double deadline) {
    super(task.runner.timers, deadline);
    this.task = task;
  }

  /**
   * Arms a sleep of {@code task} until {@code deadline}: queues its wake-up, unless the deadline is
   * +infinity (a sleep only a cancellation ends). The task then parks with it as the abort
   * function, and {@link #disarm()}s it if the park fails.
   *
   * @param task the task about to sleep
   * @param deadline when it wakes
   * @return the sleeper
   */
  static Sleeper arm(TaskImpl task, double deadline) {
    Sleeper s = new Sleeper(task, deadline);
    if (deadline != Double.POSITIVE_INFINITY) {
      s.queue.add(s);
    }
    return s;
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
    // An abort, or a park that failed to switch (Core#sleep), disarms the sleeper, so the task is
    // still parked in this sleep; the check keeps a wake-up that a StackOverflowError kept from
    // being disarmed from waking a task that has moved on.
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
