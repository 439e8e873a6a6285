package dev.weft.internal.core;

import dev.weft.RunConfig;
import dev.weft.cancel.CancelScope;
import dev.weft.internal.engine.Carrier;
import dev.weft.internal.engine.EngineDriver;
import dev.weft.internal.engine.Engines;
import dev.weft.internal.engine.LoopHost;
import dev.weft.internal.io.SelectorIoManager;
import dev.weft.lowlevel.Clock;
import dev.weft.lowlevel.EventLoop;
import dev.weft.lowlevel.RunStatistics;
import dev.weft.lowlevel.RunToken;
import dev.weft.lowlevel.Task;
import dev.weft.lowlevel.TimerHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One event loop: its run queue, timers, clock, cross-thread inbox and task tree. A runner
 * serves exactly one {@code Weft.run} call, on one thread.
 */
public final class Runner implements LoopHost, RunToken, EventLoop {
  /** The task whose thread is running; bound in every task thread. */
  static final ScopedValue<TaskImpl> CURRENT_TASK = ScopedValue.newInstance();

  /** The loop whose thread this is; bound on the loop thread while the loop runs. */
  private static final ScopedValue<Runner> CURRENT_LOOP = ScopedValue.newInstance();

  private static final double MAX_WAIT_SECONDS = SelectorIoManager.MAX_WAIT_SECONDS;

  // immutable state
  final Clock clock;
  private final EngineDriver engine;
  final TimerQueue timers = new TimerQueue();
  final ArrayDeque<TaskImpl> runq = new ArrayDeque<>();
  final SelectorIoManager io = new SelectorIoManager();
  private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
  private final PriorityQueue<IdleWaiter> idleWaiters = new PriorityQueue<>();
  private final CancelScope mainScope = new CancelScope();
  private final CancelScope systemScope = new CancelScope();

  // mutable state
  private volatile Thread loopThread;
  private volatile boolean sleeping;
  private volatile boolean finished;
  private long nextTaskId;
  private long nextIdleSeq;
  private int liveTasks;
  private TaskImpl mainTask;
  private NurseryImpl systemNursery;
  private final List<Throwable> crashes = new ArrayList<>(0);
  /** True for a loop made by EventLoop.open, driven by its owner rather than by run(main). */
  private boolean manual;
  private boolean initialized;
  private volatile boolean running;
  private boolean stopping;
  private List<Runnable> closeHooks;
  final IdentityHashMap<Object, Object> runVars = new IdentityHashMap<>();

  /*
   * Implementation notes.
   *
   * The loop (run()) repeats Trio's cycle until no task is left:
   *   1. choose how long to wait: 0 if a task is runnable, else until the next timer, shortened
   *      to the smallest awaitAllTasksBlocked cushion or the clock's autojump threshold;
   *   2. wait for the inbox (cross-thread callbacks and foreign wake-ups) and for ready channels
   *      up to that long; run what arrived and reschedule the tasks whose channels are ready;
   *   3. fire expired timers (deadlines cancel their scopes);
   *   4. if still nothing is runnable and the wait was "primed", wake the idle waiters with the
   *      smallest cushion, or let the clock autojump to the next deadline;
   *   5. run one batch: every task that was runnable at the start of the batch, in FIFO order;
   *      tasks made runnable during the batch wait for the next one, so one busy task cannot
   *      starve the timers or the inbox.
   * Only this thread touches the fields above except `inbox`, `sleeping`, `finished` and
   * `loopThread`. The loop never spins: with nothing to do it blocks in its I/O manager (its
   * Selector, or a plain park before any channel was registered), and inbox posts wake it
   * (the `sleeping` flag and the re-check of the inbox after setting it form a Dekker pair).
   *
   * The main task's cancel status is the root of the user's tree; system tasks live in a
   * separate system nursery, cancelled when the main task ends. A system task's failure or a
   * failing inbox callback "crashes" the run: everything is cancelled and run() throws.
   * See RunnerTest and InvariantsTest.
   *
   * A manual loop (EventLoop.open, behind asyncio's Loop) has no main task: its tasks live in the
   * system nursery, runUntilStopped() repeats the cycle until stop(), and close() cancels the
   * system scope and cycles until the last task is gone. Between runs every task is parked (a
   * cycle only returns between steps), so pausing needs nothing from the engines; a new run may
   * even come from another thread. See EventLoopTest.
   */

