package dev.weft.sync;

import java.util.Objects;

/**
 * A <em>hold</em> on a synchronisation primitive: what {@code acquire()} returns, so that the
 * primitive can be released by try-with-resources.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * try (var _ = lock.acquire()) {
 *   // the current task holds the lock here
 * } // released here, however the block ends
 * }
 *
 * <p>{@link #close()} releases what was acquired exactly once: the first successful call releases,
 * later calls do nothing. Holds are made by {@link Lock#acquire()}, {@link StrictFifoLock#acquire()},
 * {@link Condition#acquire()}, {@link Semaphore#acquire()}, {@link BoundedSemaphore#acquire()},
 * {@link CapacityLimiter#acquire()} and {@link CapacityLimiter#acquireOnBehalfOf(Object)}; users
 * do not create them. Like the primitive, a hold belongs to its loop.
 */
public final class Held implements AutoCloseable {
  // mutable state
  /** What releases the primitive; null once released. */
  private Runnable release;

  Held(Runnable release) {
    this.release = Objects.requireNonNull(release, "release");
  }

  /**
   * Releases what was acquired, if this hold has not released it yet; otherwise does nothing. Not
   * a checkpoint; never blocks. If the release fails (a lock closed by a task that does not hold
   * it), the hold stays open, so that the right task can still close it.
   *
   * @throws IllegalStateException if the primitive refuses the release; see the primitive's {@code
   *     release} method
   */
  @Override
  public void close() {
    Runnable r = release;
    if (r != null) {
      r.run();
      release = null;
    }
  }

  /** {@return whether {@link #close()} has released what this hold acquired} */
  public boolean isReleased() {
    return release == null;
  }

  @Override
  public String toString() {
    return "Held[" + (release == null ? "released" : "holding") + "]";
  }
}
