package dev.weft.lowlevel;

/**
 * What an {@link AbortFunction} reports about a cancellation that reached a parked task.
 *
 * @see Scheduling#waitTaskRescheduled(AbortFunction)
 */
public enum Abort {
  /**
   * The wait was undone (the task is no longer registered anywhere that would reschedule it), so
   * the runtime reschedules the task at once with the {@link dev.weft.cancel.CancelledError}.
   */
  SUCCEEDED,

  /**
   * The wait cannot be undone right now; the task stays parked and whoever holds it must
   * reschedule it later (with a value or with the cancellation the abort function was given).
   */
  FAILED,

  /**
   * Like {@link #FAILED}, and the cancellation was passed on to what the task waits for (asyncio's
   * rule: cancelling a task that awaits a future cancels the future). The task stays parked until
   * whoever holds it reschedules it (the abort function may also have done so already); an
   * {@linkplain dev.weft.cancel.CancelScope#edgeTriggered() edge-triggered} request counts as
   * delivered, so if the awaited work declines the cancellation and produces a value, the task
   * carries on with it, uncancelled. A level-triggered cancellation stays in force.
   */
  PASSED_ON
}
