package dev.weft.internal.core;

import dev.weft.RunConfig;
import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.EventLoop;
import dev.weft.lowlevel.RunToken;
import dev.weft.lowlevel.Task;
import dev.weft.lowlevel.TimerHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * The public face of one loop and its lifecycle: a {@code Weft.run} call's loop, or a loop that
 * its owner runs until stopped, runs again and closes ({@link EventLoop#open}).
 */
public final class EventLoopImpl implements EventLoop {
  /** Where a loop is in its life; see the diagram in the implementation notes. */
  enum State {
    /** Made, or between two runs of a manual loop: every task is parked. */
    IDLE,
    /** Idle, and {@link #stop()} was called: the next run does one cycle and returns. */
    STOP_PENDING,
    /** Cycling, on the loop thread. */
    RUNNING,
    /** Running, and {@link #stop()} was called: the run returns after the current cycle. */
    STOPPING,
    /** Cancelling the tasks still alive and cycling until the last one has ended. */
    CLOSING,
    /** Running the close hooks: no task is alive and the loop no longer cycles. */
    FINISHING,
    /** Finished for good: no task is alive and nothing can be scheduled. */
    CLOSED
  }

  // immutable state
  private final RunLoop loop;

  // mutable state
  /** Written by the loop's owner or its thread, read from anywhere ({@link #isRunning}). */
  private volatile State state = State.IDLE;

  private List<Runnable> closeHooks;

  /*
   * Implementation notes.
   *
   * One field holds the lifecycle (it replaces five booleans):
   *
   *   Weft.run(main):   IDLE --run--> RUNNING --last task ended--> FINISHING --hooks ran--> CLOSED
   *
   *   EventLoop.open:   IDLE --runUntilStopped--> RUNNING --stop()--> STOPPING --cycle ends--> IDLE
   *                       |  \--stop()--> STOP_PENDING --runUntilStopped--> STOPPING (1 cycle)
   *                       |                    |
   *                       +--------------------+--close()--> CLOSING --tasks ended--> FINISHING
   *                                                                                         |
   *                                                                        hooks ran--> CLOSED
   *
   * A Weft.run loop never stops early: its run ends when the main task and every system task have
   * ended (the main task's end cancels the system nursery). A manual loop returns from a run only
   * between two cycles, where every task is parked, so pausing needs nothing from the engines, and
   * the next run may even come from another thread: runOnLoopThread binds whichever thread the
   * engine picks as the loop thread for that run.
   *
   * The state is volatile because isRunning() and isClosed() may be asked from any thread; every
   * transition happens on the owner's thread or the loop thread, and the thread rules (checkOwner)
   * make sure only one of them acts at a time. The inbox has its own `closed` flag, set in
   * finish(), because it must refuse posts from any thread exactly once the last drain is near.
   * See EventLoopTest.
   */

  EventLoopImpl(RunLoop loop) {
    this.loop = loop;
  }

  /**
   * {@return a new idle loop that its owner drives}
   *
   * @param config the options
   */
  static EventLoopImpl openManual(RunConfig config) {
    RunLoop r = new RunLoop(config, true);
    r.init();
    return r.eventLoop;
  }

  /**
   * Runs {@code main} as the root task of a new loop and returns its value once every task has
   * ended: {@code Weft.run}.
   *
   * @param config the options
   * @param main the root task's body
   * @return what main returned
   * @throws Exception what main threw, as itself
   */
  static Object runMain(RunConfig config, Callable<?> main) throws Exception {
    return runMain(config, main, null, "Weft.run");
  }

  /**
   * Runs {@code main} as {@link #runMain(RunConfig, Callable)} does, reachable from other threads
   * through {@code handle}: {@code Weft.start}, and any run with shutdown signals.
   *
   * @param config the options
   * @param main the root task's body
   * @param handle the run's handle, or null to make one if the options need it
   * @param what the public call, for messages
   * @return what main returned
   * @throws Exception what main threw, as itself; CancellationException if the handle cancelled
   *     the run and main ended with that cancellation
   */
  static Object runMain(RunConfig config, Callable<?> main, RunHandleImpl<?> handle, String what)
      throws Exception {
    Objects.requireNonNull(main, "main");
    if (RunLoop.inAnyLoop()) {
      throw new IllegalStateException(
          "Weft.run was called from inside a running weft loop ("
              + RunLoop.describeCurrent()
              + "). A loop cannot be nested in its own thread: start concurrent work with "
              + "Nursery.open(n -> n.startSoon(...)) instead, or call Weft.run from a thread that "
              + "is not part of a loop.");
    }
    RunLoop r = new RunLoop(config, false);
    EventLoopImpl self = r.eventLoop;
    Duration grace = config.cancelOnShutdown().orElse(null);
    RunHandleImpl<?> h = handle == null && grace != null ? new RunHandleImpl<>() : handle;
    if (h != null) {
      h.attach(r);
    }
    if (grace != null) {
      ShutdownSignals.register(h, grace);
    }
    try {
      r.runOnLoopThread(
          () -> {
            self.state = State.RUNNING;
            r.init();
            r.startMain(main);
            self.cycleUntilNoTaskIsLeft();
          });
    } finally {
      if (grace != null) {
        ShutdownSignals.unregister(h);
      }
      if (handle == null && h != null) {
        h.ended(null, null); // only the grace watchdog waits on a handle Weft.run made itself
      }
    }
    r.throwIfCrashed();
    TaskImpl mainTask = r.mainTask();
    if (mainTask.failure != null) {
      String reason = h != null ? h.cancelReason() : null;
      if (reason != null && mainTask.failure instanceof CancelledError) {
        CancellationException e =
            new CancellationException(what + ": the run was cancelled: " + reason);
        e.initCause(mainTask.failure);
        throw e;
      }
      throw Sneaky.rethrow(mainTask.failure);
    }
    return mainTask.result;
  }

  /** Cycles until the last task has ended, then closes the loop. Loop thread only. */
  private void cycleUntilNoTaskIsLeft() {
    try {
      while (loop.liveTasks > 0) {
        loop.cycle(false);
      }
    } finally {
      finish();
    }
  }

  /** {@return the lifecycle state, for messages and tests} */
  State state() {
    return state;
  }

  private static void checkNotNested(String what) {
    if (RunLoop.inAnyLoop()) {
      throw new IllegalStateException(
          what
              + " was called from inside a running weft loop; a loop cannot run inside another "
              + "loop's thread. Start concurrent work with Nursery.open(n -> n.startSoon(...)) or "
              + "create a task instead.");
    }
  }

  private void checkManual(String what) {
    if (!loop.manual) {
      throw new IllegalStateException(
          "EventLoop." + what + "() cannot be used on the loop of a Weft.run call: that loop "
              + "runs until its main task ends and closes itself. Use EventLoop.open(...) (or "
              + "asyncio's Loop) for a loop you drive yourself.");
    }
  }

  /** Checks that the caller may touch loop state now: from the loop while running, else anyone. */
  private void checkOwner(String what) {
    if (isRunning()) {
      loop.checkInLoop(what);
    }
  }

  @Override
  public void runUntilStopped() {
    checkNotNested("EventLoop.runUntilStopped()");
    checkManual("runUntilStopped");
    State s = state;
    if (s == State.CLOSED) {
      throw new IllegalStateException(
          "the event loop is closed; it cannot run again. Open a new one.");
    }
    if (s != State.IDLE && s != State.STOP_PENDING) {
      throw new IllegalStateException("the event loop is already running (in another thread)");
    }
    state = s == State.STOP_PENDING ? State.STOPPING : State.RUNNING;
    try {
      loop.runOnLoopThread(
          () -> {
            do {
              loop.cycle(state == State.STOPPING);
            } while (state == State.RUNNING && !loop.crashed());
          });
    } finally {
      state = State.IDLE;
    }
    loop.throwIfCrashed();
  }

  @Override
  public void stop() {
    checkManual("stop");
    checkOwner("EventLoop.stop()");
    switch (state) {
      case IDLE -> state = State.STOP_PENDING;
      case RUNNING -> state = State.STOPPING;
      default -> {} // already stopping, or closing or closed: nothing left to stop
    }
  }

  @Override
  public void close() {
    checkManual("close");
    State s = state;
    if (s == State.CLOSED) {
      return;
    }
    if (s != State.IDLE && s != State.STOP_PENDING) {
      throw new IllegalStateException(
          "cannot close a running event loop: call stop() and close it after "
              + "runUntilStopped() returns");
    }
    if (loop.liveTasks == 0) {
      // Nothing to cancel or wait for: no need to run the loop, so this works from anywhere,
      // even from a task of another loop (as asyncio's close does).
      finish();
      loop.throwIfCrashed();
      return;
    }
    checkNotNested("EventLoop.close() of a loop with live tasks");
    state = State.CLOSING;
    try {
      loop.runOnLoopThread(
          () -> {
            loop.systemScope.cancel();
            cycleUntilNoTaskIsLeft();
          });
    } finally {
      if (state != State.CLOSED) {
        state = State.IDLE; // the engine failed before the loop could finish; it may be retried
      }
    }
    loop.throwIfCrashed();
  }

  /** Runs the close hooks and closes the loop; the last thing a loop does. */
  private void finish() {
    state = State.FINISHING;
    loop.io.close();
    loop.closeEngine();
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
    state = State.CLOSED;
    loop.inbox.close();
    // Callbacks posted after the last task ended have nothing left to act on; run them anyway
    // so that nothing posted before the inbox closed is silently dropped.
    loop.drainInbox();
  }

  @Override
  public boolean isRunning() {
    State s = state;
    return s == State.RUNNING || s == State.STOPPING || s == State.CLOSING;
  }

  @Override
  public boolean isClosed() {
    return state == State.CLOSED;
  }

  @Override
  public double time() {
    return loop.clock.currentTime();
  }

  @Override
  public Task spawn(Callable<?> body, String name) {
    Objects.requireNonNull(body, "body");
    return loop.spawnLoopTask(body, name, "EventLoop.spawn()");
  }

  @Override
  public TimerHandle callAt(double when, Runnable action) {
    Objects.requireNonNull(action, "action");
    if (Double.isNaN(when)) {
      throw new IllegalArgumentException("callAt: the time cannot be NaN");
    }
    checkOwner("EventLoop.callAt()");
    if (state == State.CLOSED) {
      throw new IllegalStateException("the event loop is closed; nothing can be scheduled on it");
    }
    return loop.timers.add(
        when,
        () -> {
          try {
            action.run();
          } catch (Throwable t) {
            loop.crash(t);
          }
        });
  }

  @Override
  public void callSoon(Runnable action) {
    Objects.requireNonNull(action, "action");
    checkOwner("EventLoop.callSoon()");
    if (state == State.CLOSED) {
      throw new IllegalStateException("the event loop is closed; nothing can be scheduled on it");
    }
    loop.callSoon(action);
  }

  @Override
  public RunToken runToken() {
    return loop.inbox;
  }

  @Override
  public void onClose(Runnable hook) {
    Objects.requireNonNull(hook, "hook");
    checkOwner("EventLoop.onClose()");
    if (state == State.CLOSED) {
      throw new IllegalStateException("the event loop is closed");
    }
    if (closeHooks == null) {
      closeHooks = new ArrayList<>(2);
    }
    closeHooks.add(hook);
  }

  /** {@return the cycle behind this face} */
  RunLoop loop() {
    return loop;
  }

  @Override
  public String toString() {
    return "EventLoop[#" + loop.id + ", " + loop.liveTasks + " tasks, " + state + "]";
  }
}
