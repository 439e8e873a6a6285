package dev.weft.internal.core;

import dev.weft.Block;
import dev.weft.RunConfig;
import dev.weft.cancel.CancelScope;
import dev.weft.internal.engine.Carrier;
import dev.weft.internal.engine.EngineDriver;
import dev.weft.internal.engine.Engines;
import dev.weft.internal.engine.LoopHost;
import dev.weft.internal.io.IoManager;
import dev.weft.internal.io.SelectorIoManager;
import dev.weft.lowlevel.Abort;
import dev.weft.lowlevel.Clock;
import dev.weft.lowlevel.RunStatistics;
import dev.weft.lowlevel.Task;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;

/**
 * The cycle of one event loop: its run queue, timers, clock, task tree and thread rules. The
 * {@link EventLoopImpl} drives it (for {@code Weft.run} or for a loop its owner runs), and other
 * threads reach it only through its {@link Inbox}.
 */
final class RunLoop implements LoopHost {
  /**
   * The task whose thread is running; bound in the task threads that the engine cannot map to
   * their task itself (see {@link #currentTaskOrNull}).
   */
  static final ScopedValue<TaskImpl> CURRENT_TASK = ScopedValue.newInstance();

  /** Where loop ids come from; ids name the loop threads ("weft-loop-3"). */
  private static final java.util.concurrent.atomic.AtomicLong NEXT_LOOP_ID =
      new java.util.concurrent.atomic.AtomicLong();

  /** The loop whose thread this is; bound on the loop thread while the loop runs. */
  private static final ScopedValue<RunLoop> CURRENT_LOOP = ScopedValue.newInstance();

  // immutable state
  /** This loop's id, unique in the JVM, from 1. */
  final long id = NEXT_LOOP_ID.incrementAndGet();

  final Clock clock;
  private final EngineDriver engine;
  /**
   * Schedule points a task may pass between two yields to the loop (see TaskImpl#schedulePoint);
   * every step of a task starts with this budget. At least 1; 1 switches at every schedule
   * point, as Trio does.
   */
  final int schedulingBudget;
  final IoManager io = new SelectorIoManager();
  final Inbox inbox = new Inbox(io);
  final TimerQueue timers = new TimerQueue();
  /**
   * The ready queue: runnable tasks and loop callbacks (Runnables) in one FIFO, as asyncio's
   * _ready holds task steps and handles alike, so callSoon never overtakes a step made runnable
   * before it (issue 9, item 5).
   */
  final RunQueue runq = new RunQueue();
  private final PriorityQueue<IdleWaiter> idleWaiters = new PriorityQueue<>();
  /** The main task's name (and its thread's). */
  static final String MAIN_TASK_NAME = "weft-main";

  /**
   * How many entries of a batch run between two looks at the clock for timers that came due
   * meanwhile (ADR 0012). A look costs a clock read, a small fraction of one step.
   */
  static final int DUE_TIMER_CHECK_INTERVAL = 64;

  final CancelScope mainScope = new CancelScope();
  final CancelScope systemScope = new CancelScope();
  /** True for a loop made by EventLoop.open, driven by its owner rather than by Weft.run. */
  final boolean manual;
  /** The public face of this loop. */
  final EventLoopImpl eventLoop;
  final IdentityHashMap<Object, Object> runVars = new IdentityHashMap<>();

  // mutable state
  private volatile Thread loopThread;
  private long nextTaskId;
  private long nextIdleSeq;
  int liveTasks;
  private TaskImpl mainTask;
  private NurseryImpl systemNursery;
  private final List<Throwable> crashes = new ArrayList<>(0);
  /** Nesting of CancelStatus recalculations; kept only when assertions are enabled. */
  int recalculationDepth;

