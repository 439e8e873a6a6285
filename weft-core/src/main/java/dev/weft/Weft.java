package dev.weft;

import dev.weft.internal.core.Core;
import dev.weft.lowlevel.Task;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/**
 * Entry points: run a loop, and the basic operations of a task (sleep, checkpoint, time).
 *
 * <p>{@link #run(Callable)} is Trio's {@code trio.run} and asyncio's {@code asyncio.run}: it
 * makes a loop, runs a function as its main task, and returns when every task has ended. Inside,
 * code is ordinary blocking Java: "await" is just a call, and the methods marked {@link
 * Checkpoint} are where the loop may switch to another task.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * static void doubleSleep(int x) {
 *   System.out.println("started! sleeping now...");
 *   Weft.sleep(Duration.ofSeconds(2 * x));
 *   System.out.println("exiting!");
 * }
 *
 * public static void main(String[] args) throws Exception {
 *   Weft.run(() -> doubleSleep(3)); // does nothing for 6 seconds then returns
 * }
 * }
 *
 * <h2>Time</h2>
 *
 * Times are {@code double} seconds on the loop's clock (its origin is arbitrary), as in Trio and
 * asyncio; durations are {@link Duration}s. A run on weft-testing's {@code MockClock} uses virtual
 * time, and the same program then prints the same thing on every run.
 *
 * <h2>Thread rules</h2>
 *
 * Everything but {@code run} must be called from a task of a running loop, and throws {@link
 * IllegalStateException} otherwise.
 */
public final class Weft {
  private Weft() {}

  /**
   * Runs {@code main} as the main task of a new loop, with the default options, and returns its
   * value once every task of the run has ended.
   *
   * @param <T> the result type
   * @param main the main task
   * @return what {@code main} returned
   * @throws Exception what {@code main} threw, as itself (a nursery's failures reach it there)
   * @throws IllegalStateException if called from inside a running loop
   */
  public static <T> T run(Callable<T> main) throws Exception {
    return run(UnaryOperator.identity(), main);
  }

  /**
   * Runs {@code main} as the main task of a new loop and returns once every task has ended.
   *
   * @param main the main task
   * @throws Exception what {@code main} threw, as itself
   * @throws IllegalStateException if called from inside a running loop
   */
  public static void run(Block main) throws Exception {
    run(UnaryOperator.identity(), main);
  }

  /**
   * Runs {@code main} on a new loop with options, for example {@code Weft.run(c ->
   * c.withClock(clock).withEngine(Engine.PORTABLE), main)}.
   *
   * @param <T> the result type
   * @param config edits {@link RunConfig#defaults()}
   * @param main the main task
   * @return what {@code main} returned
   * @throws Exception what {@code main} threw, as itself
   * @throws IllegalStateException if called from inside a running loop, or if the run crashed (a
   *     system task or loop callback failed)
   */
  @SuppressWarnings("unchecked")
  public static <T> T run(UnaryOperator<RunConfig> config, Callable<T> main) throws Exception {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(main, "main");
    RunConfig c = Objects.requireNonNull(config.apply(RunConfig.defaults()), "config result");
    return (T) Core.run(c, main);
  }

  /**
   * Starts {@code main} as the main task of a new loop on a new thread, and returns at once with a
   * handle that any thread can cancel or wait on: for code that embeds a weft run in something
   * else (a server's lifecycle, a test harness).
   *
   * <p>The run is exactly a {@link #run(UnaryOperator, Callable)} on a thread of its own (a
   * platform thread named {@code weft-run}, not a daemon). Its outcome comes from {@link
   * RunHandle#join()}.
   *
   * @param <T> the result type
   * @param config edits {@link RunConfig#defaults()}
   * @param main the main task
   * @return the run's handle
   * @throws IllegalStateException if the engine cannot be reached (as {@code run} would)
   */
  public static <T> RunHandle<T> start(UnaryOperator<RunConfig> config, Callable<T> main) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(main, "main");
    RunConfig c = Objects.requireNonNull(config.apply(RunConfig.defaults()), "config result");
    // Resolve the engine here, so that a JVM without the fast engine fails at this call and not
    // later on the run's own thread.
    dev.weft.internal.engine.Engines.resolve(c.chosenEngine().orElse(null), "Weft.start");
    return Core.start(c, main);
  }

  /**
   * Runs {@code main} on a new loop with options.
   *
   * @param config edits {@link RunConfig#defaults()}
   * @param main the main task
   * @throws Exception what {@code main} threw, as itself
   * @throws IllegalStateException if called from inside a running loop, or if the run crashed
   */
  public static void run(UnaryOperator<RunConfig> config, Block main) throws Exception {
    Objects.requireNonNull(main, "main");
    run(
        config,
        () -> {
          main.run();
          return null;
        });
  }

  /**
   * Lets other tasks run, and raises a pending cancellation. {@code sleep(Duration.ZERO)} does
   * the same.
   *
   * <p>This method is a checkpoint.
   *
   * @throws dev.weft.cancel.CancelledError if the task is in a cancelled scope
   */
  @Checkpoint
  public static void checkpoint() {
    Core.checkpoint();
  }

  /**
   * Pauses the current task for {@code duration} of loop time; other tasks run meanwhile.
   *
   * <p>This method is a checkpoint, also for a zero duration.
   *
   * @param duration how long; zero or more
   * @throws IllegalArgumentException if {@code duration} is negative (Trio's ValueError; asyncio's
   *     {@code Asyncio.sleep} accepts it and does not wait)
   * @throws dev.weft.cancel.CancelledError if cancelled while sleeping
   */
  @Checkpoint
  public static void sleep(Duration duration) {
    // All in Core: this method stays small enough for the JIT to inline even in its first,
    // profiling tier, so a sleeping task's stack has no frame of its own for it (issue 12).
    Core.sleep(duration);
  }

  /**
   * Pauses the current task until the loop's clock reaches {@code deadline}.
   *
   * <p>This method is a checkpoint, also when the deadline has passed.
   *
   * @param deadline a time on the loop's clock ({@link #currentTime()})
   * @throws dev.weft.cancel.CancelledError if cancelled while sleeping
   * @throws IllegalArgumentException if the deadline is NaN
   */
  @Checkpoint
  public static void sleepUntil(double deadline) {
    if (Double.isNaN(deadline)) {
      throw new IllegalArgumentException("deadline is NaN");
    }
    Core.sleepUntil(deadline);
  }

  /**
   * Pauses the current task until it is cancelled; it never returns normally.
   *
   * <p>This method is a checkpoint.
   *
   * @throws dev.weft.cancel.CancelledError always, when the task is cancelled
   */
  @Checkpoint
  public static void sleepForever() {
    Core.sleepForever();
  }

  /** {@return the current time on the loop's clock, in seconds} */
  public static double currentTime() {
    return Core.currentTime("Weft.currentTime");
  }

  /**
   * {@return the earliest deadline that applies to the current task: the nearest deadline of its
   * enclosing cancel scopes up to the first shield, +infinity if none, -infinity if one of them
   * is already cancelled}
   */
  public static double currentEffectiveDeadline() {
    return Core.currentEffectiveDeadline();
  }

  /**
   * {@return the current task}
   *
   * @throws IllegalStateException if not called from a weft task
   */
  public static Task currentTask() {
    return Core.currentTask("Weft.currentTask");
  }
}
