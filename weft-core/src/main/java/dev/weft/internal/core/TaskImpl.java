package dev.weft.internal.core;

import dev.weft.Block;
import dev.weft.Nursery;
import dev.weft.cancel.CancelledError;
import dev.weft.internal.engine.Carrier;
import dev.weft.internal.util.SafeString;
import dev.weft.lowlevel.Abort;
import dev.weft.lowlevel.AbortFunction;
import dev.weft.lowlevel.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** The runtime's task: one unit of concurrent work in a loop, carried by one virtual thread. */
public final class TaskImpl implements Task, Runnable {
  /** Where a task is in its life; see the diagram in the implementation notes. */
  enum State {
    /** Made and in the run queue; its thread has not started. */
    NEW,
    /** In the run queue: rescheduled after a park, or yielded at a schedule point. */
    RUNNABLE,
    /** Its code runs (it holds the loop's turn). */
    RUNNING,
    /**
     * Fast engine only: its thread parked inside JDK code during a step, outside any weft park.
     * The loop runs other tasks; the JDK's wake-up comes back through the inbox.
     */
    FOREIGN_BLOCKED,
    /** Parked in weft, waiting for a reschedule; {@code abortFn} is set. */
    PARKED,
    /** Its body has returned or thrown. */
    FINISHED
  }

  // immutable state
  final RunLoop runner;
  final long id;
  /** The name given at spawn, or null for the default "task-ID", made only when asked for. */
  private final String givenName;
  final boolean system;

  // mutable state
  /**
   * The task's code, a {@link Block} (a nursery's child, kept as given: no wrapper per spawn) or a
   * {@link Callable}; dropped once it starts, so a finished task keeps none of what it captured.
   */
  private Object body;
  NurseryImpl parentNursery;
  NurseryImpl eventualParentNursery;
  /** Made at spawn (RunLoop#newCarrier). */
  Carrier carrier;
  State state = State.NEW;
  /** Non-null exactly while the task is PARKED. */
  AbortFunction abortFn;
  Object nextValue;
  Throwable nextError;
  CancelStatus cancelStatus;
  private ArrayList<NurseryImpl> childNurseries;
  /**
   * The first hook the loop runs when the task ends (ParkingLot breakers), while it is the only
   * one; null when there is none. A task that holds one lock at a time, the common case, adds and
   * removes its hook here on every acquire and release, without the list (lock_uncontended).
   */
  private Runnable exitHook;
  /** The hooks after {@link #exitHook}, in the order added; null until a second one is added. */
  private ArrayList<Runnable> exitHooks;
  Object result;
  Throwable failure;
  /**
   * Fast engine: weft interrupted this task's thread to cancel a foreign blocking call, and has
   * not yet turned the outcome into a CancelledError or cleared the interrupt status.
   */
  private boolean cancelInterrupt;
  /**
   * Fast engine: interrupts sent for a cancellation since the task last suspended at a weft
   * checkpoint. Bounded by {@link #MAX_FOREIGN_INTERRUPTS}: a call that swallows interrupts and
   * parks again (a j.u.c {@code Lock.lock()}, whose queue clears the flag and re-parks) would
   * otherwise bounce between the loop's interrupt and its own park for ever, at full CPU, and the
   * loop would never be idle (no autojump, no other I/O wait). Past the bound the task simply
   * waits out the call; its next weft checkpoint raises the cancellation, so nothing is lost.
   */
  private byte foreignInterrupts;

  /** How many interrupts one stretch of foreign code gets; see {@link #foreignInterrupts}. */
  private static final int MAX_FOREIGN_INTERRUPTS = 16;
  /**
   * How many steps the loop has given this task, modulo 2^32; tells a failed switch from a failed
   * return (only equality across one switch is ever asked, so it may wrap). An int and a byte for
   * {@link #foreignInterrupts}, not a long and an int: with them a task is 128 bytes instead of 136,
   * and a young collection copies every queued and every parked task (100k sleepers: timers,
   * issue 12).
   */
  int steps;
  long schedulePoints;
  long cancelPoints;
  /**
   * Schedule points the task may still pass without yielding (the cooperative budget); set to the
   * loop's budget each time the loop steps the task. See {@link #schedulePoint()}.
   */
  int budget;
  /** Links of the parent nursery's child list (see TaskList). */
  TaskImpl siblingPrev;
  TaskImpl siblingNext;
  /** Links of the current cancel status's task list (see TaskList). */
  TaskImpl statusPrev;
  TaskImpl statusNext;