  /*
   * Implementation notes.
   *
   * cycle() is Trio's run-loop cycle (`_run.py`, `unrolled_run`):
   *   1. choose how long to wait: 0 if a task is runnable, else until the next timer, shortened
   *      to the smallest awaitAllTasksBlocked cushion or the clock's autojump threshold;
   *   2. wait in the I/O manager up to that long: it reschedules the tasks whose channels became
   *      ready, and the inbox wakes it; then run what the inbox holds (cross-thread callbacks and
   *      foreign wake-ups);
   *   3. fire expired timers (deadlines cancel their scopes);
   *   4. if still nothing is runnable and the wait was "primed" (it was shortened for (1)'s idle
   *      cases and nothing ended it early), wake the idle waiters with the smallest cushion, or let
   *      the clock autojump to the next deadline;
   *   5. run one batch: every task that was runnable at the start of the batch, in FIFO order;
   *      tasks made runnable during the batch wait for the next one, so one busy task cannot
   *      starve the timers or the inbox. Every DUE_TIMER_CHECK_INTERVAL entries the batch looks
   *      at the clock, and what timers that have come due meanwhile make runnable runs next,
   *      ahead of the batch's rest (ADR 0012).
   * Only the loop thread touches the fields above, except `inbox`, `io` and `loopThread`. The loop
   * never spins: with nothing to do it blocks in the I/O manager (its Selector, or a plain park
   * before any channel was registered), and inbox posts wake it.
   *
   * Differences from Trio. Trio runs each batch in a random order (and sometimes reversed) to
   * shake out code that relies on scheduling order; weft runs it in FIFO order, so that a test's
   * trace is the same on every run and on both engines, and tests that want other orders get them
   * from weft-testing's schedule exploration instead. Trio fires timers only between batches, so
   * a batch of 100k task starts delays every sleep that comes due during it by the rest of the
   * batch; weft fires them within the batch (ADR 0012: the p99 lateness of issue 12's timers
   * workload went from the length of that batch to about the length of the GC pauses in it).
   * Under the MockClock time moves only when a task jumps it, so a test sees the same order on
   * every run.
   *
   * The main task's cancel status is the root of the user's tree; system tasks live in a
   * separate system nursery, cancelled when the main task ends. A system task's failure or a
   * failing inbox callback "crashes" the run: everything is cancelled and the run throws.
   * See RunTest and InvariantsTest.
   */

  RunLoop(RunConfig config, boolean manual) {
    this.clock = config.clock();
    // The default engine is resolved here, so that a JVM that cannot reach it fails at the
    // public call that starts the loop, naming it.
    this.engine =
        Engines.newDriver(config.chosenEngine().orElse(null), manual ? "EventLoop.open" : "Weft.run");
    this.schedulingBudget = config.schedulingBudget();
    assert schedulingBudget >= 1 : "a scheduling budget below 1";
    this.manual = manual;
    this.eventLoop = new EventLoopImpl(this);
  }

  /** Lets the engine release what it holds for this loop; the loop has ended for good. */
  void closeEngine() {
    engine.close();
  }

  /**
   * Runs {@code body} on a thread that suits the engine, as this loop's thread: {@link
   * #currentOrNull} finds this loop there and {@link #inLoop} accepts it. Returns when the body
   * does; the engine may have run it on another thread meanwhile.
   *
   * @param body the loop's work (some cycles)
   */
  void runOnLoopThread(Runnable body) {
    engine.runLoop(
        "weft-loop-" + id,
        () ->
            ScopedValue.where(CURRENT_LOOP, this)
                .run(
                    () -> {
                      loopThread = Thread.currentThread();
                      body.run();
                    }));
  }

  /** {@return whether the calling thread runs a weft task or loop callback (of any loop)} */
  static boolean inAnyLoop() {
    return currentTaskOrNull() != null || CURRENT_LOOP.isBound();
  }

  /** Starts the clock and makes the system nursery; once, before the first cycle. */
  void init() {
    clock.startClock();
    systemNursery =
        new NurseryImpl(this, null, systemScope, Access.impl(systemScope).enterDetached(this), true);
  }

