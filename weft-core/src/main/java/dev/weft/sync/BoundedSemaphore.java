package dev.weft.sync;

import dev.weft.cancel.CancelledError;

/**
 * A <em>bounded semaphore</em>: a {@link Semaphore} whose value may never rise above its initial
 * value, so that a release without a matching acquire is an error instead of a silent extra token
 * (asyncio's {@code asyncio.BoundedSemaphore}; Trio's {@code Semaphore(n, max_value=n)}).
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * BoundedSemaphore slots = new BoundedSemaphore(3);
 * try (var _ = slots.acquire()) {
 *   work();
 * }
 * slots.release(); // IllegalStateException: released too many times
 * }
 *
 * <h2>Cancellation</h2>
 *
 * {@code acquire} is atomic under cancellation: it either returns with a token, or throws {@link
 * CancelledError} leaving the value unchanged.
 *
 * <h2>Fairness</h2>
 *
 * Waiters get tokens in the order they asked; {@code release} hands its token straight to the
 * task that has waited longest.
 *
 * <h2>Thread rules</h2>
 *
 * The semaphore belongs to the loop it is used in; call it from that loop's tasks.
 */
public final class BoundedSemaphore extends AbstractSemaphore {
  /** Creates a bounded semaphore with one token, as asyncio's {@code BoundedSemaphore()}. */
  public BoundedSemaphore() {
    this(1);
  }

  /**
   * Creates a bounded semaphore with {@code value} tokens, which is also its maximum.
   *
   * @param value the tokens available at first, and the most there may ever be
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public BoundedSemaphore(int value) {
    super("BoundedSemaphore", value, value);
  }

  /** {@return the most tokens there may be: the initial value} */
  public int maxValue() {
    return max;
  }
}
