package dev.weft.internal.core;

import dev.weft.Block;
import dev.weft.Nursery;
import dev.weft.TaskStatus;
import dev.weft.cancel.CancelScope;
import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Abort;
import dev.weft.lowlevel.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The runtime's nursery: the tasks started by one {@link Nursery#open} block. */
public final class NurseryImpl implements Nursery {
  /** Where a nursery is in its life; see the diagram in the implementation notes. */
  enum State {
    /** Its block is running (a system nursery stays here for the loop's whole life). */
    OPEN,
    /** Its block has ended; the parent is parked until the last child and start() are done. */
    DRAINING,
    /** Every task has ended; it takes no new task. */
    CLOSED
  }

  // immutable state
  final RunLoop runner;
  final TaskImpl parentTask;
  private final CancelScope cancelScope;
  final CancelStatus cancelStatus;
  private final boolean system;

  // mutable state
  final TaskList children = new TaskList(false);
  private final ArrayList<Throwable> pendingExcs = new ArrayList<>(0);
  private State state = State.OPEN;
  /** start() calls in progress: each may still move a task into this nursery. */
  private int pendingStarts;

  /*
   * Implementation notes.
   *
   *            block ends, a child or a start() is left
   *   OPEN -------------------------------------------> DRAINING (the parent task is parked)
   *     |                                                   |
   *     | block ends, nothing left         last child ended, |
   *     | (the parent yields once)         no start() left   | (the parent is rescheduled)
   *     v                                                   v
   *   CLOSED <-------------------------------------------- +
   *
   * A child may start() another task into the nursery while it drains (pendingStarts counts
   * those), so DRAINING ends only when both the children and the pending starts are gone. The
   * system nursery has no block: it stays OPEN, and the loop's shutdown (cancelling the system
   * scope and cycling until no task is left) plays the part of its draining.
   *
   * This is Trio's nursery. Every failure (the body's or a child's) is recorded and cancels the
   * nursery's own scope, so siblings and the body stop at their next checkpoint. While the parent
   * waits for its children it is not cancellable itself: a cancellation that reaches it cancels
   * the nursery scope instead (so the children get it) and the parent keeps waiting; the
   * CancelledErrors that come back from the children are then what propagates, and the scope
   * that caused them catches them. Failures win over cancellations: one failure is rethrown as
   * itself, several as a CompositeException, and CancelledErrors are dropped when a real failure
   * exists (the level-triggered scope re-raises at the next checkpoint if it still matters).
   * A failure riding on a dropped CancelledError as a suppressed exception is a failure like any
   * other (CarriedFailures): "nothing is dropped" covers a close() that failed during unwinding.
   * The scope that caused a dropped cancellation is told (CancelScopeImpl#cancellationAbsorbedInto):
   * it reports cancelledCaught when the failure leaves it, and an edge-triggered request that had
   * been used up is armed again. A CancelledError the body got from an outer scope is passed on in
   * preference to the ones our own scope caused, which our scope would catch.
   * Differences from Trio. Trio (with strict exception groups) raises an ExceptionGroup that
   * holds the failures and the Cancelled exceptions side by side, and each cancel scope on the
   * way out splits off the Cancelled it caused. Java has no except* to take groups apart, so weft
   * folds the cancellations away when a real failure exists: the failure comes out as itself (or
   * a CompositeException of several), the caller's catch blocks see the type they expect, and the
   * scopes whose cancellations were folded away are told (above), so none is lost: a
   * level-triggered scope still cancels the next checkpoint, and an edge-triggered one is armed
   * again.
   * See NurseryTest#testFailureCancelsSiblings, #testSeveralFailuresAreComposed and
   * CancelDeliveryTest.
   */

  NurseryImpl(RunLoop runner, TaskImpl parentTask, CancelScope cancelScope, CancelStatus status,
      boolean system) {
    this.runner = runner;
    this.parentTask = parentTask;
    this.cancelScope = cancelScope;
    this.cancelStatus = status;
    this.system = system;
  }

