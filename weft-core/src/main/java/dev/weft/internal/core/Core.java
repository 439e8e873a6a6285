package dev.weft.internal.core;

import dev.weft.Block;
import dev.weft.cancel.CancelledError;
import dev.weft.internal.io.SelectorIoManager;
import dev.weft.lowlevel.Abort;
import dev.weft.lowlevel.AbortFunction;
import dev.weft.lowlevel.Clock;
import dev.weft.lowlevel.EventLoop;
import dev.weft.lowlevel.RunStatistics;
import dev.weft.lowlevel.RunToken;
import dev.weft.lowlevel.Task;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The runtime operations behind the public API ({@code Weft}, {@code Scheduling}, {@code
 * CancelScope}): the one door from the exported packages into the core.
 */
public final class Core {
  private Core() {}

  /**
   * {@return the current task}
   *
   * @param what the API method, for the error message
   */
  public static TaskImpl currentTask(String what) {
    return RunLoop.currentTask(what);
  }

  /**
   * Parks the current task.
   *
   * @param abort the abort function
   * @return the value it is rescheduled with
   */
  public static Object park(AbortFunction abort) {
    Objects.requireNonNull(abort, "abort");
    return currentTask("Scheduling.waitTaskRescheduled").park(abort);
  }

  /**
   * Reschedules a parked task.
   *
   * @param task the task
   * @param value the value
   * @param error the error or null
   */
  public static void reschedule(Task task, Object value, Throwable error) {
    TaskImpl t = (TaskImpl) Objects.requireNonNull(task, "task");
    t.runner.checkInLoop("Scheduling.reschedule()");
    t.runner.reschedule(t, value, error);
  }

  /**
   * {@return a new CancelledError with no origin}
   *
   * @param reason its message, or null
   */
  public static CancelledError newCancelledError(String reason) {
    return Access.newCancelledError(reason);
  }

  /** A full checkpoint. */
  public static void checkpoint() {
    currentTask("Weft.checkpoint").checkpoint();
  }

  /** A cancel point only. */
  public static void checkpointIfCancelled() {
    currentTask("Scheduling.checkpointIfCancelled").checkCancelled();
  }

  /** A schedule point only, under the scheduling policy (the cooperative budget). */
  public static void cancelShieldedCheckpoint() {
    currentTask("Scheduling.cancelShieldedCheckpoint").schedulePoint();
  }

  /** Parks until cancelled. */
  public static void sleepForever() {
    currentTask("Weft.sleepForever").park(c -> Abort.SUCCEEDED);
  }

