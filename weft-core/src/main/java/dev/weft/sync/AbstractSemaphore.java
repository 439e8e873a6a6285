package dev.weft.sync;

import dev.weft.Checkpoint;
import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.LoopConfinement;
import dev.weft.lowlevel.ParkingLot;
import dev.weft.lowlevel.Scheduling;

/**
 * What {@link Semaphore} and {@link BoundedSemaphore} share: the whole semaphore. They differ only
 * in their maximum value (and so in what too many releases do), as {@code StringBuilder} and
 * {@code StringBuffer} share {@code AbstractStringBuilder}.
 */
abstract sealed class AbstractSemaphore permits Semaphore, BoundedSemaphore {
  // immutable state
  /** {@code release}, made once: a method reference per acquire is one allocation more. */
  private final Runnable releaser = this::release;
  /** The public class's name, for error messages. */
  private final String kind;
  /** The most the value may reach; Integer.MAX_VALUE for an unbounded semaphore. */
  final int max;
  private final ParkingLot lot = new ParkingLot();
  /** The loop the semaphore belongs to, checked first by every method. */
  final LoopConfinement confinement = new LoopConfinement();

  // mutable state
  int value;

  /*
   * Implementation notes.
   *
   * Trio's Semaphore. A release with waiters hands its token straight to the first waiter (the
   * value stays 0) instead of incrementing the value and letting the waiters race for it, so the
   * semaphore is FIFO-fair and a task that releases and re-acquires at once queues behind them.
   *
   * Invariant: lot is non-empty only while value == 0. A waiter cancelled before a token was handed
   * to it leaves the lot and takes nothing; one handed a token first returns from acquire with it
   * (pinned by SemaphoreTest#testCancelledWaiterTakesNothing).
   */

  AbstractSemaphore(String kind, int initial, int max) {
    if (initial < 0) {
      throw new IllegalArgumentException(
          kind + ": the initial value must be 0 or more, got " + initial);
    }
    this.kind = kind;
    this.value = initial;
    this.max = max;
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
  public final Held acquire() {
    confinement.check(kind, "acquire");
    return acquireToken();
  }

  /**
   * Takes a token if one is available right now. Never blocks and is not a checkpoint.
   *
   * @return whether a token was taken
   */
  public final boolean tryAcquire() {
    confinement.check(kind, "tryAcquire");
    return tryAcquireToken();
  }

  /**
   * Gives a token back: to the task that has waited longest, if any, else to the counter. Never
   * blocks and is not a checkpoint.
   *
   * @throws IllegalStateException if the value is already at its maximum (for a {@link
   *     BoundedSemaphore}: a release without a matching acquire; for a {@link Semaphore}: the value
   *     would overflow {@code int}); the value is then unchanged
   */
  public final void release() {
    confinement.check(kind, "release");
    releaseToken();
  }

  /** {@return the tokens available now} */
  public final int value() {
    confinement.check(kind, "value");
    return value;
  }

  /** {@return a snapshot of the semaphore's state} */
  public final SemaphoreStatistics statistics() {
    confinement.check(kind, "statistics");
    return new SemaphoreStatistics(value, lot.size());
  }

  private Held acquireToken() {
    Scheduling.checkpointIfCancelled();
    if (tryAcquireToken()) {
      Scheduling.cancelShieldedCheckpoint();
    } else {
      lot.park();
    }
    return new Held(releaser);
  }

  private boolean tryAcquireToken() {
    if (value == 0) {
      return false;
    }
    assert lot.isEmpty() : "waiters while tokens are available";
    value--;
    return true;
  }

  private void releaseToken() {
    if (!lot.isEmpty()) {
      assert value == 0;
      lot.unpark();
      return;
    }
    if (value == max) {
      throw new IllegalStateException(
          max == Integer.MAX_VALUE
              ? kind + ".release: the value would overflow int; release is called far more often "
                  + "than acquire"
              : kind + ".release: released too many times; the value is already at its maximum, "
                  + max + ", so there is no acquire this release could match");
    }
    value++;
  }

  @Override
  public String toString() {
    return kind + "@" + Integer.toHexString(System.identityHashCode(this)) + "[value " + value
        + (max == Integer.MAX_VALUE ? "" : ", max " + max) + ", " + lot.size() + " waiting]";
  }
}
