package dev.weft.sync;

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
public final class Semaphore extends AbstractSemaphore {
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
    super("Semaphore", initialValue, Integer.MAX_VALUE);
  }
}
