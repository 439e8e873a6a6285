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
  FAILED
}
