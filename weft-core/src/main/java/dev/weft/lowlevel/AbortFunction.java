package dev.weft.lowlevel;

import dev.weft.cancel.CancelledError;

/**
 * Called on the loop thread when a cancellation reaches a task parked in {@link
 * Scheduling#waitTaskRescheduled(AbortFunction)}: it undoes the wait if it can.
 *
 * <p>Typical primitives remove the task from their waiter list and return {@link
 * Abort#SUCCEEDED}. A primitive whose operation is already under way and cannot be undone returns
 * {@link Abort#FAILED} and reschedules the task itself later, with its result or with the given
 * cancellation.
 */
@FunctionalInterface
public interface AbortFunction {
  /**
   * Tries to undo the wait.
   *
   * @param cancellation the error the task will be woken with if the abort succeeds
   * @return whether the wait was undone
   * @implSpec It runs on the loop thread, must not block or park, and may be called more than
   *     once for the same wait if it returns {@link Abort#FAILED}.
   */
  Abort abort(CancelledError cancellation);
}
