package dev.weft.channel;

import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Abort;
import dev.weft.lowlevel.AbortFunction;

/**
 * One parked {@link Select}: its waiters, one a clause, each linked into its own channel's queue.
 * Completing any one of them unlinks all the others, so exactly one clause happens.
 */
final class Selection implements AbortFunction {
  // mutable state
  final Waiter[] waiters;

  Selection(int clauses) {
    waiters = new Waiter[clauses];
  }

  /** Unlinks every waiter still queued. */
  void unlinkAll() {
    for (Waiter w : waiters) {
      if (w != null) {
        w.unlink();
      }
    }
  }

  /** Cancellation while no clause has completed: withdraw every clause. */
  @Override
  public Abort abort(CancelledError cancellation) {
    unlinkAll();
    return Abort.SUCCEEDED;
  }
}
