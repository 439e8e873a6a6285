package dev.weft.internal.core;

import dev.weft.cancel.CancelledError;
import java.time.Duration;

/**
 * The state machine behind a {@link dev.weft.cancel.CancelScope}; the public class is a thin face
 * over it.
 */
public final class CancelScopeImpl {
  // immutable state
  private final Object owner;

  // mutable state
  double deadline = Double.POSITIVE_INFINITY;
  /** A deadline relative to entry, fixed when the scope is entered; null when absolute. */
  private Duration relativeDeadline;
  boolean shield;
  boolean cancelCalled;
  /** Edge-triggered scopes only: the last cancel request has been delivered to the owner task. */
  private boolean requestDelivered;
  /** Edge-triggered scopes only: some cancel request was delivered since the scope was entered. */
  private boolean everDelivered;
  private boolean edgeTriggered;
  private String reason;
  private boolean cancelledCaught;
  private boolean entered;
  private CancelStatus status;
  private TaskImpl task;
  private RunLoop runner;
  private Timer timer;

  /*
   * Implementation notes.
   *
   * States:   NEW --enter--> ACTIVE --exit--> DONE
   *
   *   NEW     not yet entered: deadline, shield and cancel() may be set from any thread (nothing
   *           else can see the scope yet).
   *   ACTIVE  entered by `task`: `status` is the task's innermost CancelStatus while the body
   *           runs; every change is made on the loop thread and recalculates the status tree.
   *   DONE    exited; the settings can still be read and changed but affect nothing.
   *
   * Exit follows Trio's rule: the scope catches a CancelledError only when it is effectively
   * cancelled and its parent's cancellation is not visible to it, i.e. when it is the outermost
   * cancelled scope as seen from inside. So the scope that caused a cancellation is the one that
   * catches it, and a CancelledError caused further out keeps going. A deadline is one timer; a
   * moved deadline cancels the old timer and adds a new one (TimerQueue prunes the old).
   * See CancelScopeTest.
   */

  /**
   * Creates the state for the given public scope.
   *
   * @param owner the public scope, used in messages
   */
  public CancelScopeImpl(Object owner) {
    this.owner = owner;
  }

  /** {@return the deadline, +infinity for none} */
  public double deadline() {
    return deadline;
  }

  /**
   * Sets an absolute deadline.
   *
   * @param d the new deadline
   */
  public void setDeadline(double d) {
    if (Double.isNaN(d)) {
      throw new IllegalArgumentException("a deadline cannot be NaN");
    }
    checkThread("setDeadline");
    relativeDeadline = null;
    deadline = d;
    if (status != null) {
      armTimer();
    }
  }

  /**
   * Sets a deadline relative to the moment the scope is entered.
   *
   * @param d the delay after entry
   */
  public void setRelativeDeadline(Duration d) {
    if (entered) {
      throw new IllegalStateException(
          "a relative deadline is fixed when the scope is entered; this scope already was. "
              + "Use setDeadline(currentTime() + seconds) instead.");
    }
    relativeDeadline = d;
  }

  /** {@return the relative deadline if one is pending} */
  public Duration relativeDeadline() {
    return relativeDeadline;
  }

  /** {@return whether the scope shields its body from outer cancellation} */
  public boolean shield() {
    return shield;
  }

  /**
   * Changes the shield.
   *
   * @param s the new shield flag
   */
  public void setShield(boolean s) {
    checkThread("setShield");
    shield = s;
    if (status != null) {
      status.recalculate();
    }
  }

  /** Cancels the scope; idempotent. */
  public void cancel() {
    cancel(null);
  }

  public void cancel(String why) {
    if (cancelCalled && !requestDelivered) {
      return;
    }
    checkThread("cancel");
    reason = why;
    cancelCalled = true;
    requestDelivered = false;
    if (timer != null) {
      runner.timers.cancel(timer);
      timer = null;
    }
    if (status != null) {
      status.recalculate();
    }
  }

  /**
   * {@return whether this scope is cancelling its body now} For a level-triggered scope that is
   * every moment after cancel(); an edge-triggered one stops once the request has been delivered.
   */
  boolean cancelling() {
    return cancelCalled && !requestDelivered;
  }

  /** Makes this scope edge-triggered; only before it is entered. */
  public void setEdgeTriggered() {
    if (entered) {
      throw new IllegalStateException("a scope can be made edge-triggered only before it runs");
    }
    edgeTriggered = true;
  }

  /** {@return the reason given to the cancel() that is pending or was last delivered, or null} */
  public String reason() {
    return reason;
  }

  /** {@return the error to throw into {@code t}, which sits in a cancelled status} */
  static CancelledError newCancelledError(TaskImpl t) {
    CancelScopeImpl cause = cause(t);
    return cause == null || cause.reason == null
        ? new CancelledError()
        : new CancelledError(cause.reason);
  }

