package dev.weft.sync;

import dev.weft.Checkpoint;
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
public final class BoundedSemaphore {
  // immutable state
  private final Counter core;

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
    core = new Counter("BoundedSemaphore", value, value);
  }

  /**
   * Takes a token, waiting while there is none.
   *
   * <p>This method is a checkpoint. It is fair (FIFO) and atomic under cancellation.
   *
   * @return a hold whose {@code close()} gives the token back
   * @throws CancelledError if cancelled before getting a token (the value is then unchanged)
   * @throws IllegalStateException if not called from a task of the semaphore's loop
   */
  @Checkpoint
  public Held acquire() {
    return core.acquire();
  }

  /**
   * Takes a token if one is available right now. Never blocks and is not a checkpoint.
   *
   * @return whether a token was taken
   */
  public boolean tryAcquire() {
    return core.tryAcquire();
  }

  /**
   * Gives a token back: to the task that has waited longest, if any, else to the counter. Never
   * blocks and is not a checkpoint.
   *
   * @throws IllegalStateException if the value is already at its maximum (a release without a
   *     matching acquire); the value is then unchanged
   */
  public void release() {
    core.release();
  }

  /** {@return the tokens available now} */
  public int value() {
    return core.value;
  }

  /** {@return the most tokens there may be: the initial value} */
  public int maxValue() {
    return core.max;
  }

  /** {@return a snapshot of the semaphore's state} */
  public SemaphoreStatistics statistics() {
    return core.statistics();
  }

  @Override
  public String toString() {
    return "BoundedSemaphore@" + Integer.toHexString(System.identityHashCode(this)) + "[" + core
        + ", max " + core.max + "]";
  }
}
