package dev.weft.asyncio;

import dev.weft.cancel.CancelScope;

/**
 * The handle of an {@link Asyncio#timeout} block: asyncio's {@code asyncio.Timeout}, through which
 * the block reads and moves its deadline.
 *
 * <p>It is a view of the block's {@linkplain CancelScope#edgeTriggered() edge-triggered} cancel
 * scope: when the deadline passes, the block's next checkpoint throws {@link
 * dev.weft.cancel.CancelledError} once, and if that error leaves the block, {@code timeout}
 * throws {@link dev.weft.cancel.TooSlowException} instead. Loop-confined: use it from the task
 * that runs the block.
 */
public final class Timeout {
  // immutable state
  private final CancelScope scope;

  Timeout(CancelScope scope) {
    this.scope = scope;
  }

  /** {@return the deadline on the loop's clock; +infinity for none} */
  public double when() {
    return scope.deadline();
  }

  /**
   * Moves the deadline; {@code Double.POSITIVE_INFINITY} removes it. Never blocks.
   *
   * @param when the new deadline on the loop's clock
   * @throws IllegalStateException if the deadline has already passed (asyncio: "Cannot change
   *     state of expiring Timeout"), or if the block has ended
   */
  public void reschedule(double when) {
    if (!scope.isActive()) {
      throw new IllegalStateException("Cannot change the deadline of a timeout that has ended");
    }
    if (scope.cancelCalled()) {
      throw new IllegalStateException("Cannot change state of expiring Timeout");
    }
    scope.setDeadline(when);
  }

  /** {@return whether the deadline has passed} */
  public boolean expired() {
    return scope.cancelCalled();
  }

  @Override
  public String toString() {
    return "Timeout[when=" + when() + (expired() ? ", expired" : "") + "]";
  }
}
