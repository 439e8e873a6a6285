package dev.weft.channel;

import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Abort;
import dev.weft.lowlevel.AbortFunction;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.Task;
import dev.weft.lowlevel.WaitQueue;

/**
 * One parked operation on one channel: a task waiting to send a value or to receive one, linked
 * into its channel's {@link WaitQueue} (the waiter is the value its entry carries). A plain {@code send}/{@code receive} parks with one
 * waiter; a {@link Select} parks with one waiter per clause, all sharing a {@link Selection}.
 */
final class Waiter implements AbortFunction {
  // immutable state
  final Task task;
  /** The end ({@link MemorySendChannel} or {@link MemoryReceiveChannel}) the task waits in. */
  final Object end;
  /** The select this waiter is one clause of, or null for a plain send or receive. */
  final Selection selection;
  /** The clause's index in the select. */
  final int clause;

  // mutable state
  /** For a sender, the value it offers; for a receiver, the value handed to it. */
  Object value;
  /** For a receiver in a select: woken because the channel ended (not with a value). */
  boolean ended;
  /** The waiter's place in its channel's queue; not queued once unlinked. */
  private WaitQueue.Entry<Waiter> entry;

  /*
   * Implementation notes.
   *
   * Completion is the linearization point of a channel operation. Whoever completes a waiter (a
   * counterpart, or close()) first unlinks it (and, for a select, its sibling clauses), then
   * reschedules its task in the same loop step. Rescheduling clears the task's abort function,
   * so once a waiter has been completed a cancellation can no longer reach it: the task wakes
   * with the value (or the close error), and the cancellation is raised at its next checkpoint.
   * Until it is completed it is linked, and abort() can unlink it and report SUCCEEDED. The two
   * cases cannot overlap, which is what makes send and receive atomic under cancellation (see
   * MemoryChannelCancellationTest).
   */

  Waiter(Task task, Object end, Object value, Selection selection, int clause) {
    this.task = task;
    this.end = end;
    this.value = value;
    this.selection = selection;
    this.clause = clause;
  }

  /** Appends the waiter to {@code queue}; it must be in no queue. */
  void enqueue(WaitQueue<Waiter> queue) {
    assert !isQueued();
    entry = queue.add(task, this);
  }

  /** {@return whether the waiter is still queued} */
  boolean isQueued() {
    return entry != null && entry.isQueued();
  }

  /** Takes the waiter out of its queue, if it is still in one. */
  void unlink() {
    if (entry != null) {
      entry.leave();
    }
  }

  /** {@return the first waiter of {@code queue}, taken out of it, or null} */
  static Waiter poll(WaitQueue<Waiter> queue) {
    WaitQueue.Entry<Waiter> e = queue.poll();
    return e == null ? null : e.value();
  }

  /**
   * Wakes the task: the operation happened. For a receiver, {@code received} is the value.
   * The waiter must already be unlinked.
   */
  void succeed(Object received) {
    value = received;
    if (selection == null) {
      Scheduling.reschedule(task, received);
    } else {
      selection.unlinkAll();
      Scheduling.reschedule(task, this);
    }
  }

  /** Wakes a receiver: the channel ended. The waiter must already be unlinked. */
  void end(String operation) {
    if (selection == null) {
      Scheduling.rescheduleWithError(task, ChannelState.endOfChannel(operation));
    } else {
      // A select decides itself whether the clause reports the end or throws it.
      ended = true;
      selection.unlinkAll();
      Scheduling.reschedule(task, this);
    }
  }

  /** Wakes the task with an error. The waiter must already be unlinked. */
  void fail(RuntimeException error) {
    if (selection != null) {
      selection.unlinkAll();
    }
    Scheduling.rescheduleWithError(task, error);
  }

  /** Cancellation of a plain send or receive: the waiter is still linked, so nothing happened. */
  @Override
  public Abort abort(CancelledError cancellation) {
    unlink();
    return Abort.SUCCEEDED;
  }
}
