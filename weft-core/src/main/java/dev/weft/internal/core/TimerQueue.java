package dev.weft.internal.core;

import java.util.PriorityQueue;

/**
 * The loop's timers, ordered by deadline and then by creation order.
 *
 * <p>Cancel-scope deadlines move often (every {@code sleep} makes one, and code may push a
 * deadline back many times), so cancelling must be cheap and must not leave garbage behind.
 */
final class TimerQueue {
  // mutable state
  private final PriorityQueue<Timer> heap =
      new PriorityQueue<>(
          (a, b) -> a.deadline != b.deadline ? Double.compare(a.deadline, b.deadline)
              : Long.compare(a.seq, b.seq));
  private long nextSeq;
  private int stale;

  /*
   * Implementation notes.
   *
   * A binary heap with lazy deletion, as Trio's Deadlines: cancel() only flags the entry, and
   * flagged entries are dropped when they reach the top or when they outnumber the live ones, at
   * which point the heap is rebuilt without them (so a scope whose deadline is moved a million
   * times costs O(live) memory, not O(moves)). Ties are broken by creation order so that timers
   * due at the same instant fire in a reproducible order (invariant 4).
   * See TimerQueueTest#testStaleEntriesPruned.
   */

  Timer add(double deadline, Runnable action) {
    Timer t = new CallbackTimer(this, deadline, action);
    heap.add(t);
    return t;
  }

  /**
   * Puts a timer made for this queue into it.
   *
   * @param t a timer of this queue, not yet added, not cancelled
   */
  void add(Timer t) {
    assert t.queue == this && !t.cancelled : t;
    heap.add(t);
  }

  /** {@return the next number in the creation order of this queue's timers} */
  long nextSeq() {
    return nextSeq++;
  }

  void cancel(Timer t) {
    if (t.cancelled) {
      return;
    }
    t.cancelled = true;
    stale++;
    if (stale > 64 && stale > heap.size() / 2) {
      heap.removeIf(x -> x.cancelled);
      stale = 0;
    }
  }

  /** {@return the deadline of the earliest live timer, or +infinity} */
  double nextDeadline() {
    dropStaleTop();
    Timer t = heap.peek();
    return t == null ? Double.POSITIVE_INFINITY : t.deadline;
  }

  /** Runs (in order) every live timer whose deadline is at or before {@code now}. */
  int expire(double now) {
    int fired = 0;
    while (true) {
      dropStaleTop();
      Timer t = heap.peek();
      if (t == null || t.deadline > now) {
        return fired;
      }
      heap.poll();
      t.cancelled = true;
      t.fire();
      fired++;
    }
  }

  int size() {
    return heap.size() - stale;
  }

  int physicalSize() {
    return heap.size();
  }

  private void dropStaleTop() {
    Timer t;
    while ((t = heap.peek()) != null && t.cancelled) {
      heap.poll();
      stale--;
    }
  }
}
