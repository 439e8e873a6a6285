package dev.weft.channel;

/**
 * A FIFO of {@link Waiter}s with removal from anywhere in O(1): an intrusive doubly-linked list,
 * so parking and aborting allocate nothing beyond the waiter itself.
 */
final class WaitQueue {
  // mutable state
  private Waiter head;
  private Waiter tail;
  private int size;

  /** {@return how many waiters are queued} */
  int size() {
    return size;
  }

  boolean isEmpty() {
    return head == null;
  }

  /** {@return the first waiter, or null} */
  Waiter peek() {
    return head;
  }

  /** Appends a waiter that is in no queue. */
  void add(Waiter w) {
    assert w.queue == null;
    w.queue = this;
    w.prev = tail;
    w.next = null;
    if (tail == null) {
      head = w;
    } else {
      tail.next = w;
    }
    tail = w;
    size++;
  }

  /** Removes and returns the first waiter, or returns null. */
  Waiter poll() {
    Waiter w = head;
    if (w != null) {
      remove(w);
    }
    return w;
  }

  /** Unlinks a waiter that is in this queue. */
  void remove(Waiter w) {
    assert w.queue == this;
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
    w.queue = null;
    size--;
  }
}
