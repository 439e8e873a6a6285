package dev.weft.sync;

import dev.weft.Checkpoint;
import dev.weft.cancel.CancelledError;

/**
 * A <em>lock</em> (mutex): at most one task holds it at a time (Trio's {@code trio.Lock},
 * asyncio's {@code asyncio.Lock}).
 *
 * <p>Tasks of one loop never run at the same time and switch only at checkpoints, so code between
 * two checkpoints needs no lock. A lock is for the other case: shared state that must stay
 * consistent across a checkpoint, such as a read, a {@code sleep} or a network call, then a write.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * Lock lock = new Lock();
 * try (var _ = lock.acquire()) {
 *   int balance = account.read();
 *   Weft.sleep(Duration.ofMillis(10)); // other tasks run, but none can enter here
 *   account.write(balance - 10);
 * }
 * }
 *
 * {@link #acquire()} returns a {@link Held} whose {@code close()} releases; {@link #tryAcquire()}
 * and {@link #release()} are the plain pair. The lock has an owner: only the task that acquired it
 * may release it, and a task that acquires a lock it already holds gets an error rather than a
 * deadlock (the lock is not reentrant). It deliberately does not implement {@code
 * java.util.concurrent.locks.Lock}, whose {@code lockInterruptibly} and timed {@code tryLock}
 * would compete with cancel scopes; put a timeout around {@code acquire} instead.
 *
 * <h2>Cancellation</h2>
 *
 * {@code acquire} is atomic under cancellation: it either returns holding the lock, or throws
 * {@link CancelledError} without it.
 *
 * <h2>Fairness</h2>
 *
 * Waiters get the lock in the order they asked for it, and {@code release} hands it straight to
 * the first of them, so a task that releases and re-acquires at once queues behind them. This is
 * what Trio's {@code Lock} does today; {@link StrictFifoLock} is the same lock, for code that
 * states it relies on strict FIFO order.
 *
 * <h2>Thread rules</h2>
 *
 * A lock belongs to the loop it is used in; call it from that loop's tasks. Calling it from another
 * thread throws {@link IllegalStateException}.
 */
public final class Lock {
  // immutable state
  final FairLock core = new FairLock("Lock");

  /** Creates an unlocked lock. */
  public Lock() {}

  /**
   * Acquires the lock, waiting while another task holds it.
   *
   * <p>This method is a checkpoint. It is fair (FIFO) and atomic under cancellation.
   *
   * @return a hold whose {@code close()} releases the lock
   * @throws CancelledError if cancelled before getting the lock (the lock is then not held)
   * @throws IllegalStateException if the current task already holds the lock, or if not called
   *     from a task of the lock's loop
   */
  @Checkpoint
  public Held acquire() {
    return core.acquire();
  }

  /**
   * Acquires the lock if it is free right now. Never blocks and is not a checkpoint.
   *
   * @return whether the current task now holds the lock
   * @throws IllegalStateException if the current task already holds the lock, or if not called
   *     from a task
   */
  public boolean tryAcquire() {
    return core.tryAcquire("tryAcquire");
  }

  /**
   * Releases the lock; if tasks are waiting, the one that has waited longest now holds it. Never
   * blocks and is not a checkpoint.
   *
   * @throws IllegalStateException if the current task does not hold the lock
   */
  public void release() {
    core.release();
  }

  /** {@return whether some task holds the lock} */
  public boolean isLocked() {
    return core.owner != null;
  }

  /** {@return a snapshot of the lock's state} */
  public LockStatistics statistics() {
    return core.statistics();
  }

  @Override
  public String toString() {
    return "Lock@" + Integer.toHexString(System.identityHashCode(this)) + "[" + core + "]";
  }
}
