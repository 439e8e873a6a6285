package dev.weft.asyncio;

import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.LoopConfinement;
import dev.weft.lowlevel.ParkingLot;
import dev.weft.lowlevel.Scheduling;

/**
 * The waiters of one asyncio primitive: a {@link ParkingLot} plus the count of waiters that have
 * been woken but have not run yet, which asyncio's primitives need and Trio's do not.
 */
final class WakeQueue {
  // immutable state
  private final ParkingLot lot = new ParkingLot();
  private final LoopConfinement confinement = new LoopConfinement();

  // mutable state
  /** Waiters unparked whose park() has not returned yet (asyncio: a done future still queued). */
  private int woken;

  /*
   * Implementation notes.
   *
   * asyncio's primitives keep a deque of futures; waking sets a future's result but leaves it in
   * the deque until its task runs and removes it. Two rules follow, and every asyncio primitive
   * relies on them: a waiter that was woken still counts as waiting until it runs (a new Lock
   * acquirer queues behind it instead of barging), and a woken waiter whose task is cancelled
   * before it runs raises CancelledError instead of returning (Task.cancel on a task whose
   * awaited future is already done sets _must_cancel). The lot gives FIFO parking and removes a
   * task cancelled while parked; `woken` is the part of the deque that is done but not yet gone;
   * and park() ends with a cancel point, which raises a cancellation that arrived after the wake.
   * Invariant: woken >= 0. See AsyncLockTest and AsyncSemaphoreTest.
   */

  /**
   * Checks that the caller runs in the primitive's loop (binding it on first use), as every
   * primitive does first in every method (asyncio's _LoopBoundMixin).
   *
   * @param api the public method, for the message
   */
  void check(String api) {
    confinement.check(api);
  }

  /**
   * Parks the current task until {@link #wakeFirst} picks it.
   *
   * @param cancelledAfterWake runs when the task was woken but is cancelled before it could use
   *     the wake-up (then the CancelledError is thrown); it undoes what the waker handed over
   * @throws CancelledError if cancelled while parked, or after being woken
   */
  void park(Runnable cancelledAfterWake) {
    lot.park();
    woken--;
    assert woken >= 0 : "more wake-ups used than given";
    try {
      Scheduling.checkpointIfCancelled();
    } catch (CancelledError e) {
      cancelledAfterWake.run();
      throw e;
    }
  }

  /** {@return whether a parked waiter was woken} Never blocks. */
  boolean wakeFirst() {
    if (lot.unpark().isEmpty()) {
      return false;
    }
    woken++;
    return true;
  }

  /** {@return the number of waiters woken that have not run yet} */
  int woken() {
    return woken;
  }

  /** {@return the number of waiters parked and not yet woken} */
  int parked() {
    return lot.size();
  }

  /** {@return parked plus woken: asyncio's len(_waiters)} */
  int size() {
    return lot.size() + woken;
  }
}
