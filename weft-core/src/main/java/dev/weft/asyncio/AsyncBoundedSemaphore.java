package dev.weft.asyncio;

import dev.weft.Checkpoint;
import dev.weft.cancel.CancelledError;

/**
 * asyncio's {@code BoundedSemaphore}: an {@link AsyncSemaphore} that refuses to be released more
 * often than it was acquired (its permits never exceed the initial value).
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * AsyncBoundedSemaphore sem = new AsyncBoundedSemaphore(2);
 * sem.acquire();
 * sem.release();
 * sem.release();   // IllegalStateException: released too many times
 * }
 *
 * <h2>Thread rules</h2>
 *
 * Loop-bound: call it from the tasks and callbacks of one loop.
 */
public final class AsyncBoundedSemaphore {
  // immutable state
  private final AsyncSemaphore semaphore;
  private final int bound;

  /**
   * Creates a bounded semaphore.
   *
   * @param value the permits free at first, which is also the bound
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public AsyncBoundedSemaphore(int value) {
    this.semaphore = new AsyncSemaphore(value);
    this.bound = value;
  }

  /** Creates a bounded semaphore with one permit. */
  public AsyncBoundedSemaphore() {
    this(1);
  }

  /** {@return whether an {@link #acquire()} now would wait} */
  public boolean locked() {
    return semaphore.locked();
  }

  /**
   * Takes a permit, as {@link AsyncSemaphore#acquire()}. This method is a checkpoint.
   *
   * @return true
   * @throws CancelledError if cancelled before getting a permit
   */
  @Checkpoint
  public boolean acquire() {
    return semaphore.acquire();
  }

  /**
   * Gives a permit back and wakes the first waiter. Never blocks; not a checkpoint.
   *
   * @throws IllegalStateException if every permit is already free (asyncio's ValueError)
   */
  public void release() {
    if (semaphore.value() >= bound) {
      throw new IllegalStateException(
          "AsyncBoundedSemaphore.release: released too many times (the bound is " + bound
              + "); release only what acquire() took");
    }
    semaphore.release();
  }

  @Override
  public String toString() {
    return "AsyncBoundedSemaphore[bound:" + bound + ", " + semaphore + "]";
  }
}