  /**
   * Creates a loop with the given options; nothing runs until {@link #run}.
   *
   * @param config the options
   */
  public Runner(RunConfig config) {
    this.clock = config.clock();
    this.engine = Engines.newDriver(config.engine());
  }

  /**
   * Runs {@code main} as the root task and returns its value once every task has ended.
   *
   * @param main the root task's body
   * @return what main returned
   * @throws Exception what main threw, as itself
   */
  public Object run(Callable<?> main) throws Exception {
    Objects.requireNonNull(main, "main");
    if (CURRENT_TASK.isBound() || CURRENT_LOOP.isBound()) {
      String where =
          CURRENT_TASK.isBound()
              ? "in task '" + CURRENT_TASK.get().name + "'"
              : "in a callback on the loop's thread";
      throw new IllegalStateException(
          "Weft.run was called from inside a running weft loop ("
              + where
              + "). A loop cannot be nested in its own thread: start concurrent work with "
              + "Nursery.open(n -> n.startSoon(...)) instead, or call Weft.run from a thread that "
              + "is not part of a loop.");
    }
    engine.runLoop(() -> ScopedValue.where(CURRENT_LOOP, this).run(() -> loop(main)));
    throwIfCrashed();
    if (mainTask.failure != null) {
      throw Sneaky.rethrow(mainTask.failure);
    }
    return mainTask.result;
  }

