package dev.weft.asyncio;

import dev.weft.Checkpoint;
import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Scheduling;

/**
 * asyncio's {@code Semaphore}: a counter of permits, with asyncio's rules.
 *
 * <p>{@link #acquire()} takes a permit, waiting while none is free or other tasks are already
 * waiting (first come, first served, even with permits free: asyncio 3.12's rule); it returns
 * {@code true}. {@link #release()} adds one and wakes the first waiter, whose permit is set aside
 * for it; if it is cancelled before it runs, the permit goes back and the next waiter is woken.
 * Any task or callback may release. {@link AsyncBoundedSemaphore} refuses a release too many. For
 * Trio's rules, see {@link dev.weft.sync.Semaphore}.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * AsyncSemaphore sem = new AsyncSemaphore(2);
 * sem.acquire();
 * try {
 *   download(url);   // at most 2 at once
 * } finally {
 *   sem.release();
 * }
 * }
 *
 * <h2>Checkpoints</h2>
 *
 * {@code acquire} is a checkpoint on every call; {@code release} and {@code locked} never block.
 *
 * <h2>Thread rules</h2>
 *
 * Loop-bound: call it from the tasks and callbacks of one loop.
 */
public final class AsyncSemaphore {
  // immutable state
  private final WakeQueue waiters = new WakeQueue();

  // mutable state
  private int value;

  /*
   * Implementation notes.
   *
   * asyncio 3.12's Semaphore on WakeQueue. Waking a waiter takes its permit at once (value--), so
   * a woken waiter never finds the permit gone; one cancelled after the wake gives it back. On the
   * way out of a contended acquire (however it ends) we wake as many waiters as there are free
   * permits, because permits released while others queued in front (FIFO) may be unclaimed.
   * Invariant: value >= 0. See AsyncSemaphoreTest.
   */

  /**
   * Creates a semaphore.
   *
   * @param value the permits free at first
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public AsyncSemaphore(int value) {
    if (value < 0) {
      throw new IllegalArgumentException(
          "AsyncSemaphore: the initial value must be 0 or more, got " + value);
    }
    this.value = value;
  }

  /** Creates a semaphore with one permit. */
  public AsyncSemaphore() {
    this(1);
  }

  /**
   * {@return whether an {@link #acquire()} now would wait}: no permit is free, or tasks are
   * waiting (asyncio's {@code locked()})
   */
  public boolean locked() {
    waiters.check("AsyncSemaphore.locked");
    return value == 0 || waiters.size() > 0;
  }

  /**
   * Takes a permit, waiting if none is free or others wait. This method is a checkpoint.
   *
   * @return true
   * @throws CancelledError if cancelled before getting a permit (none is then taken)
   */
  @Checkpoint
  public boolean acquire() {
    waiters.check("AsyncSemaphore.acquire");
    Scheduling.checkpointIfCancelled();
    if (!locked()) {
      value--;
      Scheduling.cancelShieldedCheckpoint();
      return true;
    }
    try {
      waiters.park(() -> value++);
    } finally {
      while (value > 0 && wakeUpNext()) {
        // hand out the permits that are free
      }
    }
    return true;
  }

  /** Adds a permit and wakes the first waiter. Never blocks; not a checkpoint. */
  public void release() {
    waiters.check("AsyncSemaphore.release");
    value++;
    wakeUpNext();
  }

  /** {@return the permits free now} */
  int value() {
    return value;
  }

  private boolean wakeUpNext() {
    if (waiters.wakeFirst()) {
      value--;
      return true;
    }
    return false;
  }

  @Override
  public String toString() {
    return "AsyncSemaphore[value:" + value + ", waiters:" + waiters.size() + "]";
  }
}
