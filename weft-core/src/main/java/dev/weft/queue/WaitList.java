package dev.weft.queue;

import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Abort;
import dev.weft.lowlevel.AbortFunction;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.Task;

/**
 * A FIFO of parked tasks that each carry a value (a putter's item), with O(1) removal when one is
 * cancelled: {@link dev.weft.lowlevel.ParkingLot} plus a payload, which a queue needs to hand an
 * item over atomically.
 */
final class WaitList {
  // mutable state
  private Waiter head;
  private Waiter tail;
  private int size;

  /** One parked task; also its abort function, which unlinks it. */
  final class Waiter implements AbortFunction {
    final Task task;
    final Object value;
    Waiter prev;
    Waiter next;
    boolean linked;

    Waiter(Task task, Object value) {
      this.task = task;
      this.value = value;
    }

    @Override
    public Abort abort(CancelledError cancellation) {
      unlink(this);
      return Abort.SUCCEEDED;
    }
  }

  /**
   * Parks the current task at the end of the list until it is woken; returns the value it is woken
   * with.
   */
  Object park(Object value) {
    Waiter w = new Waiter(Scheduling.currentTask(), value);
    w.prev = tail;
    if (tail == null) {
      head = w;
    } else {
      tail.next = w;
    }
    tail = w;
    w.linked = true;
    size++;
    return Scheduling.waitTaskRescheduled(w);
  }

  /** Removes and returns the waiter that has waited longest (still parked), or null. */
  Waiter poll() {
    Waiter w = head;
    if (w != null) {
      unlink(w);
    }
    return w;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  private void unlink(Waiter w) {
    assert w.linked;
    if (w.prev == null) {
      head = w.next;
    } else {
      w.prev.next = w.next;
    }
    if (w.next == null) {
      tail = w.prev;
    } else {
      w.next.prev = w.prev;
    }
    w.prev = null;
    w.next = null;
    w.linked = false;
    size--;
  }
}
