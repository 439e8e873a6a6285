package dev.weft.lowlevel;

/**
 * A callback scheduled on a loop's clock with {@link EventLoop#callAt}; asyncio's {@code
 * TimerHandle}.
 *
 * <p>Handles are loop-confined: call {@link #cancel()} from the loop (a task or a callback), or
 * while the loop is not running.
 */
public sealed interface TimerHandle permits dev.weft.internal.core.Timer {
  /**
   * Cancels the callback if it has not run yet; otherwise does nothing. Never blocks and is not a
   * checkpoint; cheap (the timer is dropped lazily).
   */
  void cancel();

  /** {@return whether {@link #cancel()} was called before the callback ran} */
  boolean isCancelled();

  /** {@return the time on the loop's clock at which the callback runs} */
  double when();
}
