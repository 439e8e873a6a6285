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
  // immutable state
  final RunLoop runner;
  final TaskImpl parentTask;
  private final CancelScope cancelScope;
  final CancelStatus cancelStatus;
  private final boolean system;

  // mutable state
  final TaskList children = new TaskList(false);
  private final ArrayList<Throwable> pendingExcs = new ArrayList<>(0);
  private boolean nestedChildRunning = true;
  private boolean closed;
  private int pendingStarts;
  private boolean parentWaiting;

  /*
   * Implementation notes.
   *
   *   OPEN (body running) --body ends--> CLOSING (parent parked until children are gone)
   *        --last child ends, no pending start()--> CLOSED (no new tasks accepted)
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
    if (system) {
      nestedChildRunning = false;
    }
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
    if (closed) {
      throw new IllegalStateException(
          "this nursery is closed to new tasks: its block has ended and all its tasks have "
              + "finished. Start the task from inside the Nursery.open block, or from a task that "
              + "is still running in it.");
    }
    return runner.spawn(
        () -> {
          fn.run();
          return null;
        },
        name,
        this,
        system);
  }

  @Override
  public <T> T start(StartBody<T> fn) throws Exception {
    return start(fn, null);
  }

  @Override
  public <T> T start(StartBody<T> fn, String name) throws Exception {
    Objects.requireNonNull(fn, "fn");
    runner.checkInLoop("Nursery.start()");
    if (closed) {
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
    if (!system && !nestedChildRunning && children.isEmpty() && pendingStarts == 0) {
      closed = true;
      if (parentWaiting) {
        parentWaiting = false;
        runner.reschedule(parentTask, null, null);
      }
    }
  }

  private Throwable nestedChildFinished(Throwable bodyExc) {
    if (bodyExc != null) {
      addExc(bodyExc);
    }
    nestedChildRunning = false;
    checkNurseryClosed();
    if (!closed) {
      parentWaiting = true;
      parentTask.park(
          cancellation -> {
            cancelScope.cancel();
            return Abort.FAILED;
          });
    } else {
      parentTask.yieldNow();
    }
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
    return closed;
  }

  @Override
  public String toString() {
    return "Nursery["
        + (system ? "system" : "of " + parentTask.name)
        + ", "
        + children.size()
        + " children"
        + (closed ? ", closed" : "")
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