  /**
   * Records that a CancelledError is being thrown into {@code t}: for an edge-triggered scope
   * entered by {@code t} itself, that uses the request up (asyncio's one-shot {@code
   * Task.cancel}). Called only where the error really reaches the task's code (a cancel point, or
   * an abort that succeeded), not when an abort function merely passed the request on.
   */
  static void markDelivered(TaskImpl t) {
    CancelScopeImpl cause = cause(t);
    if (cause != null && cause.edgeTriggered && cause.task == t) {
      cause.requestDelivered = true;
      cause.everDelivered = true;
      cause.status.recalculate();
    }
  }

  private static CancelScopeImpl cause(TaskImpl t) {
    for (CancelStatus s = t.cancelStatus; s != null; s = s.parent) {
      if (s.scope.cancelling()) {
        return s.scope;
      }
      if (s.scope.shield) {
        return null;
      }
    }
    return null;
  }

  /** {@return whether cancel() was called or the deadline passed} */
  public boolean cancelCalled() {
    if (!cancelCalled && status != null && runner.inLoop()
        && runner.clock.currentTime() >= deadline) {
      // The timer has not fired yet but the deadline has passed: report it as Trio does, and
      // make it so. (From another thread we only read: the loop's timer will catch up.)
      cancel();
    }
    return cancelCalled;
  }

  /** {@return whether this scope caught the cancellation it caused} */
  public boolean cancelledCaught() {
    return cancelledCaught;
  }

  /** {@return whether the scope is being run right now} */
  public boolean isActive() {
    return status != null;
  }

  /**
   * Enters the scope on the current task.
   *
   * @param t the current task
   */
  public void enter(TaskImpl t) {
    if (entered) {
      throw new IllegalStateException(
          owner
              + " was already entered: each CancelScope may run one body only. Create a new "
              + "CancelScope for each block.");
    }
    entered = true;
    task = t;
    runner = t.runner;
    if (relativeDeadline != null) {
      deadline = runner.clock.currentTime() + seconds(relativeDeadline);
      relativeDeadline = null;
    }
    status = new CancelStatus(this, t.cancelStatus);
    t.activateCancelStatus(status);
    if (!cancelCalled && deadline != Double.POSITIVE_INFINITY) {
      if (runner.clock.currentTime() >= deadline) {
        cancel();
      } else {
        armTimer();
      }
    }
  }

  /**
   * Enters the scope as the root of a status tree, owned by the loop rather than a task (the main
   * task's and the system nursery's scopes).
   *
   * @param r the loop
   * @return the new root status
   */
  CancelStatus enterDetached(RunLoop r) {
    entered = true;
    runner = r;
    status = new CancelStatus(this, null);
    return status;
  }

  /**
   * Leaves the scope.
   *
   * @param exc what the body threw, or null
   * @return what the scope lets through: null when it caught its own cancellation and nothing
   *     rode on it; the failures that rode on it otherwise
   */
  public Throwable exit(Throwable exc) {
    if (task.cancelStatus != status) {
      // Cannot happen through the lambda API; guards the low-level users of enter/exit.
      throw new IllegalStateException(
          "cancel scope stack corrupted: " + owner + " exited while an inner scope was active");
    }
    if (timer != null) {
      runner.timers.cancel(timer);
      timer = null;
    }
    task.activateCancelStatus(status.parent);
    if (exc instanceof CancelledError c
        && (status.effectivelyCancelled || everDelivered)
        && !status.parentCancellationIsVisibleToUs()) {
      cancelledCaught = true;
      // Only the cancellation is ours to catch: a failure that rode on it (a close() that failed
      // while the error unwound the body) goes on (see CarriedFailures).
      exc = CarriedFailures.of(c);
    }
    status.close();
    status = null;
    return exc;
  }

  static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }

  private void armTimer() {
    if (timer != null) {
      runner.timers.cancel(timer);
      timer = null;
    }
    if (!cancelCalled && deadline != Double.POSITIVE_INFINITY) {
      timer = runner.timers.add(deadline, this::deadlineExpired);
    }
  }

  private void deadlineExpired() {
    timer = null;
    cancel();
  }

  private void checkThread(String what) {
    if (runner != null && status != null) {
      runner.checkInLoop("CancelScope." + what + "()");
    }
  }

  @Override
  public String toString() {
    String state = status != null ? "active" : entered ? "exited" : "unentered";
    StringBuilder sb = new StringBuilder(state);
    if (cancelCalled) {
      sb.append(", cancel called");
    }
    if (cancelledCaught) {
      sb.append(", cancelled caught");
    }
    if (shield) {
      sb.append(", shielded");
    }
    if (relativeDeadline != null) {
      sb.append(", relative deadline ").append(relativeDeadline);
    } else if (deadline != Double.POSITIVE_INFINITY) {
      sb.append(", deadline ").append(deadline);
    }
    return sb.toString();
  }
}