  /**
   * Cancels the main task's scope from any thread, through the inbox (RunHandle, shutdown
   * signals). Does nothing once the run has ended.
   *
   * @param reason the cancel's reason
   */
  void cancelMainFromAnyThread(String reason) {
    inbox.tryRunSyncSoon(() -> mainScope.cancelWithReason(reason));
  }

  /**
   * Starts {@code main} as the root task of a {@code Weft.run} loop. Loop thread only.
   *
   * @param main the root task's body
   */
  void startMain(Callable<?> main) {
    CancelStatus mainStatus = Access.impl(mainScope).enterDetached(this);
    // Not "main": a thread dump would show it beside the JVM's own main thread.
    Access.impl(mainScope).setLabel("the run's main scope");
    mainTask = newTask(main, MAIN_TASK_NAME, null, false);
    mainTask.activateCancelStatus(mainStatus);
  }

  /**
   * Runs one cycle (see the notes).
   *
   * @param noWait whether to skip the wait even with nothing runnable (the loop is stopping)
   */
  void cycle(boolean noWait) {
    double timeout;
    // "Primed" (Trio's idle_primed): the wait below was shortened for an idle action, and the
    // action is due only if the loop really stayed idle for the whole shortened wait. 1: wake the
    // awaitAllTasksBlocked waiters with the smallest cushion; 2: let the clock autojump.
    int primed = 0;
    double nextDeadline = Double.POSITIVE_INFINITY;
    if (!runq.isEmpty() || noWait) {
      timeout = 0;
    } else {
      nextDeadline = timers.nextDeadline();
      timeout =
          nextDeadline == Double.POSITIVE_INFINITY
              ? Double.POSITIVE_INFINITY
              : Math.max(0, clock.deadlineToSleepTime(nextDeadline));
      if (!idleWaiters.isEmpty()) {
        // A waiter must see every other task blocked for `cushion` seconds of real time before it
        // wakes, so wait that long (no longer than to the next timer) and see what happens.
        double cushion = idleWaiters.peek().cushion;
        if (cushion < timeout) {
          timeout = cushion;
          primed = 1;
        }
      } else if (nextDeadline != Double.POSITIVE_INFINITY) {
        // A MockClock with autojump: once the loop has been idle for the threshold (0 for the
        // usual autojumping clock), the clock jumps to the next deadline instead of waiting for
        // it. Idle waiters go first (the else): a test that waits for all tasks to block must see
        // them blocked before virtual time moves, as in Trio, where the autojump clock is itself
        // a system task that waits for all tasks blocked with the largest cushion.
        double threshold = clock.autojumpThreshold();
        if (threshold < timeout) {
          timeout = threshold;
          primed = 2;
        }
      }
    }
    // Either one means the loop was not idle for the whole wait, so it must not act as if it had
    // been: ready channels, or a wake-up (one with nothing in the inbox is a stale one, see
    // IoManager, and costs one more cycle before the idle waiters or the autojump get a turn).
    boolean woken = io.waitForEvents(timeout);
    if (drainInbox() > 0 || woken) {
      primed = 0;
    }
    // Reading the clock costs a few percent of a task switch; with no timer there is no need.
    if (timers.size() > 0 && timers.expire(clock.currentTime()) > 0) {
      primed = 0;
    }
    // Still primed and nothing runnable: nothing happened during the whole wait, so the loop was
    // idle. A timer firing would have made a task runnable or changed the deadlines; both make the
    // next cycle compute a fresh timeout instead.
    if (primed != 0 && runq.isEmpty()) {
      if (primed == 1) {
        // Every waiter with that same smallest cushion wakes together (Trio does the same).
        double cushion = idleWaiters.peek().cushion;
        while (!idleWaiters.isEmpty() && idleWaiters.peek().cushion == cushion) {
          IdleWaiter w = idleWaiters.poll();
          reschedule(w.task, null, null);
        }
      } else {
        clock.autojump(nextDeadline);
      }
    }
    int sinceTimerCheck = 0;
    for (int n = runq.size(); n > 0; n--) {
      Object next = runq.poll();
      if (next instanceof TaskImpl t) {
        step(t, null);
      } else {
        runCallback((Runnable) next);
      }
      if (++sinceTimerCheck == DUE_TIMER_CHECK_INTERVAL) {
        sinceTimerCheck = 0;
        n += runDueTimersFirst();
      }
    }
  }

