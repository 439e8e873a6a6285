package dev.weft.internal.core;

import java.util.Arrays;

/**
 * The loop's ready queue: runnable tasks and loop callbacks in one FIFO (see RunLoop#runq). Loop
 * thread only (or an idle loop's owner).
 *
 * <p>Why not {@code ArrayDeque}: its {@code addLast} stores the element first and grows after,
 * and when the array it grows into cannot be allocated, the {@code OutOfMemoryError} leaves the
 * deque with head == tail, which it reads as empty: every queued task is lost, and the run hangs
 * waiting for tasks that will never run (issue 11, item 4). This queue allocates before it
 * changes anything, so a failed {@link #add} throws with every entry still queued, in order.
 *
 * <p>Invariants: {@code slots.length} is a power of two; the entries are the {@code size} slots
 * from {@code head} on, wrapping; every other slot is null (so nothing dequeued stays reachable).
 */
class RunQueue {
  private static final int MAX_CAPACITY = 1 << 30;
  private Object[] slots = new Object[16];
  private int head;
  private int size;

  /**
   * Appends an entry.
   *
   * @param entry a task or a callback, not null
   * @throws OutOfMemoryError if the queue must grow and cannot; the queue is then unchanged
   */
  void add(Object entry) {
    assert entry != null;
    if (size == slots.length) {
      grow();
    }
    slots[(head + size) & (slots.length - 1)] = entry;
    size++;
  }

  /** {@return the oldest entry, removed, or null if the queue is empty} */
  Object poll() {
    if (size == 0) {
      return null;
    }
    Object entry = slots[head];
    slots[head] = null;
    head = (head + 1) & (slots.length - 1);
    size--;
    return entry;
  }

  /**
   * Moves the {@code k} newest entries, in their order, ahead of all the others.
   *
   * @param k how many, at most {@link #size()}
   */
  void moveNewestToFront(int k) {
    assert 0 <= k && k <= size : k + " of " + size;
    int mask = slots.length - 1;
    for (int i = 0; i < k; i++) {
      int last = (head + size - 1) & mask;
      Object entry = slots[last];
      slots[last] = null;
      head = (head - 1) & mask;
      slots[head] = entry;
    }
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  private void grow() {
    if (slots.length >= MAX_CAPACITY) {
      throw new OutOfMemoryError("the loop's run queue holds " + size + " entries, its limit");
    }
    Object[] bigger = allocate(slots.length * 2); // may throw: nothing has changed yet
    int tail = Math.min(size, slots.length - head);
    System.arraycopy(slots, head, bigger, 0, tail);
    System.arraycopy(slots, 0, bigger, tail, size - tail);
    slots = bigger;
    head = 0;
    assert Arrays.stream(slots, size, slots.length).allMatch(o -> o == null);
  }

  /** Allocates a new array of slots; a test overrides it to fail as a full heap would. */
  Object[] allocate(int length) {
    return new Object[length];
  }
}
