package dev.weft.lowlevel;

import dev.weft.RunConfig;
import dev.weft.internal.core.Core;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A loop that its owner drives by hand: run until stopped, run again, close. It is the engine room
 * of asyncio's event-loop object ({@code dev.weft.asyncio.Loop}); most programs use {@code
 * Weft.run} instead, which makes, runs and closes a loop around one main task.
 *
 * <p>The loop of a {@code Weft.run} call is an {@code EventLoop} too ({@link #current()} returns
 * it), but it belongs to that call: {@link #stop()} and {@link #close()} on it are errors.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * EventLoop loop = EventLoop.open(RunConfig.defaults());
 * loop.spawn(() -> { Weft.sleep(Duration.ofSeconds(1)); loop.stop(); return null; }, "stopper");
 * loop.runUntilStopped();   // returns after about 1 s
 * loop.close();             // cancels what is left, waits for it, closes
 * }
 *
 * <h2>Lifecycle</h2>
 *
 * A new loop is idle. {@link #runUntilStopped()} runs it on the calling thread until {@link
 * #stop()}; tasks still alive stay parked, with their timers, until the next run. {@link
 * #close()} cancels every task still alive, runs the loop until they have all ended (so no task
 * outlives its loop, DESIGN.md invariant 5), runs the {@linkplain #onClose close hooks}, and
 * makes the loop unusable.
 *
 * <h2>Thread rules</h2>
 *
 * One thread at a time: while the loop runs, only its own tasks and callbacks may call these
 * methods (other threads use {@link #runToken()}); while it is idle, the owner may call them from
 * its thread.
 */
public sealed interface EventLoop permits dev.weft.internal.core.EventLoopImpl {
  /**
   * {@return a new idle loop with the given options}
   *
   * @param config the clock and engine
   */
  static EventLoop open(RunConfig config) {
    return Core.openLoop(config);
  }

  /**
   * {@return the loop that the calling task or loop callback runs in; empty on any other thread}
   */
  static Optional<EventLoop> current() {
    return Optional.ofNullable(Core.currentLoopOrNull());
  }

  /**
   * Runs the loop on the calling thread until {@link #stop()} is called, then returns after
   * finishing the current iteration. If {@code stop()} was called before, it runs one iteration
   * that does not wait for time to pass, as asyncio's {@code run_forever} does.
   *
   * @throws IllegalStateException if the loop is closed or already running, if a loop is running
   *     on the calling thread, if this is the loop of a {@code Weft.run} call, or (with the
   *     failure as its cause) if a loop callback failed
   */
  void runUntilStopped();

  /**
   * Asks the running loop to return from {@link #runUntilStopped()} after its current iteration;
   * before a run, makes the next run stop after one iteration. Never blocks.
   *
   * @throws IllegalStateException if called from another thread while the loop runs, or on the
   *     loop of a {@code Weft.run} call
   */
  void stop();

  /**
   * Cancels every task still alive, runs the loop until they have ended, runs the close hooks and
   * closes the loop; does nothing if it is already closed. Unlike asyncio's {@code loop.close()},
   * which drops pending tasks with a warning, no task outlives its loop.
   *
   * @throws IllegalStateException if the loop is running, or if this is the loop of a {@code
   *     Weft.run} call
   */
  void close();

  /** {@return whether the loop is running now} Thread-safe. */
  boolean isRunning();

  /** {@return whether the loop has been closed (or its {@code Weft.run} call has returned)} */
  boolean isClosed();

  /** {@return the current time on the loop's clock, in seconds} */
  double time();

  /**
   * Starts a task that belongs to the loop itself, like a {@linkplain Scheduling#spawnSystemTask
   * system task}: it is cancelled when the loop closes (or when the main task of a {@code
   * Weft.run} ends) and the loop waits for it. It first runs on the loop's next iteration. The
   * body should catch its own failures: one that escapes crashes the loop, as for system tasks.
   *
   * @param body the task's code
   * @param name the task's name, or null for "task-N"
   * @return the task
   * @throws IllegalStateException if the loop is closed or closing, or if called from the wrong
   *     thread
   */
  Task spawn(Callable<?> body, String name);

  /**
   * Runs {@code action} on the loop thread, outside any task, once the clock reaches {@code
   * when} (asyncio's {@code call_at}). Never blocks. An exception the action throws crashes the
   * loop, so actions that may fail should catch and report their own errors.
   *
   * @param when a time on the loop's clock
   * @param action the callback
   * @return a handle that can cancel it
   * @throws IllegalStateException if the loop is closed, or if called from the wrong thread
   */
  TimerHandle callAt(double when, Runnable action);

  /**
   * Runs {@code action} on the loop thread, outside any task, in the loop's next batch (asyncio's
   * {@code call_soon}). It takes its turn in one FIFO queue with the task steps: tasks made
   * runnable before this call run before it, and tasks made runnable after it (by the action
   * itself, say) run after it. Never blocks; not a checkpoint. An exception the action throws
   * crashes the loop, as for {@link #callAt}. From another thread, use {@link RunToken#runSyncSoon}
   * instead.
   *
   * @param action the callback
   * @throws IllegalStateException if the loop is closed, or if called from the wrong thread
   */
  void callSoon(Runnable action);

  /**
   * {@return the loop's cross-thread inbox}: {@link RunToken#runSyncSoon} is asyncio's {@code
   * call_soon_threadsafe}, and also the way to call soon from the loop itself.
   */
  RunToken runToken();

  /**
   * Adds a hook that the loop runs on its thread when it closes, after its last task has ended.
   * A hook that throws is reported on {@code System.Logger} "dev.weft" and the others still run.
   *
   * @param hook what to run
   * @throws IllegalStateException if the loop is closed
   */
  void onClose(Runnable hook);
}