  /**
   * Runs a nursery block on the current task.
   *
   * @param body the block
   * @throws Exception the failure of the block or a child, or a composite of several
   */
  public static void open(Nursery.Body body) throws Exception {
    Objects.requireNonNull(body, "body");
    TaskImpl task = RunLoop.currentTask("Nursery.open");
    CancelScope scope = new CancelScope();
    Access.impl(scope).setLabel("the scope of Nursery.open");
    scope.run(
        () -> {
          NurseryImpl n = new NurseryImpl(task.runner, task, scope, task.cancelStatus, false);
          task.addChildNursery(n);
          Throwable bodyExc = null;
          try {
            body.run(n);
          } catch (Throwable t) {
            bodyExc = task.asCancellation(t);
          }
          Throwable out;
          try {
            out = n.nestedChildFinished(bodyExc);
          } finally {
            task.removeChildNursery(n);
          }
          if (out != null) {
            throw Sneaky.rethrow(out);
          }
        });
  }

  @Override
  public void startSoon(Block fn) {
    startSoon(fn, null);
  }

  @Override
  public void startSoon(Block fn, String name) {
    spawnChild(fn, name);
  }

  TaskImpl spawnChild(Block fn, String name) {
    Objects.requireNonNull(fn, "fn");
    runner.checkInLoop("Nursery.startSoon()");
    if (state == State.CLOSED) {
      throw new IllegalStateException(
          "this nursery is closed to new tasks: its block has ended and all its tasks have "
              + "finished. Start the task from inside the Nursery.open block, or from a task that "
              + "is still running in it.");
    }
    return runner.spawn(fn, name, this, system);
  }

  @Override
  public <T> T start(StartBody<T> fn) throws Exception {
    return start(fn, null);
  }

  @Override
  public <T> T start(StartBody<T> fn, String name) throws Exception {
    Objects.requireNonNull(fn, "fn");
    runner.checkInLoop("Nursery.start()");
    if (state == State.CLOSED) {
      throw new IllegalStateException(
          "this nursery is closed to new tasks; start() must be called while it is open");
    }
    pendingStarts++;
    try {
      TaskStatusImpl<T> status = new TaskStatusImpl<>(this);
      // The child first runs in a temporary nursery owned by the caller, so that a failure before
      // started() reaches the caller of start() and a cancellation of the caller reaches the
      // child; started() moves it into this nursery (Trio's design).
      NurseryImpl.open(
          old -> {
            NurseryImpl oldNursery = (NurseryImpl) old;
            status.oldNursery = oldNursery;
            TaskImpl child = oldNursery.spawnChild(() -> fn.run(status), name);
            child.eventualParentNursery = this;
          });
      if (!status.startedCalled) {
        throw new IllegalStateException(
            "the task started with Nursery.start() ended without calling taskStatus.started(); "
                + "call started(value) once it is ready, or use startSoon() if nothing waits for "
                + "it");
      }
      return status.value;
    } finally {
      pendingStarts--;
      checkNurseryClosed();
    }
  }

  void childFinished(TaskImpl t) {
    children.remove(t);
    if (t.failure != null) {
      if (system) {
        // The CancelledError the run's shutdown caused is how a system task is told to stop,
        // not a failure; the system scope absorbs it as a nursery scope would.
        if (!(t.failure instanceof CancelledError c && cancelStatus.effectivelyCancelled)) {
          runner.crash(t.failure);
        } else {
          Throwable carried = CarriedFailures.of(c);
          if (carried != null) {
            runner.crash(carried);
          }
        }
      } else {
        addExc(t.failure);
      }
    }
    checkNurseryClosed();
  }

  private void addExc(Throwable e) {
    pendingExcs.add(e);
    cancelScope.cancel();
  }

  void checkNurseryClosed() {
    if (state == State.DRAINING && children.isEmpty() && pendingStarts == 0) {
      state = State.CLOSED;
      runner.reschedule(parentTask, null, null);
    }
  }

  private Throwable nestedChildFinished(Throwable bodyExc) {
    assert state == State.OPEN && !system : this;
    if (bodyExc != null) {
      addExc(bodyExc);
    }
    if (children.isEmpty() && pendingStarts == 0) {
      state = State.CLOSED;
      // Nothing to wait for, but leaving a nursery is a schedule point on every call.
      parentTask.yieldNow();
    } else {
      state = State.DRAINING;
      parentTask.park(
          cancellation -> {
            // The parent cannot stop waiting for its children: it passes the cancellation on to
            // them and keeps waiting (their CancelledErrors come back as the nursery's outcome).
            cancelScope.cancel();
            return Abort.FAILED;
          });
    }
    assert state == State.CLOSED && children.isEmpty() : this;
    return combinedFailure();
  }

