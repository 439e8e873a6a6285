package dev.weft.sync;

import dev.weft.Checkpoint;
import dev.weft.cancel.CancelScope;
import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.ParkingLot;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.Task;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A <em>condition variable</em>: a place where tasks holding a {@link Lock} wait until another
 * task signals that the state they are waiting for may have changed (Trio's {@code
 * trio.Condition}, asyncio's {@code asyncio.Condition}).
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * Condition ready = new Condition();
 * // consumer
 * try (var _ = ready.acquire()) {
 *   ready.awaitFor(() -> !items.isEmpty()); // releases the lock while it waits
 *   process(items.removeFirst());
 * }
 * // producer
 * try (var _ = ready.acquire()) {
 *   items.add(item);
 *   ready.signal();
 * }
 * }
 *
 * <h2>Names</h2>
 *
 * Trio and asyncio call the operations {@code wait}, {@code notify(n)} and {@code notify_all}, but
 * {@code Object.wait()}, {@code notify()} and {@code notifyAll()} are final methods of every Java
 * object, with another meaning. We use the names of {@code
 * java.util.concurrent.locks.Condition}, which Java programmers know for exactly this operation:
 * {@link #await()}, {@link #signal()}, {@link #signal(int)}, {@link #signalAll()}, and {@link
 * #awaitFor(BooleanSupplier)} for asyncio's {@code wait_for(predicate)} ({@code await*} is weft's
 * verb for waiting, as in {@link Event#await()}).
 *
 * <h2>Cancellation</h2>
 *
 * {@link #await()} always returns or throws with the lock held again, even when it is cancelled:
 * on cancellation it re-acquires the lock inside a shielded scope, then throws {@link
 * CancelledError}, so the caller's try-with-resources releases a lock it really holds.
 *
 * <h2>Fairness</h2>
 *
 * Signalled tasks are woken in the order they started waiting, and queue for the lock behind
 * tasks already waiting for it, in that order.
 *
 * <h2>Thread rules</h2>
 *
 * The condition and its lock belong to the loop they are used in; call them from that loop's tasks.
 */
public final class Condition {
  // immutable state
  private final Lock lock;
  /** Tasks in await() that have not been signalled. */
  private final ParkingLot lot = new ParkingLot();

  /*
   * Implementation notes.
   *
   * Trio's Condition. await() releases the lock and parks on the condition's lot; signal(n) moves
   * n waiters, still parked, onto the lock's lot (ParkingLot.repark), so they wake only when the
   * lock is handed to them, holding it. That is why AbstractLock's contended acquire is nothing but
   * lot.park(). A waiter cancelled in either lot leaves it, and re-acquires the lock in a shielded
   * scope before rethrowing (pinned by ConditionTest#testCancelledAwaitReacquires and
   * #testCancelledAfterSignal).
   */

  /** Creates a condition with a lock of its own. */
  public Condition() {
    this(new Lock());
  }

  /**
   * Creates a condition on the given lock, which may be shared with other conditions.
   *
   * @param lock the lock that {@code await} releases and re-acquires
   * @throws NullPointerException if {@code lock} is null
   */
  public Condition(Lock lock) {
    this.lock = Objects.requireNonNull(lock, "lock");
  }

  /** {@return the lock this condition uses} */
  public Lock lock() {
    return lock;
  }

  /**
   * Acquires the underlying lock; see {@link Lock#acquire()}.
   *
   * <p>This method is a checkpoint.
   *
   * @return a hold whose {@code close()} releases the lock
   * @throws CancelledError if cancelled before getting the lock
   * @throws IllegalStateException if the current task already holds the lock
   */
  @Checkpoint
  public Held acquire() {
    lock.confinement.check("Condition.acquire");
    return lock.acquire();
  }

  /**
   * Acquires the underlying lock if it is free; see {@link Lock#tryAcquire()}. Not a checkpoint.
   *
   * @return whether the current task now holds the lock
   * @throws IllegalStateException if the current task already holds the lock
   */
  public boolean tryAcquire() {
    lock.confinement.check("Condition.tryAcquire");
    return lock.tryAcquire();
  }

  /**
   * Releases the underlying lock; see {@link Lock#release()}. Not a checkpoint.
   *
   * @throws IllegalStateException if the current task does not hold the lock
   */
  public void release() {
    lock.confinement.check("Condition.release");
    lock.release();
  }

  /**
   * Releases the lock, waits until another task signals this condition, then re-acquires the lock
   * and returns. The caller must hold the lock.
   *
   * <p>This method is a checkpoint: it always waits. A signal can be a false alarm for this
   * particular task (another task may run first and change the state again), so call it in a loop
   * that re-checks, or use {@link #awaitFor(BooleanSupplier)}.
   *
   * @throws CancelledError if cancelled while waiting; the lock is held again when it is thrown
   * @throws IllegalStateException if the current task does not hold the lock
   */
  @Checkpoint
  public void await() {
    lock.confinement.check("Condition.await");
    checkOwner("await");
    lock.releaseLock();
    try {
      lot.park();
    } catch (CancelledError e) {
      reacquireShielded();
      throw e;
    }
  }

  /**
   * Waits until {@code predicate} is true: checks it, and while it is false, {@link #await()}s and
   * checks again (asyncio's {@code wait_for}). The caller must hold the lock, and holds it whenever
   * the predicate runs and when this returns.
   *
   * <p>This method is a checkpoint, even when the predicate is true at once.
   *
   * @param predicate the state to wait for; called with the lock held
   * @throws CancelledError if cancelled while waiting; the lock is held again when it is thrown
   * @throws IllegalStateException if the current task does not hold the lock
   * @throws NullPointerException if {@code predicate} is null
   */
  @Checkpoint
  public void awaitFor(BooleanSupplier predicate) {
    lock.confinement.check("Condition.awaitFor");
    Objects.requireNonNull(predicate, "predicate");
    checkOwner("awaitFor");
    Scheduling.checkpointIfCancelled();
    if (predicate.getAsBoolean()) {
      Scheduling.cancelShieldedCheckpoint();
      return;
    }
    do {
      await();
    } while (!predicate.getAsBoolean());
  }

  /**
   * Wakes the task that has waited longest in {@link #await()}, if any; it returns once it gets
   * the lock back. The caller must hold the lock. Not a checkpoint.
   *
   * @throws IllegalStateException if the current task does not hold the lock
   */
  public void signal() {
    lock.confinement.check("Condition.signal");
    signal(1);
  }

  /**
   * Wakes up to {@code n} waiting tasks, those that have waited longest (Trio's {@code
   * notify(n)}). The caller must hold the lock. Not a checkpoint.
   *
   * @param n the most tasks to wake
   * @throws IllegalArgumentException if {@code n} is negative
   * @throws IllegalStateException if the current task does not hold the lock
   */
  public void signal(int n) {
    lock.confinement.check("Condition.signal");
    if (n < 0) {
      throw new IllegalArgumentException("Condition.signal: n must be 0 or more, got " + n);
    }
    checkOwner("signal");
    lot.repark(lock.lot, n);
  }

  /**
   * Wakes every waiting task (Trio's {@code notify_all}). The caller must hold the lock. Not a
   * checkpoint.
   *
   * @throws IllegalStateException if the current task does not hold the lock
   */
  public void signalAll() {
    lock.confinement.check("Condition.signalAll");
    checkOwner("signalAll");
    lot.reparkAll(lock.lot);
  }

  /** {@return a snapshot of the condition's state} */
  public ConditionStatistics statistics() {
    lock.confinement.check("Condition.statistics");
    return new ConditionStatistics(lot.size(), lock.statistics());
  }

  @Override
  public String toString() {
    return "Condition@" + Integer.toHexString(System.identityHashCode(this)) + "[" + lot.size()
        + " waiting, lock " + lock.describe() + "]";
  }

  private void checkOwner(String method) {
    Task me = Scheduling.currentTask();
    if (lock.owner != me) {
      throw new IllegalStateException(
          "Condition." + method + ": the current task '" + me.name()
              + "' does not hold the condition's lock; acquire it first, as in "
              + "try (var _ = condition.acquire()) { ... }");
    }
  }

  private void reacquireShielded() {
    try {
      CancelScope.shielded().run(() -> {
        lock.acquireLock();
      });
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Condition.await: re-acquiring the lock failed", e);
    }
  }
}