  /*
   * Implementation notes.
   *
   *                        (loop: step)                (task: park)
   *   NEW ---------------------> RUNNING ----------------------------> PARKED
   *                              ^  |  |  \                             |
   *           (loop: step)       |  |  |   \ (task: yield)              | (loop: reschedule)
   *   RUNNABLE ------------------+  |  |    +-------------------------> RUNNABLE <-+
   *                                 |  |                                           |
   *          (loop: step ended, task|  | (task: body returned or threw)            |
   *           still running)        v  v                                           |
   *                   FOREIGN_BLOCKED  FINISHED                                    |
   *                         |                                                      |
   *                         +--(JDK wake-up, through the inbox: loop: step)--> RUNNING
   *
   * The loop sets RUNNING just before it gives the task its turn; the task's thread sets PARKED,
   * RUNNABLE (a yield, which also queues it) or FINISHED just before it gives the turn back. If the
   * turn comes back with the task still RUNNING, the fast engine's carrier returned because the
   * task's thread parked in JDK code (a blocking socket, Thread.sleep, a j.u.c lock): the loop
   * marks it FOREIGN_BLOCKED and runs others. On the portable engine such a task keeps the turn,
   * so FOREIGN_BLOCKED never happens there.
   *
   * Only the loop thread and the task's own thread (while it holds the turn) touch these fields,
   * and the engine's hand-off orders their accesses, so nothing here needs to be volatile.
   * Invariant: abortFn != null exactly when the task is PARKED (asserted where it changes).
   * reschedule() clears it, so a task can be rescheduled once per park (Trio's rule). A pending
   * cancellation is delivered by calling abortFn when the task parks inside a cancelled scope (the
   * loop does it right after the step, RunLoop#step), or when a scope it is parked in gets
   * cancelled (see CancelStatus#recalculate).
   *
   * The scheduling budget (ADR 0008, 0011): RunLoop#step sets `budget` to the run's budget before
   * every step; schedulePoint() spends one and turns into yieldNow() when it reaches 0, or when
   * two or more entries wait in the run queue, so a step passes at most `budget` schedule points
   * (Invariant, asserted there: budget >= 1 on entry). park() and yieldNow() do not look at the
   * budget: a park is a switch anyway, and an explicit checkpoint is the user asking for one. See
   * SchedulingPolicyTest.
   *
   * Differences from Trio. An abort function may run more than once per park: if it returns
   * Abort.FAILED (the primitive cannot back out now, e.g. a handed-over item is on its way), the
   * task stays parked and cancellable, and the next recalculation of its cancel status, or its
   * move to another status, tries again. Trio calls abort_fn at most once per wait and relies on
   * the primitive to reschedule later; trying again costs nothing when nothing changed and lets
   * a primitive say "not now" without tracking the pending cancellation itself.
   */

  TaskImpl(RunLoop runner, long id, String name, boolean system, Object body) {
    assert body instanceof Block || body instanceof Callable<?> : body;
    this.runner = runner;
    this.id = id;
    this.givenName = name;
    this.system = system;
    this.body = body;
  }

  /**
   * The code the task's thread runs. A fast-engine task is found from its thread (see
   * RunLoop#currentTaskOrNull); any other binds itself in {@link RunLoop#CURRENT_TASK}.
   *
   * <p>The task is its thread's Runnable itself, rather than a {@code t::runBody} lambda: one
   * object fewer per spawn and per sleeping task (issue 12, spawn_join and timers).
   */
  @Override
  public void run() {
    Object code = body;
    // Nothing of a finished task's code may stay reachable through the task (a Task handle the
    // user keeps, or the thread's frames while it winds down after the loop moved on): issue 11,
    // item 6.
    body = null;
    try {
      // The body is called from this frame, not through a helper: every frame under it is frozen
      // into the task's stack chunk each time it parks (100k sleepers: timers, idle_tasks).
      if (!carrier.findsCurrentTask()) {
        result = ScopedValue.where(RunLoop.CURRENT_TASK, this).call(() -> call(code));
      } else if (code instanceof Block b) {
        b.run();
      } else {
        result = ((Callable<?>) code).call();
      }
    } catch (Throwable t) {
      failure = asCancellation(t);
    }
    state = State.FINISHED;
  }

  private static Object call(Object code) throws Exception {
    if (code instanceof Block b) {
      b.run();
      return null;
    }
    return ((Callable<?>) code).call();
  }

  /**
   * Parks the current task (which must be this one) until {@link RunLoop#reschedule} wakes it.
   *
   * @param abort decides what a cancellation does while parked
   * @return the value it was rescheduled with
   */
  Object park(AbortFunction abort) {
    // Small enough for the JIT to inline even in its first tier: see suspendOrUndo.
    cancelPoints++;
    return suspendOrUndo(State.PARKED, abort);
  }

