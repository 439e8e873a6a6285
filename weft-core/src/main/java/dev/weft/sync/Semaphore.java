package dev.weft.sync;

import dev.weft.Checkpoint;
import dev.weft.cancel.CancelledError;

/**
 * A <em>semaphore</em>: a counter of tokens that {@link #acquire()} takes one of, waiting while
 * there are none, and {@link #release()} gives back (asyncio's {@code asyncio.Semaphore}, Trio's
 * {@code trio.Semaphore}). The value never goes below zero.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * Semaphore connections = new Semaphore(10); // at most 10 tasks inside at once
 * try (var _ = connections.acquire()) {
 *   fetch(url);
 * }
 * }
 *
 * Unlike a {@link Lock}, a semaphore has no owner: any task may release, and {@code release} may be
 * called more often than {@code acquire}, raising the value. {@link BoundedSemaphore} forbids the
 * latter, which catches a release too many. {@link CapacityLimiter} is the better tool for
 * limiting how many tasks do something at once, since it knows who holds each token.
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
public final class Semaphore {
  // immutable state
  private final Counter core;

  /** Creates a semaphore with one token, as asyncio's {@code Semaphore()} does. */
  public Semaphore() {
    this(1);
  }

  /**
   * Creates a semaphore with {@code initialValue} tokens.
   *
   * @param initialValue the tokens available at first
   * @throws IllegalArgumentException if {@code initialValue} is negative
   */
  public Semaphore(int initialValue) {
    core = new Counter("Semaphore", initialValue, Integer.MAX_VALUE);
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
   * @throws IllegalStateException if the value would overflow {@code int}
   */
  public void release() {
    core.release();
  }

  /** {@return the tokens available now} */
  public int value() {
    return core.value;
  }

  /** {@return a snapshot of the semaphore's state} */
  public SemaphoreStatistics statistics() {
    return core.statistics();
  }

  @Override
  public String toString() {
    return "Semaphore@" + Integer.toHexString(System.identityHashCode(this)) + "[" + core + "]";
  }
}
