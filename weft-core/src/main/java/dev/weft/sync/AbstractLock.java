package dev.weft.sync;

import dev.weft.BrokenResourceException;
import dev.weft.Checkpoint;
import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.LoopConfinement;
import dev.weft.lowlevel.ParkingLot;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.Task;
import java.util.Optional;

/**
 * What {@link Lock} and {@link StrictFifoLock} share: the whole lock. The two public classes
 * differ only in what they promise (see {@link StrictFifoLock}), as {@code StringBuilder} and
 * {@code StringBuffer} share {@code AbstractStringBuilder}; {@link Condition} uses the mechanism
 * below its public methods.
 */
abstract sealed class AbstractLock permits Lock, StrictFifoLock {
  // immutable state
  /** {@code release}, made once: a method reference per acquire is one allocation more. */
  private final Runnable releaser = this::release;
  /** The public class's name, for error messages. */
  private final String kind;
  /** Tasks waiting to acquire, in arrival order. Condition reparks its waiters here. */
  final ParkingLot lot = new ParkingLot();
  /** The loop the lock belongs to, checked first by every method. */
  final LoopConfinement confinement = new LoopConfinement();

  // mutable state
  /** The task that holds the lock, or null. */
  Task owner;

  /*
   * Implementation notes.
   *
   * Trio's _LockImpl. Release hands ownership straight to the first waiter (owner = the task
   * unpark woke) instead of letting waiters race for the lock when they next run; so a task that
   * releases and at once acquires again queues behind the waiters, and the lock is never free
   * while a task waits.
   *
   * Invariant: owner == null implies lot.isEmpty(). acquire's contended path is only lot.park(),
   * because Condition.await acquires by being reparked onto this lot. A waiter that is cancelled
   * before it is handed the lock leaves the lot (ParkingLot's abort); one that was handed the lock
   * first returns from park normally, holding it, and sees its cancellation at its next checkpoint,
   * so the lock is never leaked. Pinned by LockTest#testCancelledWaiterAfterHandOff.
   *
   * The owner is a breaker of the lot (Trio, trio#3035): if it ends while holding the lock, the
   * lot breaks, every waiter gets BrokenResourceException, and so does every later acquire (the
   * dead task stays the owner, so tryAcquire keeps failing, as Trio's acquire_nowait does).
   * Each hand-off moves the breaker to the new owner. See LockBrokenTest.
   */

  AbstractLock(String kind) {
    this.kind = kind;
  }

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
  public final Held acquire() {
    confinement.check(kind, "acquire");
    return acquireLock();
  }

  /**
   * Acquires the lock if it is free right now. Never blocks and is not a checkpoint.
   *
   * @return whether the current task now holds the lock
   * @throws IllegalStateException if the current task already holds the lock, or if not called
   *     from a task
   */
  public final boolean tryAcquire() {
    confinement.check(kind, "tryAcquire");
    return tryAcquireLock("tryAcquire");
  }

  /**
   * Releases the lock; if tasks are waiting, the one that has waited longest now holds it. Never
   * blocks and is not a checkpoint.
   *
   * @throws IllegalStateException if the current task does not hold the lock
   */
  public final void release() {
    confinement.check(kind, "release");
    releaseLock();
  }

  /** {@return whether some task holds the lock} */
  public final boolean isLocked() {
    confinement.check(kind, "isLocked");
    return owner != null;
  }

  /** {@return a snapshot of the lock's state} */
  public final LockStatistics statistics() {
    confinement.check(kind, "statistics");
    return new LockStatistics(owner != null, Optional.ofNullable(owner), lot.size());
  }

  // ---- the mechanism, for Condition too

  final Held acquireLock() {
    Scheduling.checkpointIfCancelled();
    if (tryAcquireLock("acquire")) {
      Scheduling.cancelShieldedCheckpoint();
    } else {
      try {
        lot.park();
      } catch (BrokenResourceException e) {
        throw new BrokenResourceException(
            kind + ".acquire: the owner of this lock exited without releasing it: task '"
                + owner.name() + "'. Release locks with try (var _ = lock.acquire()) { ... } so "
                + "that a task ending early cannot leave them held.");
      }
      assert owner == Scheduling.currentTask() : "woken from the lock's lot without the lock";
    }
    return new Held(releaser);
  }

  final boolean tryAcquireLock(String method) {
    Task me = Scheduling.currentTask();
    if (owner == me) {
      throw new IllegalStateException(
          kind + "." + method + ": the current task '" + me.name() + "' already holds this lock; a "
              + kind + " is not reentrant, so waiting for it would wait forever");
    }
    if (owner == null) {
      assert lot.isEmpty() : "a free lock with waiters";
      owner = me;
      lot.addBreaker(me);
      return true;
    }
    return false;
  }

  final void releaseLock() {
    Task me = Scheduling.currentTask();
    if (owner != me) {
      throw new IllegalStateException(
          owner == null
              ? kind + ".release: the lock is not held; release only after a successful acquire"
              : kind + ".release: the lock is held by task '" + owner.name()
                  + "', not by the current task '" + me.name()
                  + "'; only the holder can release it");
    }
    lot.removeBreaker(me);
    owner = lot.unpark().orElse(null);
    if (owner != null) {
      lot.addBreaker(owner);
    }
  }

  /** {@return the state, for the public classes' toString} */
  final String describe() {
    return (owner == null ? "unlocked" : "locked by " + owner.name()) + ", " + lot.size()
        + " waiting";
  }

  @Override
  public String toString() {
    return kind + "@" + Integer.toHexString(System.identityHashCode(this)) + "[" + describe() + "]";
  }
}