  private void throwIfCrashed() {
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

  private static void checkNotNested(String what) {
    if (CURRENT_TASK.isBound() || CURRENT_LOOP.isBound()) {
      throw new IllegalStateException(
          what
              + " was called from inside a running weft loop; a loop cannot run inside another "
              + "loop's thread. Start concurrent work with Nursery.open(n -> n.startSoon(...)) or "
              + "create a task instead.");
    }
  }

  // ---- EventLoop: a loop driven by its owner

  /**
   * {@return a new manual loop}
   *
   * @param config the options
   */
  static Runner openManual(RunConfig config) {
    Runner r = new Runner(config);
    r.manual = true;
    r.init();
    return r;
  }

  private void checkManual(String what) {
    if (!manual) {
      throw new IllegalStateException(
          "EventLoop." + what + "() cannot be used on the loop of a Weft.run call: that loop "
              + "runs until its main task ends and closes itself. Use EventLoop.open(...) (or "
              + "asyncio's Loop) for a loop you drive yourself.");
    }
  }

  /** Checks that the caller may touch loop state now: from the loop while running, else anyone. */
  private void checkOwner(String what) {
    if (running) {
      checkInLoop(what);
    }
  }

  @Override
  public void runUntilStopped() {
    checkNotNested("EventLoop.runUntilStopped()");
    checkManual("runUntilStopped");
    if (finished) {
      throw new IllegalStateException(
          "the event loop is closed; it cannot run again. Open a new one.");
    }
    if (running) {
      throw new IllegalStateException("the event loop is already running (in another thread)");
    }
    running = true;
    try {
      engine.runLoop(
          () ->
              ScopedValue.where(CURRENT_LOOP, this)
                  .run(
                      () -> {
                        loopThread = Thread.currentThread();
                        boolean last;
                        do {
                          last = stopping;
                          cycle();
                        } while (!last && !stopping && crashes.isEmpty());
                      }));
    } finally {
      stopping = false;
      running = false;
    }
    throwIfCrashed();
  }

  @Override
  public void stop() {
    checkManual("stop");
    checkOwner("EventLoop.stop()");
    stopping = true;
  }

  @Override
  public void close() {
    checkManual("close");
    if (finished) {
      return;
    }
    if (running) {
      throw new IllegalStateException(
          "cannot close a running event loop: call stop() and close it after "
              + "runUntilStopped() returns");
    }
    if (liveTasks == 0) {
      // Nothing to cancel or wait for: no need to run the loop, so this works from anywhere,
      // even from a task of another loop (as asyncio's close does).
      finish();
      throwIfCrashed();
      return;
    }
    checkNotNested("EventLoop.close() of a loop with live tasks");
    running = true;
    try {
      engine.runLoop(
          () ->
              ScopedValue.where(CURRENT_LOOP, this)
                  .run(
                      () -> {
                        loopThread = Thread.currentThread();
                        systemScope.cancel();
                        try {
                          while (liveTasks > 0) {
                            cycle();
                          }
                        } finally {
                          finish();
                        }
                      }));
    } finally {
      running = false;
      stopping = false;
    }
    throwIfCrashed();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public boolean isClosed() {
    return finished;
  }

  @Override
  public double time() {
    return clock.currentTime();
  }

  @Override
  public Task spawn(Callable<?> body, String name) {
    Objects.requireNonNull(body, "body");
    checkOwner("EventLoop.spawn()");
    if (finished) {
      throw new IllegalStateException("the event loop is closed; no task can start on it");
    }
    return spawnSystemTaskUnchecked(body, name);
  }

  @Override
  public TimerHandle callAt(double when, Runnable action) {
    Objects.requireNonNull(action, "action");
    if (Double.isNaN(when)) {
      throw new IllegalArgumentException("callAt: the time cannot be NaN");
    }
    checkOwner("EventLoop.callAt()");
    if (finished) {
      throw new IllegalStateException("the event loop is closed; nothing can be scheduled on it");
    }
    return timers.add(
        when,
        () -> {
          try {
            action.run();
          } catch (Throwable t) {
            crash(t);
          }
        });
  }

  @Override
  public RunToken runToken() {
    return this;
  }

  @Override
  public void onClose(Runnable hook) {
    Objects.requireNonNull(hook, "hook");
    checkOwner("EventLoop.onClose()");
    if (finished) {
      throw new IllegalStateException("the event loop is closed");
    }
    if (closeHooks == null) {
      closeHooks = new ArrayList<>(2);
    }
    closeHooks.add(hook);
  }

  /** {@return the loop of the calling task or loop thread, or null} */
  static Runner currentOrNull() {
    if (CURRENT_TASK.isBound()) {
      return CURRENT_TASK.get().runner;
    }
    return CURRENT_LOOP.isBound() ? CURRENT_LOOP.get() : null;
  }

  private void loop(Callable<?> main) {
    loopThread = Thread.currentThread();
    running = true;
    init();
    CancelStatus mainStatus = Access.impl(mainScope).enterDetached(this);
    mainTask = newTask(main, "main", null, false);
    mainTask.activateCancelStatus(mainStatus);
    try {
      while (liveTasks > 0) {
        cycle();
      }
    } finally {
      finish();
    }
  }

  private void init() {
    if (initialized) {
      return;
    }
    initialized = true;
    clock.startClock();
    systemNursery =
        new NurseryImpl(this, null, systemScope, Access.impl(systemScope).enterDetached(this), true);
  }

  private void finish() {
    running = false;
    io.close();
    if (closeHooks != null) {
      for (Runnable hook : closeHooks) {
        try {
          hook.run();
        } catch (Throwable t) {
          System.getLogger("dev.weft")
              .log(System.Logger.Level.ERROR, "a loop close hook failed", t);
        }
      }
    }
    finished = true;
    // Callbacks posted after the last task ended have nothing left to act on; run them anyway
    // so that nothing posted before `finished` was set is silently dropped.
    drainInbox();
  }

  private void cycle() {
    double timeout;
    int primed = 0; // 1: wake idle waiters, 2: autojump
    double nextDeadline = Double.POSITIVE_INFINITY;
    if (!runq.isEmpty() || stopping) {
      timeout = 0;
    } else {
      nextDeadline = timers.nextDeadline();
      timeout =
          nextDeadline == Double.POSITIVE_INFINITY
              ? Double.POSITIVE_INFINITY
              : Math.max(0, clock.deadlineToSleepTime(nextDeadline));
      if (!idleWaiters.isEmpty()) {
        double cushion = idleWaiters.peek().cushion;
        if (cushion < timeout) {
          timeout = cushion;
          primed = 1;
        }
      } else if (nextDeadline != Double.POSITIVE_INFINITY) {
        double threshold = clock.autojumpThreshold();
        if (threshold < timeout) {
          timeout = threshold;
          primed = 2;
        }
      }
    }
    if (waitForEvents(timeout)) {
      // Something arrived, so the loop was not idle for the whole wait: do not act on it.
      primed = 0;
    }
    // Reading the clock costs a few percent of a task switch; with no timer there is no need.
    if (timers.size() > 0 && timers.expire(clock.currentTime()) > 0) {
      primed = 0;
    }
    if (primed != 0 && runq.isEmpty()) {
      if (primed == 1) {
        double cushion = idleWaiters.peek().cushion;
        while (!idleWaiters.isEmpty() && idleWaiters.peek().cushion == cushion) {
          IdleWaiter w = idleWaiters.poll();
          reschedule(w.task, null, null);
        }
      } else {
        clock.autojump(nextDeadline);
      }
    }
    for (int n = runq.size(); n > 0; n--) {
      step(runq.poll());
    }
  }

  /** Waits up to the timeout for the inbox, runs what arrived, and says whether anything did. */
  private boolean waitForEvents(double timeoutSeconds) {
    int ioWoken = 0;
    if (timeoutSeconds > 0 && inbox.isEmpty()) {
      long deadline =
          timeoutSeconds >= MAX_WAIT_SECONDS
              ? Long.MAX_VALUE
              : System.nanoTime() + (long) (timeoutSeconds * 1e9);
      sleeping = true;
      try {
        // Wait out the whole timeout unless something arrives: a stray wakeup (an unpark permit,
        // a selector wakeup left over from an earlier post) must not look like an idle loop.
        while (inbox.isEmpty() && ioWoken == 0) {
          double left =
              deadline == Long.MAX_VALUE
                  ? Double.POSITIVE_INFINITY
                  : (deadline - System.nanoTime()) / 1e9;
          if (left <= 0) {
            break;
          }
          ioWoken = io.block(left, loopThread);
        }
      } finally {
        sleeping = false;
      }
    } else {
      ioWoken = io.poll();
    }
    return drainInbox() + ioWoken > 0;
  }

  private int drainInbox() {
    int ran = 0;
    Runnable r;
    while ((r = inbox.poll()) != null) {
      ran++;
      try {
        r.run();
      } catch (Throwable t) {
        crash(t);
      }
    }
    return ran;
  }

  private void step(TaskImpl t) {
    if (t.state == TaskImpl.NEW) {
      t.state = TaskImpl.RUNNING;
      t.carrier.start();
    } else {
      t.carrier.resume();
    }
    afterStep(t);
  }

  private void afterStep(TaskImpl t) {
    switch (t.state) {
      case TaskImpl.FINISHED -> taskExited(t);
      case TaskImpl.PARKED -> {
        if (t.abortFn != null) {
          t.attemptDeliveryOfPendingCancel();
        }
      }
      default -> t.foreignBlocked = true;
    }
  }

  // ---- tasks

  TaskImpl spawn(Callable<?> body, String name, NurseryImpl nursery, boolean system) {
    TaskImpl t = newTask(body, name, nursery, system);
    nursery.children.add(t);
    t.activateCancelStatus(nursery.cancelStatus);
    return t;
  }

  private TaskImpl newTask(Callable<?> body, String name, NurseryImpl nursery, boolean system) {
    long id = ++nextTaskId;
    String n = name != null ? name : "task-" + id;
    TaskImpl t = new TaskImpl(this, id, n, system, body);
    t.parentNursery = nursery;
    t.carrier = engine.newCarrier(this, n, t::runBody);
    t.carrier.task = t;
    liveTasks++;
    runq.add(t);
    return t;
  }

  private void taskExited(TaskImpl t) {
    liveTasks--;
    t.activateCancelStatus(null);
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
    if (t.abortFn == null) {
      throw new IllegalStateException(
          "cannot reschedule " + t + ": it is not parked, or it was already rescheduled");
    }
    t.abortFn = null;
    t.nextValue = value;
    t.nextError = error;
    runq.add(t);
  }

  TaskImpl spawnSystemTask(Callable<?> body, String name) {
    checkInLoop("Scheduling.spawnSystemTask()");
    return spawnSystemTaskUnchecked(body, name);
  }

  private TaskImpl spawnSystemTaskUnchecked(Callable<?> body, String name) {
    if (systemNursery.cancelStatus.effectivelyCancelled) {
      throw new IllegalStateException(
          "the run is shutting down (its main task has ended); no new system task can start");
    }
    return spawn(body, name, systemNursery, true);
  }

  void crash(Throwable t) {
    crashes.add(t);
    if (mainTask != null) {
      mainScope.cancel();
    }
    if (!manual) {
      systemScope.cancel();
    }
  }

  void awaitAllTasksBlocked(TaskImpl t, Duration cushion) {
    IdleWaiter w = new IdleWaiter(CancelScopeImpl.seconds(cushion), nextIdleSeq++, t);
    idleWaiters.add(w);
    t.park(
        cancellation -> {
          idleWaiters.remove(w);
          return dev.weft.lowlevel.Abort.SUCCEEDED;
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

  static TaskImpl currentTask(String what) {
    if (!CURRENT_TASK.isBound()) {
      throw new IllegalStateException(
          what
              + " must be called from a weft task, but thread '"
              + Thread.currentThread().getName()
              + "' is not running one. Start a loop with Weft.run(...) and call it from there.");
    }
    return CURRENT_TASK.get();
  }

  /** {@return whether the calling thread is this loop's thread or one of its tasks} */
  boolean inLoop() {
    return Thread.currentThread() == loopThread
        || (CURRENT_TASK.isBound() && CURRENT_TASK.get().runner == this);
  }

  void checkInLoop(String what) {
    if (!inLoop()) {
      throw new IllegalStateException(
          what
              + " was called from thread '"
              + Thread.currentThread().getName()
              + "', outside the weft loop it belongs to. weft objects are bound to their loop: "
              + "call it from one of the loop's tasks, or hand it to the loop with "
              + "RunToken.runSyncSoon(...) (get the token with Scheduling.currentRunToken() "
              + "inside the loop).");
    }
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
    ArrayDeque<TaskImpl> todo = new ArrayDeque<>();
    if (mainTask != null && !mainTask.isDone()) {
      todo.add(mainTask);
    }
    todo.addAll(systemNursery.children.snapshot());
    while (!todo.isEmpty()) {
      TaskImpl t = todo.poll();
      out.add(t);
      for (NurseryImpl n : t.childNurseriesRaw()) {
        todo.addAll(n.children.snapshot());
      }
    }
    return out;
  }

  // ---- LoopHost and RunToken: the only methods other threads may call

  @Override
  public Thread loopThread() {
    return loopThread;
  }

  @Override
  public void foreignWakeup(Carrier carrier, Runnable continuation) {
    post(
        () -> {
          TaskImpl t = (TaskImpl) carrier.task;
          t.foreignBlocked = false;
          carrier.runForeign(continuation);
          afterStep(t);
        });
  }

  @Override
  public void runSyncSoon(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    if (finished) {
      throw new IllegalStateException(
          "this weft run has finished, so nothing can be scheduled on its loop any more");
    }
    post(callback);
    if (finished && inbox.remove(callback)) {
      // The run ended between the check above and the post, after its last drain: the callback
      // would never run, so say so instead of dropping it.
      throw new IllegalStateException(
          "this weft run has finished, so nothing can be scheduled on its loop any more");
    }
  }

  private void post(Runnable r) {
    inbox.add(r);
    if (sleeping) {
      io.wakeup(loopThread);
    }
  }

  @Override
  public String toString() {
    return "Runner["
        + liveTasks
        + " tasks"
        + (running ? ", running" : "")
        + (finished ? ", finished" : "")
        + "]";
  }
}