  /**
   * In a long batch: fires the timers that have come due since the batch began, and queues what
   * they made runnable ahead of the rest of the batch (ADR 0012).
   *
   * @return how many entries were queued ahead
   */
  private int runDueTimersFirst() {
    if (timers.size() == 0) {
      return 0;
    }
    double now = clock.currentTime();
    if (timers.nextDeadline() > now) {
      return 0;
    }
    int before = runq.size();
    timers.expire(now);
    int woken = runq.size() - before;
    runq.moveNewestToFront(woken);
    return woken;
  }

  /**
   * Queues a loop callback behind everything already runnable (EventLoop.callSoon). Loop thread
   * or an idle loop's owner only.
   *
   * @param action the callback
   */
  void callSoon(Runnable action) {
    runq.add(action);
  }

  private void runCallback(Runnable action) {
    try {
      action.run();
    } catch (Throwable t) {
      crash(t);
    }
  }

  /** {@return how many inbox callbacks ran} Loop thread only. */
  int drainInbox() {
    return inbox.drain(this::crash);
  }

  /**
   * Runs one step of a task: from its start, from where it parked in weft, or (fast engine) from
   * where foreign JDK code parked it. Every piece of task code the loop runs goes through here, so
   * this is the one place for what must happen around a step (an instrument's before/after hooks).
   * Loop thread only.
   *
   * @param t the task
   * @param foreignContinuation the JDK's continuation after a foreign wake-up, or null for a task
   *     that the run queue made runnable
   */
  private void step(TaskImpl t, Runnable foreignContinuation) {
    TaskImpl.State from = t.state;
    t.state = TaskImpl.State.RUNNING;
    // Invariant: a task's budget counts only the schedule points since the loop last stepped it.
    t.budget = schedulingBudget;
    if (foreignContinuation != null) {
      // The task's thread parked inside JDK code (a blocking socket read, Thread.sleep, a j.u.c
      // lock) while it was running: the step that ran it ended with the task still RUNNING, so the
      // loop marked it FOREIGN_BLOCKED and went on. The JDK has now made the thread runnable and
      // handed us its continuation (through the inbox, from whichever thread woke it): run it here,
      // on the loop thread, like any other step. The task never went through the run queue.
      assert from == TaskImpl.State.FOREIGN_BLOCKED : t;
      t.carrier.runForeign(foreignContinuation);
    } else if (from == TaskImpl.State.NEW) {
      t.steps++;
      t.carrier.start();
    } else {
      assert from == TaskImpl.State.RUNNABLE && t.abortFn == null : t;
      t.steps++;
      t.carrier.resume();
    }
    switch (t.state) {
      case FINISHED -> taskExited(t);
      case PARKED -> {
        // A sleep's wake-up is queued here, by the loop, not by the task before it parks: the
        // task's compiled sleep path then holds no timer-queue code, whose locals would widen the
        // frame that every sleeping task keeps frozen in its stack chunk (100k sleepers: timers,
        // issue 12), and a park that fails to switch leaves no wake-up behind to take back.
        if (t.abortFn instanceof Sleeper s) {
          s.arm();
        }
        // It parked inside a scope that may already be cancelled: deliver now, not at the next
        // recalculation (which may never come).
        t.attemptDeliveryOfPendingCancel();
      }
      // The turn came back with the task still running: the fast engine's carrier returned
      // because the task's thread parked in JDK code; the JDK will wake it through foreignWakeup.
      case RUNNING -> t.blockedInForeignCode();
      // It yielded: queue it for the next batch. The loop does it, not the task, so that a switch
      // that fails half-way has nothing shared to undo (TaskImpl#suspendOrUndo).
      case RUNNABLE -> runq.add(t);
      default -> throw new AssertionError(t);
    }
  }

