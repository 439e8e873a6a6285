package dev.weft.lowlevel;

/**
 * A handle on a running loop that other threads may use: the loop's cross-thread inbox.
 *
 * <p>Get it inside the loop with {@link Scheduling#currentRunToken()} and hand it to other
 * threads; it is Trio's {@code TrioToken}. It is the one thread-safe way into a loop.
 */
public sealed interface RunToken permits dev.weft.internal.core.Inbox {
  /**
   * Schedules {@code callback} to run on the loop's thread soon, waking the loop if it is
   * waiting. Callbacks run in the order they were posted.
   *
   * <p>This method is thread-safe and never blocks. The callback runs on the loop thread, outside
   * any task: it may reschedule tasks, cancel scopes and start system tasks, but must not block.
   * If it throws, the run crashes: every task is cancelled and {@code Weft.run} throws.
   *
   * @param callback what to run
   * @throws IllegalStateException if the run has finished
   * @see #tryRunSyncSoon(Runnable)
   */
  void runSyncSoon(Runnable callback);

  /**
   * Schedules {@code callback} as {@link #runSyncSoon} does if the loop can still take it, and
   * says whether it did: the form for code that may race with the end of the loop (a completion
   * that arrives from another thread after the run has finished) and has nothing to do then.
   *
   * <p>This method is thread-safe and never blocks. When it returns {@code true} the callback will
   * run on the loop thread; when it returns {@code false} it never runs.
   *
   * @param callback what to run
   * @return whether the loop took the callback; {@code false} once the run has finished
   */
  boolean tryRunSyncSoon(Runnable callback);
}
