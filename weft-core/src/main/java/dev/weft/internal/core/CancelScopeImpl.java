package dev.weft.internal.core;

import dev.weft.CompositeException;
import dev.weft.cancel.CancelledError;
import dev.weft.internal.util.StackHeadroom;
import dev.weft.lowlevel.Clock;
import java.time.Duration;
import java.util.ArrayList;

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
  /** The public call that made this scope, for messages; null for a plain CancelScope. */
  private String label;
  /** The cancellation came from the deadline, not from cancel(): for the error's message. */
  private boolean byDeadline;
  private boolean cancelledCaught;
  private boolean entered;
  private CancelStatus status;
  private TaskImpl task;
  private RunLoop runner;
  private Timer timer;
  /**
   * Failures that a nursery inside this scope threw instead of the CancelledErrors this scope
   * caused (failures win over cancellations): when one of them leaves the scope, the scope did
   * catch its cancellation (Trio strips its Cancelled from the group and sets cancelled_caught).
   */
  private ArrayList<Throwable> absorbedInto;

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
   *
   * An edge-triggered scope (asyncio's Task.cancel and timeout, ADR 0006) adds one more state
   * machine, for its cancel request; a level-triggered scope never leaves PENDING once cancelled:
   *
   *   request  cancelCalled  requestDelivered  cancelling()  cancel()    delivered   absorbed
   *   NONE     false         false             no            -> PENDING  -           -
   *   PENDING  true          false             yes           stays       -> USED     -
   *   USED     true          true              no            -> PENDING  -           -> PENDING
   *
   * "delivered" is markDelivered: a CancelledError this scope caused reaches the code of the task
   * that entered it (a cancel point, or an abort function that succeeded); an abort function that
   * only passes the request on (a nursery's parent, which cancels its children and keeps waiting)
   * does not use it up. "absorbed" is cancellationAbsorbedInto: a nursery dropped the error in
   * favour of a failure, so the request is armed again, as asyncio's TaskGroup re-cancels. The
   * deadline timer is a cancel(). everDelivered remembers that some request was USED since entry,
   * so exit() still catches the error it delivered although the scope no longer cancels.
   *
   * Every CancelledError the runtime throws records the scope that caused it (its origin). Trio's
   * structural rule is enough while every scope is level-triggered: an outer cancelled scope stays
   * visible, so inner scopes let its error pass. An edge-triggered scope stops being visible once
   * its request is delivered, so on exit a scope first asks whether the error's origin is another
   * scope still active around it; if so, the error is not ours, whatever our own state. Without
   * that, a nursery (which cancels its own scope when its body fails) or an inner timeout with the
   * same deadline would claim the outer scope's one-shot request and lose it (issue 9, items 1-2).
   * See CancelDeliveryTest.
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
    if (d.isNegative()) {
      throw new IllegalArgumentException(
          "CancelScope: a relative deadline cannot be negative, got " + d);
    }
    if (entered) {
      // Trio: once entered, the relative deadline is relative to now.
      checkThread("setRelativeDeadline");
      setDeadline(runnerForTime("setRelativeDeadline").clock.currentTime() + Clock.toSeconds(d));
      return;
    }
    if (relativeDeadline == null && deadline != Double.POSITIVE_INFINITY) {
      throw new IllegalStateException(
          "CancelScope.setRelativeDeadline: this scope has an absolute deadline and has not been "
              + "entered, so it has no relative deadline to set; use setDeadline instead");
    }
    relativeDeadline = d;
  }

  /**
   * {@return the deadline relative to now once entered, the pending relative deadline before, or
   * null (no deadline, or an absolute one before entry)}
   */
  public Duration relativeDeadline() {
    if (!entered) {
      return relativeDeadline;
    }
    if (deadline == Double.POSITIVE_INFINITY) {
      return null;
    }
    double left = deadline - runnerForTime("relativeDeadline").clock.currentTime();
    return Duration.ofNanos(Math.round(left * 1e9));
  }

  /** {@return the loop the scope was entered in; set whenever the scope has a status} */
  RunLoop runner() {
    return runner;
  }

  private RunLoop runnerForTime(String what) {
    if (runner == null) {
      throw new IllegalStateException("CancelScope." + what + ": the scope has no loop");
    }
    return runner;
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
    // The thread is checked first: a call from the wrong thread fails the same way whether or not
    // the scope is already cancelled.
    checkThread("cancel");
    if (cancelCalled && (!requestDelivered || deliveryNotSeenYet())) {
      return;
    }
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
   * Takes back an edge-triggered request that has not been delivered yet.
   *
   * @return whether one was pending
   */
  public boolean uncancel() {
    if (!edgeTriggered) {
      throw new IllegalStateException(
          "CancelScope.uncancel: only an edge-triggered scope's request can be taken back; a "
              + "level-triggered scope stays cancelled once cancel() was called");
    }
    checkThread("uncancel");
    if (!cancelCalled || requestDelivered) {
      return false;
    }
    // Marked as used up without having reached the task (everDelivered stays as it was), so the
    // scope catches nothing for it, and the next cancel() is a new request.
    requestDelivered = true;
    if (status != null) {
      status.recalculate();
    }
    return true;
  }

  /**
   * {@return whether the last request was delivered by an abort but the owner task has not run
   * since}: its park will throw our CancelledError when it does. A cancel() now joins that
   * delivery instead of making a second request, as asyncio's Task.cancel() does before the task
   * has run its next step (two cancels of a waiting task raise one CancelledError).
   */
  private boolean deliveryNotSeenYet() {
    return task != null
        && task.state == TaskImpl.State.RUNNABLE
        && task.nextError instanceof CancelledError c
        && Access.origin(c) == this;
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
    CancelledError e =
        Access.newCancelledError(
            cause == null ? null : cause.reason != null ? cause.reason : cause.cancelMessage());
    return Access.withOrigin(e, cause);
  }

  /**
   * Notes that a nursery inside this scope dropped a CancelledError this scope caused in favour of
   * {@code failure}. An edge-triggered request that had been delivered is armed again, so the task
   * is cancelled again at its next checkpoint if it catches the failure (asyncio's TaskGroup does
   * the same with uncancel() and cancel()); any other scope counts the cancellation as caught if
   * {@code failure} leaves it.
   *
   * @param failure what the nursery throws instead
   */
  void cancellationAbsorbedInto(Throwable failure) {
    if (status == null) {
      return;
    }
    if (edgeTriggered && cancelCalled && requestDelivered) {
      requestDelivered = false;
      status.recalculate();
      return;
    }
    if (absorbedInto == null) {
      absorbedInto = new ArrayList<>(1);
    }
    absorbedInto.add(failure);
  }

  /** {@return whether {@code exc} is, or is a composite holding, one of {@code absorbedInto}} */
  private boolean carriesAbsorbed(Throwable exc) {
    for (Throwable f : absorbedInto) {
      if (f == exc) {
        return true;
      }
    }
    if (exc instanceof CompositeException c) {
      for (Throwable inner : c.exceptions()) {
        if (carriesAbsorbed(inner)) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@return whether this scope is active and its status is an ancestor of {@code s}} */
  private boolean encloses(CancelStatus s) {
    if (status == null) {
      return false;
    }
    for (CancelStatus p = s.parent; p != null; p = p.parent) {
      if (p == status) {
        return true;
      }
    }
    return false;
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
    if (cancelCalled || deadline == Double.POSITIVE_INFINITY || (entered && status == null)) {
      return cancelCalled;
    }
    // Active, or not entered yet: a deadline that has passed counts, as in Trio (for an active
    // scope the timer may not have fired yet). Before entry the scope has no loop of its own, so
    // use the caller's; from outside any loop (or from another thread) we only read.
    RunLoop r = status != null ? runner : RunLoop.currentOrNull();
    if (r != null && r.inLoop() && r.clock.currentTime() >= deadline) {
      cancelForDeadline();
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
    // Entry links a new status under the task's and moves the task into it: an error half-way (a
    // StackOverflowError from a deeply nested body) would leave the task inside a scope whose
    // body never runs and whose exit never comes. The probe makes such an error strike here,
    // before anything changes (see StackHeadroom and
    // StackOverflowTest#testScopesNestedTooDeepFailCleanly).
    StackHeadroom.ensure(false);
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
      deadline = runner.clock.currentTime() + Clock.toSeconds(relativeDeadline);
      relativeDeadline = null;
    }
    status = new CancelStatus(this, t.cancelStatus);
    t.activateCancelStatus(status);
    if (!cancelCalled && deadline != Double.POSITIVE_INFINITY) {
      if (runner.clock.currentTime() >= deadline) {
        cancelForDeadline();
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
    // An InterruptedException (or the like) from a blocking JDK call that weft interrupted for a
    // cancellation is that cancellation (fast engine; see TaskImpl#asCancellation).
    exc = task.asCancellation(exc);
    // Leave the scope stack first, so that nothing below (even a StackOverflowError in it) can
    // leave the task inside a scope that has exited.
    task.activateCancelStatus(status.parent);
    if (timer != null) {
      runner.timers.cancel(timer);
      timer = null;
    }
    if (exc instanceof CancelledError c) {
      CancelScopeImpl origin = Access.origin(c);
      boolean another = origin != null && origin != this && origin.encloses(status);
      if (!another
          && (status.effectivelyCancelled || everDelivered)
          && !status.parentCancellationIsVisibleToUs()) {
        cancelledCaught = true;
        // Only the cancellation is ours to catch: a failure that rode on it (a close() that failed
        // while the error unwound the body) goes on (see CarriedFailures).
        exc = CarriedFailures.of(c);
      }
    } else if (exc != null && absorbedInto != null && carriesAbsorbed(exc)) {
      cancelledCaught = true;
    }
    absorbedInto = null;
    task.clearCancelInterruptIfUncancelled();
    status.close();
    status = null;
    return exc;
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

  /** Cancels because the deadline has passed, remembering why for the CancelledError's message. */
  private void cancelForDeadline() {
    if (!cancelCalled) {
      byDeadline = true;
    }
    cancel();
  }

  /**
   * Names the public call that made this scope, for messages ("Timeouts.failAfter(PT1S)", "the
   * scope of Nursery.open").
   *
   * @param what the name
   */
  public void setLabel(String what) {
    label = what;
  }

  /**
   * {@return the message of a CancelledError this scope causes without a reason: which scope, and
   * whether its deadline passed or cancel() was called}
   */
  String cancelMessage() {
    String who = label != null ? label : "a CancelScope";
    if (byDeadline) {
      return "cancelled: the deadline of "
          + who
          + " passed (deadline "
          + deadline
          + " on the loop's clock)";
    }
    return "cancelled: cancel() was called on "
        + who
        + (deadline == Double.POSITIVE_INFINITY ? "" : " (its deadline " + deadline + " had not passed)");
  }

  private void deadlineExpired() {
    timer = null;
    cancelForDeadline();
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