  // ---- tasks

  TaskImpl spawn(Block body, String name, NurseryImpl nursery, boolean system) {
    return spawnCode(body, name, nursery, system);
  }

  TaskImpl spawn(Callable<?> body, String name, NurseryImpl nursery, boolean system) {
    return spawnCode(body, name, nursery, system);
  }

  /** Spawns a task whose code is a {@link Block} or a {@link Callable} (see TaskImpl#body). */
  private TaskImpl spawnCode(Object body, String name, NurseryImpl nursery, boolean system) {
    TaskImpl t = newTask(body, name, nursery, system);
    nursery.children.add(t);
    t.activateCancelStatus(nursery.cancelStatus);
    return t;
  }

  private TaskImpl newTask(Object body, String name, NurseryImpl nursery, boolean system) {
    TaskImpl t = new TaskImpl(this, ++nextTaskId, name, system, body);
    t.parentNursery = nursery;
    newCarrier(t);
    runq.add(t); // before the count: if it fails (a full heap), the task never existed
    liveTasks++;
    return t;
  }

  /**
   * Gives a new task its carrier (and so its thread), at spawn.
   *
   * <p>Why at spawn and not at the task's first step, which would keep a queued task smaller:
   * making the thread is most of what starting a task costs, and work done at the first step is
   * done inside the loop's batch, where it delays every other task of the batch, while work done
   * at spawn is paid by the task that spawns. Measured with 100k sleepers started in one nursery
   * (the timers workload, issue 12): made at the first step, the batch that starts them took about
   * twice as long (67 against 35 ms in rounds without a collection) and the p99 lateness of the
   * sleeps followed (36 against 12 ms); spawn_join gained about 10% the other way.
   *
   * @param t a task that is being spawned
   */
  private void newCarrier(TaskImpl t) {
    assert t.carrier == null : t;
    t.carrier = engine.newCarrier(this, t.givenName(), t);
    t.carrier.task = t;
  }

  private void taskExited(TaskImpl t) {
    liveTasks--;
    t.activateCancelStatus(null);
    // Before the nursery hears of it, as Trio does: a lock the task still held is broken first.
    t.runExitHooks();
    if (t == mainTask) {
      systemScope.cancel();
    } else {
      t.parentNursery.childFinished(t);
    }
  }

  /**
   * Makes a parked task runnable again with a value or an error.
   *
   * @param t the task
   * @param value what its park returns
   * @param error what its park throws, or null
   */
  void reschedule(TaskImpl t, Object value, Throwable error) {
    if (t.runner != this) {
      throw new IllegalArgumentException(t + " belongs to another loop");
    }
    if (t.state != TaskImpl.State.PARKED) {
      throw new IllegalStateException(
          "cannot reschedule " + t + ": it is not parked, or it was already rescheduled");
    }
    assert t.abortFn != null : t;
    // Queue first: if the queue cannot grow (a full heap), the OutOfMemoryError reaches the caller
    // with the task still parked and still cancellable, not marked runnable and on no queue.
    runq.add(t);
    t.abortFn = null;
    t.state = TaskImpl.State.RUNNABLE;
    t.nextValue = value;
    t.nextError = error;
  }

