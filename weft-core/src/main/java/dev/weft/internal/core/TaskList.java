package dev.weft.internal.core;

import java.util.ArrayList;
import java.util.List;

/**
 * An intrusive doubly-linked list of tasks, in insertion order: a nursery's children, or the
 * tasks whose innermost cancel status is one status.
 *
 * <p>Each task carries the links for both kinds of list (see {@link TaskImpl}), so adding and
 * removing allocate nothing and cost O(1); a nursery with 100k children or a run with 100k sleeps
 * creates no hash-table garbage. Which links a list uses is fixed at construction.
 *
 * <p>Why this is not {@code lowlevel.WaitQueue}: WaitQueue is the one queue of <em>parked</em>
 * tasks (each entry carries a value for the task's wake-up, and parking allocates its entry).
 * These two lists are memberships that every task is in for its whole life, parked or not, as
 * Trio's {@code CancelStatus._tasks} and {@code Nursery._children} are sets rather than parking
 * lots; putting them on WaitQueue would add an entry allocation to every spawn and every scope
 * entry, on the paths the spawn_join and idle_tasks benchmarks measure.
 */
final class TaskList {
  // immutable state
  private final boolean statusLinks;

  // mutable state
  private TaskImpl first;
  private TaskImpl last;
  private int size;

  TaskList(boolean statusLinks) {
    this.statusLinks = statusLinks;
  }

  void add(TaskImpl t) {
    setPrev(t, last);
    setNext(t, null);
    if (last == null) {
      first = t;
    } else {
      setNext(last, t);
    }
    last = t;
    size++;
  }

  void remove(TaskImpl t) {
    TaskImpl p = prev(t);
    TaskImpl n = next(t);
    if (p == null) {
      first = n;
    } else {
      setNext(p, n);
    }
    if (n == null) {
      last = p;
    } else {
      setPrev(n, p);
    }
    setPrev(t, null);
    setNext(t, null);
    size--;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** {@return a snapshot, safe to iterate while the list changes} */
  List<TaskImpl> snapshot() {
    List<TaskImpl> out = new ArrayList<>(size);
    for (TaskImpl t = first; t != null; t = next(t)) {
      out.add(t);
    }
    return out;
  }

  /**
   * Adds the tasks to {@code out} as seen from another thread while the loop may be changing the
   * list: a best effort, for a thread dump. It ends, whatever it reads: a link only ever points to
   * a task added after the one that holds it, so no stale read can lead round in a circle.
   */
  void glanceInto(java.util.Collection<TaskImpl> out) {
    for (TaskImpl t = first; t != null; t = next(t)) {
      out.add(t);
    }
  }

  private TaskImpl prev(TaskImpl t) {
    return statusLinks ? t.statusPrev : t.siblingPrev;
  }

  private TaskImpl next(TaskImpl t) {
    return statusLinks ? t.statusNext : t.siblingNext;
  }

  private void setPrev(TaskImpl t, TaskImpl v) {
    if (statusLinks) {
      t.statusPrev = v;
    } else {
      t.siblingPrev = v;
    }
  }

  private void setNext(TaskImpl t, TaskImpl v) {
    if (statusLinks) {
      t.statusNext = v;
    } else {
      t.siblingNext = v;
    }
  }
}