  /** Waiting tasks or callbacks at which a schedule point yields whatever budget is left. */
  static final int CROWD = 2;

  /**
   * A schedule point at which the scheduler applies its policy (invariant 3): the task goes on
   * running while its budget lasts and at most one other task or callback waits to run, and
   * yields to the loop otherwise.
   *
   * <p>Why a budget: switching at every schedule point (Trio's policy, a budget of 1) costs a
   * channel message or an uncontended lock two task switches even when nothing had to wait, and a
   * switch is an order of magnitude dearer than the operation (ADR 0005 measured 6 ns of channel
   * work against 580 ns of switching). Never switching would let a loop of non-blocking sends
   * starve every other task. Tokio's cooperative budget sits between the two: a task may pass a
   * bounded number of schedule points without yielding, so fairness holds with the bound as its
   * measure. The budget counts schedule points, not time, so a program under the MockClock takes
   * the same path every run (invariant 4).
   *
   * <p>The budget covers a pair, not a crowd (ADR 0011): the point also yields, whatever budget
   * is left, when two or more tasks or callbacks are waiting in the run queue. One waiting task
   * is the partner of a producer/consumer hand-off (each side wakes the other), the case the
   * budget exists for: letting it wait saves a switch per message. With two or more waiting, the
   * task would run ahead of tasks it did not just wake, so they take turns at every schedule
   * point as under Trio; that keeps the interleavings of programs with three or more tasks among
   * the ones Trio prints (the seed's channel examples), and bounds every runnable task's wait by
   * one schedule point of each task ahead of it rather than by a budget's worth.
   *
   * <p>Once the budget is used up the task yields to the loop even when no other task is
   * runnable: the loop then expires timers (a deadline on this very task included) and runs the
   * inbox and I/O before stepping the task again, with a fresh budget. Only the switch to another
   * task depends on one being runnable; the trip through the loop does not, as in Tokio, where
   * an exhausted budget returns to the scheduler whatever else is queued.
   */
  void schedulePoint() {
    assert state == State.RUNNING && budget >= 1 : this + ", budget " + budget;
    // The run queue is the loop's, and this task holds the loop's turn, so reading it here is
    // confined like every other access to it.
    if (--budget > 0 && runner.runq.size() < CROWD) {
      schedulePoints++;
      return;
    }
    yieldNow();
  }

  /**
   * A schedule point that always yields and cannot be cancelled: lets every other runnable task
   * run first. The budget is not consulted; the next step starts a fresh one.
   */
  void yieldNow() {
    // Only field writes before the switch: the loop, not this task, puts it on the run queue
    // (RunLoop#step), so nothing shared is half-changed if the switch below fails.
    suspendOrUndo(State.RUNNABLE, null);
  }

  /**
   * Suspends the task as {@code next} (PARKED with {@code abort}, or RUNNABLE) and returns what it
   * was rescheduled with (throws it, if it is an error); if the switch itself fails, undoes the
   * park or yield and rethrows, so that the task goes on as if it had never tried: running, on no
   * queue, not reschedulable. The state is set inside the guarded region, not by the caller: a
   * StackOverflowError can strike at any call on a nearly full stack, this one included, and must
   * never leave a running task marked as parked or runnable.
   */
  private Object suspendOrUndo(State next, AbortFunction abort) {
    // One method for park and yield, with the undo written inline: every frame between the task's
    // code and Carrier#suspend is frozen into the task's stack chunk at each park, and a young
    // collection copies the chunks of every parked task (100k sleepers: timers, issue 12). park()
    // and yieldNow() are small enough to be inlined into their callers even by the JIT's first
    // tier, and suspendAndClearInterrupt() too, so code that has not reached the second tier yet
    // (a run's first rounds) freezes one frame here instead of three.
    assert state == State.RUNNING && abortFn == null : this;
    schedulePoints++;
    int before = steps;
    try {
      abortFn = abort;
      state = next;
      suspendAndClearInterrupt();
    } catch (Throwable e) {
      // A StackOverflowError (the task was nearly out of stack, or its stack was too deep for the
      // JDK to unmount), an OutOfMemoryError while unmounting, or a pinned thread (fast engine).
      // Only field writes here: the handler must not need more stack than the switch had.
      if (e instanceof StackOverflowError) {
        carrier.stackExhausted = true;
      }
      if (steps == before) {
        abortFn = null;
      } else {
        // It did leave and came back, and failed on the way in: the loop's part is done.
        nextValue = null;
        nextError = null;
      }
      state = State.RUNNING;
      throw e;
    }
    assert state == State.RUNNING && abortFn == null : this;
    // Only reschedule() sets these, and only for a PARKED task: a yield reads two nulls.
    assert next == State.PARKED || (nextError == null && nextValue == null) : this;
    Throwable e = nextError;
    Object v = nextValue;
    nextError = null;
    nextValue = null;
    if (e != null) {
      throw Sneaky.rethrow(e);
    }
    return v;
  }