  /**
   * Starts a task that belongs to the loop itself (a system task): the one way to do so, behind
   * both {@code Scheduling.spawnSystemTask} (from a task or a loop callback) and {@code
   * EventLoop.spawn} (also from the owner of an idle loop). It lives in the system nursery, is
   * cancelled when the main task ends or the loop closes, and first runs in the next cycle.
   *
   * @param body the task's code
   * @param name the task's name, or null for "task-N"
   * @param api the public method, for error messages
   * @return the task
   * @throws IllegalStateException if called from outside a running loop, or if the loop is
   *     closed or shutting down
   */
  TaskImpl spawnLoopTask(Callable<?> body, String name, String api) {
    if (eventLoop.isRunning()) {
      checkInLoop(api);
    }
    if (eventLoop.isClosed()) {
      throw new IllegalStateException(api + ": the event loop is closed; no task can start on it");
    }
    if (systemNursery.cancelStatus.effectivelyCancelled) {
      throw new IllegalStateException(
          api
              + ": the loop is shutting down (the main task of its run has ended, or the loop is "
              + "closing), so no new system task can start. Start the work from a nursery of a "
              + "task that is still running instead.");
    }
    return spawn(body, name, systemNursery, true);
  }

  /**
   * Records a failure that takes the whole run down, and cancels everything.
   *
   * @param t the failure
   */
  void crash(Throwable t) {
    crashes.add(t);
    if (mainTask != null) {
      mainScope.cancel();
    }
    if (!manual) {
      systemScope.cancel();
    }
  }

  /** {@return whether the run has crashed since the last {@link #throwIfCrashed}} */
  boolean crashed() {
    return !crashes.isEmpty();
  }

  /** Throws (and forgets) the crashes recorded so far, as one exception. */
  void throwIfCrashed() {
    if (crashes.isEmpty()) {
      return;
    }
    Throwable first = crashes.get(0);
    IllegalStateException e =
        new IllegalStateException(
            "the weft run crashed: a system task or a loop callback failed", first);
    for (int i = 1; i < crashes.size(); i++) {
      e.addSuppressed(crashes.get(i));
    }
    if (mainTask != null && mainTask.failure != null) {
      e.addSuppressed(mainTask.failure);
    }
    crashes.clear();
    throw e;
  }

  void awaitAllTasksBlocked(TaskImpl t, Duration cushion) {
    IdleWaiter w = new IdleWaiter(Clock.toSeconds(cushion), nextIdleSeq++, t);
    idleWaiters.add(w);
    t.park(
        cancellation -> {
          idleWaiters.remove(w);
          return Abort.SUCCEEDED;
        });
  }

