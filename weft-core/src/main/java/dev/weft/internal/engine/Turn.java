package dev.weft.internal.engine;

import java.util.concurrent.locks.LockSupport;

/**
 * A one-bit hand-off between two threads: one {@link #give(Thread) gives} the turn, the other
 * {@link #await() waits} for it and takes it.
 *
 * <p>Both engines are built from these: a task waits for its turn to run, and the portable loop
 * waits for its turn back.
 */
class Turn {
  // mutable state
  private volatile boolean ready;

  /*
   * Implementation notes.
   *
   * LockSupport.park can return for no reason (a stray unpark permit), so await() loops on the
   * flag, which only give() sets. An interrupt makes park return at once, forever, until the flag
   * is cleared; on the fast engine that would hang the loop thread, which is the task's carrier.
   * So await() clears interrupts while it waits and restores the flag once it has the turn: an
   * interrupt meant for the task's own code is kept, and never turns waiting into spinning.
   */

  /** Waits until the turn is given, then takes it. Called by the thread that waits. */
  final void await() {
    boolean interrupted = false;
    while (!ready) {
      try {
        LockSupport.park(this);
      } catch (StackOverflowError tooDeep) {
        // The JDK could not unmount this virtual thread: its stack is too deep to copy to the heap
        // ("Humongous stack chunk"). The turn has been given away already, so we must wait here
        // all the same: with the carrier thread blocked instead (see CarrierPark).
        CarrierPark.park();
      }
      if (Thread.interrupted()) {
        interrupted = true;
      }
    }
    ready = false;
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Gives the turn to the thread waiting in {@link #await()}.
   *
   * @param waiter that thread
   */
  final void give(Thread waiter) {
    ready = true;
    LockSupport.unpark(waiter);
  }
}