  private void suspendAndClearInterrupt() {
    foreignInterrupts = 0;
    if (cancelInterrupt) {
      // The interrupt was weft's nudge to get out of foreign code; the cancellation itself is
      // delivered through the cancel scope, so the flag must not leak into later JDK calls.
      Thread.interrupted();
      cancelInterrupt = false;
    }
    carrier.suspend();
  }

  /**
   * Called by the loop when the task's thread has parked in foreign JDK code (fast engine). If the
   * task is in a cancelled scope, the call is interrupted at once: cancellation stays
   * level-triggered for blocking JDK calls too, so a swallowed InterruptedException cannot lose it.
   */
  void blockedInForeignCode() {
    state = State.FOREIGN_BLOCKED;
    attemptDeliveryOfPendingCancel();
  }

  /**
   * Turns what a blocking JDK call threw because weft interrupted it for a cancellation into the
   * CancelledError that the cancellation stands for, so that the scope that caused it catches it
   * ({@code cancelledCaught()}, {@code TooSlowException} from {@code failAfter}), and clears the
   * interrupt status. Anything else is returned as it is. Task thread only: called where a
   * task's exception meets a scope (CancelScopeImpl#exit, the nursery body) or ends the task.
   *
   * @param exc what the task's code threw, or null
   * @return the CancelledError (with {@code exc} as its cause), or {@code exc}
   */
  Throwable asCancellation(Throwable exc) {
    if (!cancelInterrupt || exc == null || exc instanceof CancelledError) {
      return exc;
    }
    if (!InterruptOutcomes.isInterruptOutcome(exc)) {
      return exc;
    }
    cancelInterrupt = false;
    Thread.interrupted();
    if (cancelStatus == null || !cancelStatus.effectivelyCancelled) {
      return exc; // the cancellation ended meanwhile (an edge-triggered request was used up)
    }
    CancelledError e = CancelScopeImpl.newCancelledError(this);
    e.initCause(exc);
    CancelScopeImpl.markDelivered(this);
    return e;
  }

  /**
   * Clears an interrupt weft sent for a cancellation once the task has left every cancelled
   * scope, so that it does not break the task's later JDK calls (the body swallowed the
   * interrupted call's exception, or the call returned before the interrupt reached it).
   */
  void clearCancelInterruptIfUncancelled() {
    if (cancelInterrupt && (cancelStatus == null || !cancelStatus.effectivelyCancelled)) {
      cancelInterrupt = false;
      Thread.interrupted();
    }
  }

  /**
   * An explicit checkpoint ({@code Weft.checkpoint()}, {@code sleep(0)}): a yield whatever the
   * budget, then a cancel point. The user asked for a switch, so the policy does not apply.
   */
  void checkpoint() {
    yieldNow();
    checkCancelled();
  }

  /** A cancel point without a schedule point. */
  void checkCancelled() {
    cancelPoints++;
    if (cancelStatus.effectivelyCancelled) {
      CancelledError e = CancelScopeImpl.newCancelledError(this);
      CancelScopeImpl.markDelivered(this);
      throw e;
    }
  }

  void activateCancelStatus(CancelStatus s) {
    if (cancelStatus != null) {
      cancelStatus.removeTask(this);
    }
    cancelStatus = s;
    if (s != null) {
      s.addTask(this);
      if (s.effectivelyCancelled) {
        attemptDeliveryOfPendingCancel();
      }
    }
  }