  private Throwable combinedFailure() {
    List<Throwable> failures = new ArrayList<>();
    List<CancelledError> cancellations = new ArrayList<>();
    CancelledError cancelled = null;
    CancelScopeImpl own = Access.impl(cancelScope);
    for (Throwable t : pendingExcs) {
      if (t instanceof CancelledError c) {
        cancellations.add(c);
        // Prefer one that another scope caused: our own scope catches its own, so passing one of
        // those on would hide an outer cancellation that also reached the body (issue 9, item 1).
        if (cancelled == null
            || (Access.origin(cancelled) == own && Access.origin(c) != own)) {
          cancelled = c;
        }
        // A failure that rode on a cancellation (a close() failing while it unwound) counts.
        CarriedFailures.collect(c, failures);
      } else if (!failures.contains(t)) {
        failures.add(t);
      }
    }
    if (failures.isEmpty()) {
      return cancelled;
    }
    Throwable out = CarriedFailures.combine(failures);
    // The failure wins; the scopes whose cancellations it replaces are told, so that none is lost.
    for (CancelledError c : cancellations) {
      CancelScopeImpl origin = Access.origin(c);
      if (origin != null) {
        origin.cancellationAbsorbedInto(out);
      }
    }
    return out;
  }

  void moveChildrenFrom(NurseryImpl old) {
    for (TaskImpl t : old.children.snapshot()) {
      old.children.remove(t);
      t.parentNursery = this;
      t.eventualParentNursery = null;
      children.add(t);
    }
    // Detach everything from the old nursery's status before attaching it here: attaching under a
    // cancelled nursery may run abort functions, which must not see a half-moved tree.
    List<CancelStatus> kids = old.cancelStatus.children();
    List<TaskImpl> tasks = new ArrayList<>();
    for (TaskImpl t : old.cancelStatus.tasks.snapshot()) {
      if (t != old.parentTask) {
        tasks.add(t);
      }
    }
    for (CancelStatus c : kids) {
      c.setParent(null);
    }
    for (TaskImpl t : tasks) {
      t.activateCancelStatus(null);
    }
    for (CancelStatus c : kids) {
      c.setParent(cancelStatus);
    }
    for (TaskImpl t : tasks) {
      t.activateCancelStatus(cancelStatus);
    }
    old.checkNurseryClosed();
  }

  @Override
  public CancelScope cancelScope() {
    return cancelScope;
  }

  @Override
  public Optional<Task> parentTask() {
    return Optional.ofNullable(parentTask);
  }

  @Override
  public List<Task> childTasks() {
    runner.checkInLoop("Nursery.childTasks()");
    return List.copyOf(children.snapshot());
  }

  @Override
  public boolean isClosed() {
    return state == State.CLOSED;
  }

  @Override
  public String toString() {
    return "Nursery["
        + (system ? "system" : "of " + parentTask.name())
        + ", "
        + children.size()
        + " children"
        + (state != State.OPEN ? ", " + state.name().toLowerCase(java.util.Locale.ROOT) : "")
        + "]";
  }

  /** The handle a task started with {@link Nursery#start} uses to say it is ready. */
  public static final class TaskStatusImpl<T> implements TaskStatus<T> {
    // immutable state
    private final NurseryImpl newNursery;

    // mutable state
    NurseryImpl oldNursery;
    boolean startedCalled;
    T value;

    TaskStatusImpl(NurseryImpl newNursery) {
      this.newNursery = newNursery;
    }

    @Override
    public void started() {
      started(null);
    }

    @Override
    public void started(T v) {
      newNursery.runner.checkInLoop("TaskStatus.started()");
      if (startedCalled) {
        throw new IllegalStateException("started() was called twice on the same TaskStatus");
      }
      startedCalled = true;
      value = v;
      // If the caller of start() is being cancelled, leave the child where it is: it will see the
      // cancellation and end, and moving it could carry a CancelledError to a scope that did not
      // cause it.
      if (oldNursery.cancelStatus.effectivelyCancelled) {
        return;
      }
      newNursery.moveChildrenFrom(oldNursery);
    }

    @Override
    public String toString() {
      return "TaskStatus[" + (startedCalled ? "started" : "not started") + "]";
    }
  }
}