  private record IdleWaiter(double cushion, long seq, TaskImpl task)
      implements Comparable<IdleWaiter> {
    @Override
    public int compareTo(IdleWaiter o) {
      int c = Double.compare(cushion, o.cushion);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  // ---- thread rules and lookup

  /** {@return the loop of the calling task or loop thread, or null} */
  static RunLoop currentOrNull() {
    TaskImpl t = currentTaskOrNull();
    if (t != null) {
      return t.runner;
    }
    return CURRENT_LOOP.isBound() ? CURRENT_LOOP.get() : null;
  }

  /**
   * What {@link #currentTask} reads when no task is bound: one lookup ({@code orElse}) instead of
   * {@code isBound} and {@code get}, on the path of every checkpoint. JDK 25's {@code orElse}
   * refuses null, hence a sentinel.
   */
  private static final TaskImpl NO_TASK = new TaskImpl(null, 0, "no task", false, (Block) () -> {});

  /**
   * {@return the task the calling thread runs, or null} A fast-engine task is found from its
   * thread (Engines#currentFastTask), every other from its {@link #CURRENT_TASK} binding.
   */
  static TaskImpl currentTaskOrNull() {
    Object fast = Engines.currentFastTask();
    if (fast != null) {
      return (TaskImpl) fast;
    }
    TaskImpl t = CURRENT_TASK.orElse(NO_TASK);
    return t == NO_TASK ? null : t;
  }

  static TaskImpl currentTask(String what) {
    TaskImpl t = currentTaskOrNull();
    if (t == null) {
      throw new IllegalStateException(
          PublicCaller.name(what)
              + " must be called from a weft task, but thread '"
              + Thread.currentThread().getName()
              + "' is not running one. Start a loop with Weft.run(...) and call it from there.");
    }
    return t;
  }

  /** {@return the name of the task or the loop callback the calling thread runs, for messages} */
  static String describeCurrent() {
    TaskImpl t = currentTaskOrNull();
    return t != null ? "in task '" + t.name() + "'" : "in a callback on the loop's thread";
  }

  /** {@return whether the calling thread is this loop's thread or one of its tasks} */
  boolean inLoop() {
    if (Thread.currentThread() == loopThread) {
      return true;
    }
    TaskImpl t = currentTaskOrNull();
    return t != null && t.runner == this;
  }

  void checkInLoop(String what) {
    if (!inLoop()) {
      throw new IllegalStateException(
          publicName(what)
              + " was called from thread '"
              + Thread.currentThread().getName()
              + "', outside the weft loop it belongs to. weft objects are bound to their loop: "
              + "call it from one of the loop's tasks, or hand it to the loop with "
              + "RunToken.runSyncSoon(...) (get the token with Scheduling.currentRunToken() "
              + "inside the loop).");
    }
  }

  /** {@code what} ("CancelScope.cancel()") or, if found, the public method the user called. */
  private static String publicName(String what) {
    String found = PublicCaller.name(null);
    return found != null ? found + "()" : what;
  }

  // ---- queries for the public API

  TaskImpl mainTask() {
    return mainTask;
  }

  RunStatistics statistics() {
    double next = timers.nextDeadline();
    return new RunStatistics(
        liveTasks,
        runq.size(),
        next == Double.POSITIVE_INFINITY ? next : next - clock.currentTime(),
        inbox.size());
  }

  List<Task> allTasks() {
    List<Task> out = new ArrayList<>(liveTasks);
    walkTaskTree(out::add);
    return out;
  }

  /**
   * Visits every live task, parents before children: the main task, the system tasks, then the
   * tasks of each task's nurseries. Exact on the loop thread; from another thread see {@link
   * #taskThreads}.
   */
  private void walkTaskTree(java.util.function.Consumer<TaskImpl> visit) {
    ArrayDeque<TaskImpl> todo = new ArrayDeque<>();
    TaskImpl main = mainTask;
    if (main != null && !main.isDone()) {
      todo.add(main);
    }
    systemNursery.children.glanceInto(todo);
    TaskImpl t;
    while ((t = todo.poll()) != null) {
      visit.accept(t);
      List<NurseryImpl> nurseries = t.childNurseriesRaw();
      for (int i = 0; i < nurseries.size(); i++) {
        NurseryImpl n = nurseries.get(i);
        if (n != null) {
          n.children.glanceInto(todo);
        }
      }
    }
  }

  // ---- LoopHost: called by the engine

  @Override
  public Thread loopThread() {
    return loopThread;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Walks the task tree as {@link #allTasks} does, but from another thread, without a lock: it
   * reads links the loop may be changing. It ends (TaskList#glanceInto says why, and a nursery's
   * tasks are newer than the nursery, whose task is older still), and a read that races with a
   * change ends the walk early with what it found so far.
   */
  @Override
  public List<Thread> taskThreads() {
    List<Thread> out = new ArrayList<>();
    try {
      walkTaskTree(
          t -> {
            Carrier c = t.carrier;
            if (c != null && !t.isDone()) {
              out.add(c.thread());
            }
          });
    } catch (RuntimeException raced) {
      // the loop changed what we were reading: what we have is the answer
    }
    return out;
  }

  @Override
  public void foreignWakeup(Carrier carrier, Runnable continuation) {
    TaskImpl t = (TaskImpl) carrier.task;
    inbox.post(() -> step(t, continuation));
  }

  @Override
  public String toString() {
    return "RunLoop[#" + id + ", " + liveTasks + " tasks, " + eventLoop.state() + "]";
  }
}