  void attemptDeliveryOfPendingCancel() {
    if (cancelStatus == null || !cancelStatus.effectivelyCancelled) {
      return;
    }
    if (state != State.PARKED) {
      if (state == State.FOREIGN_BLOCKED) {
        // A task blocked in foreign JDK code (fast engine) is interrupted; what the call throws
        // becomes this cancellation where it meets a scope (asCancellation). An interrupt already
        // pending has not reached the task yet: one is enough.
        Thread thread = carrier.thread();
        if (!thread.isInterrupted() && foreignInterrupts < MAX_FOREIGN_INTERRUPTS) {
          foreignInterrupts++;
          cancelInterrupt = true;
          thread.interrupt();
        }
      }
      return;
    }
    CancelledError err = CancelScopeImpl.newCancelledError(this);
    Abort outcome;
    try {
      outcome = abortFn.abort(err);
    } catch (Throwable t) {
      // A broken abort function is a bug in the primitive that parked this task: report it where
      // the task waits, not in the loop (which would take every other task down with it).
      if (abortFn != null) {
        runner.reschedule(this, null, t);
      }
      return;
    }
    if (outcome == Abort.PASSED_ON) {
      // The cancellation now belongs to what the task waits for; an edge-triggered request is
      // used up by that, as asyncio's Task.cancel() is when it cancels the awaited future.
      CancelScopeImpl.markDelivered(this);
    }
    if (abortFn == null) {
      return; // the abort function rescheduled the task itself
    }
    if (outcome == null) {
      runner.reschedule(
          this,
          null,
          new IllegalStateException(
              "an AbortFunction returned null; it must return Abort.SUCCEEDED, FAILED or PASSED_ON"));
    } else if (outcome == Abort.SUCCEEDED) {
      CancelScopeImpl.markDelivered(this);
      runner.reschedule(this, null, err);
    }
  }

  void addChildNursery(NurseryImpl n) {
    if (childNurseries == null) {
      childNurseries = new ArrayList<>(2);
    }
    childNurseries.add(n);
  }

  void removeChildNursery(NurseryImpl n) {
    childNurseries.remove(n);
  }

  /**
   * Adds a hook the loop runs when this task ends.
   *
   * @param hook the hook
   * @return false if the task has ended already (the hook is not added)
   */
  boolean addExitHook(Runnable hook) {
    if (state == State.FINISHED) {
      return false;
    }
    // Invariant: hooks run in the order added, the slot's first; so the slot takes a hook only
    // when no other hook is waiting.
    if (exitHook == null && (exitHooks == null || exitHooks.isEmpty())) {
      exitHook = hook;
      return true;
    }
    if (exitHooks == null) {
      exitHooks = new ArrayList<>(2);
    }
    exitHooks.add(hook);
    return true;
  }

  /**
   * Removes a hook added by {@link #addExitHook}, compared by identity.
   *
   * @param hook the hook
   * @return whether it was there
   */
  boolean removeExitHook(Runnable hook) {
    if (exitHook == hook) {
      exitHook = null;
      return true;
    }
    if (exitHooks != null) {
      for (int i = 0; i < exitHooks.size(); i++) {
        if (exitHooks.get(i) == hook) {
          exitHooks.remove(i);
          return true;
        }
      }
    }
    return false;
  }

  /** Runs and forgets the exit hooks; the loop calls it once, when the task has ended. */
  void runExitHooks() {
    Runnable first = exitHook;
    List<Runnable> rest = exitHooks == null ? List.of() : List.copyOf(exitHooks);
    exitHook = null;
    exitHooks = null;
    if (first != null) {
      first.run();
    }
    for (Runnable h : rest) {
      h.run();
    }
  }

  /** {@return whether the calling thread is this task's} */
  boolean isCurrentThread() {
    return carrier.thread() == Thread.currentThread();
  }

  List<NurseryImpl> childNurseriesRaw() {
    return childNurseries == null ? List.of() : childNurseries;
  }

  /** {@return the name given at spawn, or null for a task with the default name} */
  String givenName() {
    return givenName;
  }

  @Override
  public String name() {
    // Made on demand, not per spawn: most tasks are never asked their name (issue 12, spawn_join).
    return givenName != null ? givenName : "task-" + id;
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public Optional<Nursery> parentNursery() {
    return Optional.ofNullable(parentNursery);
  }

  @Override
  public Optional<Nursery> eventualParentNursery() {
    return Optional.ofNullable(eventualParentNursery);
  }

  @Override
  public List<Nursery> childNurseries() {
    runner.checkInLoop("Task.childNurseries()");
    return List.copyOf(childNurseriesRaw());
  }

  @Override
  public boolean isDone() {
    return state == State.FINISHED;
  }

  @Override
  public boolean isSystemTask() {
    return system;
  }

  @Override
  public long schedulePoints() {
    return schedulePoints;
  }

  @Override
  public long cancelPoints() {
    return cancelPoints;
  }

  @Override
  public String toString() {
    String s =
        switch (state) {
          case NEW -> "new";
          case RUNNABLE -> "runnable";
          case RUNNING -> "running";
          case FOREIGN_BLOCKED -> "blocked in foreign code";
          case PARKED -> "parked";
          case FINISHED -> failure != null ? "failed: " + SafeString.of(failure) : "done";
        };
    return "Task[" + name() + " #" + id + ", " + s + "]";
  }
}
