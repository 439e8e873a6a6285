package dev.weft.sync;

import dev.weft.lowlevel.ParkingLot;
import dev.weft.lowlevel.Scheduling;

/** The mechanism shared by {@link Semaphore} and {@link BoundedSemaphore}. */
final class Counter {
  // immutable state
  /** The public class's name, for error messages. */
  private final String kind;
  /** The most the value may reach; Integer.MAX_VALUE for an unbounded semaphore. */
  final int max;
  private final ParkingLot lot = new ParkingLot();

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

  Counter(String kind, int initial, int max) {
    if (initial < 0) {
      throw new IllegalArgumentException(
          kind + ": the initial value must be 0 or more, got " + initial);
    }
    this.kind = kind;
    this.value = initial;
    this.max = max;
  }

  Held acquire() {
    Scheduling.checkpointIfCancelled();
    if (tryAcquire()) {
      Scheduling.cancelShieldedCheckpoint();
    } else {
      lot.park();
    }
    return new Held(this::release);
  }

  boolean tryAcquire() {
    if (value == 0) {
      return false;
    }
    assert lot.isEmpty() : "waiters while tokens are available";
    value--;
    return true;
  }

  void release() {
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

  SemaphoreStatistics statistics() {
    return new SemaphoreStatistics(value, lot.size());
  }

  @Override
  public String toString() {
    return "value " + value + ", " + lot.size() + " waiting";
  }
}
