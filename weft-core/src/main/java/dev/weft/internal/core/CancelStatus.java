package dev.weft.internal.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The link between one entered cancel scope and the tasks and scopes nested directly inside it:
 * a node of the tree along which cancellation spreads.
 */
final class CancelStatus {
  // immutable state
  final CancelScopeImpl scope;

  // mutable state
  CancelStatus parent;
  /** Child statuses, an intrusive list in insertion order (a sleep adds and removes one). */
  private CancelStatus firstChild;
  private CancelStatus lastChild;
  private CancelStatus prevSibling;
  private CancelStatus nextSibling;
  /** Tasks whose innermost status this is. */
  final TaskList tasks = new TaskList(true);
  boolean effectivelyCancelled;

  /*
   * Implementation notes.
   *
   * This is Trio's CancelStatus. A CancelScope is what the user holds; a CancelStatus exists only
   * while the scope is entered and sits in a tree that mirrors the nesting of entered scopes
   * across tasks (a nursery's children hang under the status of the nursery's scope).
   *
   * Invariant: effectivelyCancelled == scope.cancelling()
   *                                    || (parent != null && !scope.shield
   *                                        && parent.effectivelyCancelled).
   * recalculate() restores it after any input changes and, for every status that becomes
   * cancelled, tries to deliver the cancellation to its parked tasks (asserted after every
   * recalculation, for the recalculated subtree). The child and task lists are kept in insertion
   * order so that delivery order, and so the whole program, is reproducible (invariant 4): two
   * tasks parked in one status are woken in the order they entered it
   * (CancelScopeTest#testDeliveryInInsertionOrder).
   * See NurseryTest#testOuterCancelReachesGrandchildren and
   * CancelScopeTest#testShieldBlocksOuterCancel.
   */

  CancelStatus(CancelScopeImpl scope, CancelStatus parent) {
    this.scope = scope;
    setParent(parent);
  }

  void setParent(CancelStatus newParent) {
    if (parent != null) {
      parent.unlinkChild(this);
    }
    parent = newParent;
    if (newParent != null) {
      newParent.linkChild(this);
    }
    recalculate();
  }

  private void linkChild(CancelStatus c) {
    c.prevSibling = lastChild;
    c.nextSibling = null;
    if (lastChild == null) {
      firstChild = c;
    } else {
      lastChild.nextSibling = c;
    }
    lastChild = c;
  }

  private void unlinkChild(CancelStatus c) {
    if (c.prevSibling == null) {
      firstChild = c.nextSibling;
    } else {
      c.prevSibling.nextSibling = c.nextSibling;
    }
    if (c.nextSibling == null) {
      lastChild = c.prevSibling;
    } else {
      c.nextSibling.prevSibling = c.prevSibling;
    }
    c.prevSibling = null;
    c.nextSibling = null;
  }

  /** {@return a snapshot of the child statuses, safe to iterate while the tree changes} */
  List<CancelStatus> children() {
    List<CancelStatus> out = new ArrayList<>();
    for (CancelStatus c = firstChild; c != null; c = c.nextSibling) {
      out.add(c);
    }
    return out;
  }

  void addTask(TaskImpl t) {
    tasks.add(t);
  }

  void removeTask(TaskImpl t) {
    tasks.remove(t);
  }

  boolean parentCancellationIsVisibleToUs() {
    return parent != null && !scope.shield && parent.effectivelyCancelled;
  }

  void recalculate() {
    assert enterRecalculation();
    try {
      recalculateTree();
    } finally {
      assert leaveRecalculation();
    }
  }

  private void recalculateTree() {
    // Iterative on purpose: a deep tree of nested nurseries must not overflow a task's stack.
    // Entries are statuses, or the sleeping tasks of a status, delivered after its children.
    ArrayList<Object> todo = new ArrayList<>();
    todo.add(this);
    while (!todo.isEmpty()) {
      Object next = todo.remove(todo.size() - 1);
      if (!(next instanceof CancelStatus s)) {
        @SuppressWarnings("unchecked")
        List<TaskImpl> sleepers = (List<TaskImpl>) next;
        for (TaskImpl t : sleepers) {
          t.attemptDeliveryOfPendingCancel();
        }
        continue;
      }
      boolean now = s.scope.cancelling() || s.parentCancellationIsVisibleToUs();
      if (now == s.effectivelyCancelled) {
        continue;
      }
      s.effectivelyCancelled = now;
      if (now && !s.tasks.isEmpty()) {
        // A task in Weft.sleep gets the cancellation after the status's children, which is where
        // Trio's sleep_until (a private cancel scope, the newest child) puts it. weft's sleep has
        // no scope of its own (see Sleeper), so it is deferred here to keep Trio's order.
        List<TaskImpl> sleepers = null;
        for (TaskImpl t : s.tasks.snapshot()) {
          if (t.abortFn instanceof Sleeper) {
            if (sleepers == null) {
              sleepers = new ArrayList<>();
            }
            sleepers.add(t);
          } else {
            t.attemptDeliveryOfPendingCancel();
          }
        }
        if (sleepers != null) {
          todo.add(sleepers);
        }
      }
      if (s.firstChild != null) {
        List<CancelStatus> kids = s.children();
        // Reversed so that the stack pops children in insertion order.
        for (int i = kids.size() - 1; i >= 0; i--) {
          todo.add(kids.get(i));
        }
      }
    }
  }

  /*
   * A delivery inside a recalculation may start another one (an edge-triggered scope whose request
   * is used up recalculates its own subtree) while the outer one has not yet reached part of the
   * tree; so the invariant is checked when the outermost recalculation ends. The depth lives on
   * the loop, and both methods run only with assertions enabled. The loop is the scope's, not
   * looked up from the calling thread: a portable task finds itself through a ScopedValue, whose
   * lookup walks the task's whole stack after every switch, which made a deep unwind through
   * nested scopes quadratic in the depth with assertions on (StackOverflowTest).
   */
  private boolean enterRecalculation() {
    RunLoop loop = scope.runner();
    if (loop != null) {
      loop.recalculationDepth++;
    }
    return true;
  }

  private boolean leaveRecalculation() {
    RunLoop loop = scope.runner();
    if (loop == null || --loop.recalculationDepth > 0) {
      return true;
    }
    if (!invariantHoldsBelow()) {
      throw new AssertionError("cancel status invariant broken below " + this);
    }
    return true;
  }

  /** {@return whether the invariant in the notes holds for this status and all below it} */
  private boolean invariantHoldsBelow() {
    ArrayList<CancelStatus> todo = new ArrayList<>();
    todo.add(this);
    while (!todo.isEmpty()) {
      CancelStatus s = todo.remove(todo.size() - 1);
      if (s.effectivelyCancelled != (s.scope.cancelling() || s.parentCancellationIsVisibleToUs())) {
        return false;
      }
      for (CancelStatus c = s.firstChild; c != null; c = c.nextSibling) {
        todo.add(c);
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "CancelStatus[" + (effectivelyCancelled ? "cancelled" : "not cancelled") + "]";
  }

  /** Detaches this status from the tree when its scope exits. */
  void close() {
    setParent(null);
  }

  /** {@return the nearest deadline among this status and its ancestors up to a shield} */
  double effectiveDeadline() {
    double d = Double.POSITIVE_INFINITY;
    for (CancelStatus s = this; s != null; s = s.parent) {
      if (s.scope.cancelling()) {
        return Double.NEGATIVE_INFINITY;
      }
      d = Math.min(d, s.scope.deadline);
      if (s.scope.shield) {
        break;
      }
    }
    return d;
  }
}