  /**
   * Weft.sleep: parks for {@code duration} of loop time, or until the task is cancelled from
   * outside; a zero duration is a checkpoint.
   *
   * @param duration how long; zero or more
   * @throws IllegalArgumentException if {@code duration} is negative
   */
  public static void sleep(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "Weft.sleep: the duration cannot be negative, got " + duration
              + "; use Duration.ZERO (a checkpoint) for no wait");
    }
    if (duration.isZero()) {
      checkpoint();
      return;
    }
    // No helper between this frame and the park: every frame between the task's code and its
    // park is frozen into the task's stack chunk at each sleep (see TaskImpl#suspendOrUndo).
    TaskImpl t = currentTask("Weft.sleep");
    t.park(new Sleeper(t, t.runner.clock.currentTime() + Clock.toSeconds(duration)));
  }

  /**
   * Parks until the clock reaches {@code deadline} or the task is cancelled from outside.
   *
   * @param deadline the time
   */
  public static void sleepUntil(double deadline) {
    TaskImpl t = currentTask("Weft.sleepUntil");
    // Its own timer and abort function rather than Trio's private cancel scope: see Sleeper.
    t.park(new Sleeper(t, deadline));
  }

  /**
   * {@return the current loop time}
   *
   * @param what the API method, for the error message
   */
  public static double currentTime(String what) {
    return currentTask(what).runner.clock.currentTime();
  }

  /** {@return the current task's effective deadline} */
  public static double currentEffectiveDeadline() {
    return currentTask("Weft.currentEffectiveDeadline").cancelStatus.effectiveDeadline();
  }

  /** {@return the current loop's clock} */
  public static Clock currentClock() {
    return currentTask("Scheduling.currentClock").runner.clock;
  }

  /**
   * {@return the current loop's I/O manager}
   *
   * @param what the API method, for the error message
   */
  public static SelectorIoManager io(String what) {
    // The one I/O manager a loop has today; a loop with another one would fail here, loudly.
    return (SelectorIoManager) currentTask(what).runner.io;
  }

  /** {@return the current loop's run token} */
  public static RunToken currentRunToken() {
    return currentTask("Scheduling.currentRunToken").runner.inbox;
  }

  /** {@return the current run's main task} */
  public static Task currentRootTask() {
    return currentTask("Scheduling.currentRootTask").runner.mainTask();
  }

  /** {@return a snapshot of the current loop's state} */
  public static RunStatistics currentStatistics() {
    return currentTask("Scheduling.currentStatistics").runner.statistics();
  }

  /** {@return every live task of the current run} */
  public static List<Task> allTasks() {
    return currentTask("Scheduling.allTasks").runner.allTasks();
  }

  /**
   * Starts a system task.
   *
   * @param fn the body
   * @param name the name or null
   * @return the task
   */
  public static Task spawnSystemTask(Block fn, String name) {
    Objects.requireNonNull(fn, "fn");
    return currentRunLoop("Scheduling.spawnSystemTask")
        .spawnLoopTask(
            () -> {
              fn.run();
              return null;
            },
            name,
            "Scheduling.spawnSystemTask()");
  }

  /**
   * Waits until every other task is blocked.
   *
   * @param cushion how long they must have been blocked
   */
  public static void awaitAllTasksBlocked(Duration cushion) {
    Objects.requireNonNull(cushion, "cushion");
    if (cushion.isNegative()) {
      throw new IllegalArgumentException("cushion must not be negative: " + cushion);
    }
    TaskImpl t = currentTask("Scheduling.awaitAllTasksBlocked");
    t.runner.awaitAllTasksBlocked(t, cushion);
  }

  /**
   * {@return a new manual loop}
   *
   * @param config the options
   */
  public static EventLoop openLoop(dev.weft.RunConfig config) {
    return EventLoopImpl.openManual(Objects.requireNonNull(config, "config"));
  }

  /** {@return the loop of the calling task or loop thread, or null} */
  public static EventLoop currentLoopOrNull() {
    RunLoop r = RunLoop.currentOrNull();
    return r == null ? null : r.eventLoop;
  }

  /**
   * {@return the loop of the calling task or loop thread}
   *
   * @param what the API method, for the error message
   */
  public static EventLoop currentLoop(String what) {
    return currentRunLoop(what).eventLoop;
  }

  private static RunLoop currentRunLoop(String what) {
    RunLoop r = RunLoop.currentOrNull();
    if (r == null) {
      throw new IllegalStateException(
          what
              + " must be called from a weft task or loop callback, but thread '"
              + Thread.currentThread().getName()
              + "' is not running one.");
    }
    return r;
  }


  /**
   * {@return the run-variable storage of a loop}
   *
   * @param loop the loop
   */
  public static Map<Object, Object> runVars(EventLoop loop) {
    return ((EventLoopImpl) Objects.requireNonNull(loop, "loop")).loop().runVars;
  }

  /**
   * Runs a whole loop.
   *
   * @param config the options
   * @param main the main task
   * @return its result
   * @throws Exception its failure
   */
  public static Object run(dev.weft.RunConfig config, Callable<?> main) throws Exception {
    return EventLoopImpl.runMain(config, main);
  }

  /**
   * Adds a hook the loop runs (on its thread) when {@code task} ends.
   *
   * @param task the task
   * @param hook the hook; it must not throw
   * @return false if the task has already ended
   */
  public static boolean addExitHook(Task task, Runnable hook) {
    TaskImpl t = (TaskImpl) Objects.requireNonNull(task, "task");
    if (!t.isCurrentThread()) { // the task itself: the common, cheap case
      t.runner.checkInLoop("ParkingLot.addBreaker()");
    }
    return t.addExitHook(Objects.requireNonNull(hook, "hook"));
  }

  /**
   * Removes a hook added by {@link #addExitHook}.
   *
   * @param task the task
   * @param hook the hook
   * @return whether it was registered
   */
  public static boolean removeExitHook(Task task, Runnable hook) {
    TaskImpl t = (TaskImpl) Objects.requireNonNull(task, "task");
    if (!t.isCurrentThread()) {
      t.runner.checkInLoop("ParkingLot.removeBreaker()");
    }
    return t.removeExitHook(hook);
  }

  /**
   * Starts a whole loop on a new thread.
   *
   * @param <T> the result type
   * @param config the options
   * @param main the main task
   * @return the run's handle
   */
  public static <T> dev.weft.RunHandle<T> start(dev.weft.RunConfig config, Callable<T> main) {
    RunHandleImpl<T> h = new RunHandleImpl<>();
    // A platform thread: the fast engine runs its loop on the calling thread when that is one.
    // Not a daemon: like Weft.run on main, the run keeps the JVM alive until it has ended.
    Thread.ofPlatform()
        .name("weft-run")
        .start(
            () -> {
              try {
                h.ended(EventLoopImpl.runMain(config, main, h, "Weft.start"), null);
              } catch (Throwable t) {
                h.ended(null, t);
              }
            });
    return h;
  }
}
