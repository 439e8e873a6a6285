package dev.weft.asyncio;

import dev.weft.RunConfig;
import dev.weft.lowlevel.EventLoop;
import java.util.function.UnaryOperator;

/**
 * Runs several awaitables, one after another, on one loop that it closes at the end: asyncio's
 * {@code asyncio.Runner}. {@link Asyncio#run} is one runner used once.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * try (Runner runner = new Runner()) {
 *   runner.run(() -> first());
 *   runner.run(() -> second());   // same loop: tasks left by first() are still there
 * }
 * }
 *
 * <p>Not thread-safe: use a runner from one thread.
 */
public final class Runner implements AutoCloseable {
  // immutable state
  private final UnaryOperator<RunConfig> options;

  // mutable state
  private Loop loop;
  private boolean closed;

  /** Creates a runner whose loop uses the system clock and the default engine. */
  public Runner() {
    this(c -> c);
  }

  /**
   * Creates a runner; its loop is made on first use.
   *
   * @param options changes to the default {@link RunConfig} (clock, engine)
   */
  public Runner(UnaryOperator<RunConfig> options) {
    this.options = options;
  }

  /**
   * Runs {@code main} as a task on the runner's loop until it is done, and returns its result
   * (throws its exception as itself).
   *
   * @param <T> the result type
   * @param main what to run
   * @return its result
   * @throws Exception what main threw
   * @throws IllegalStateException if the runner is closed, or if called inside a running loop
   */
  public <T> T run(Awaitable<T> main) throws Exception {
    if (EventLoop.current().isPresent()) {
      throw new IllegalStateException(
          "Runner.run() cannot be called from a running event loop: await the work instead, "
              + "or start it with Asyncio.createTask(...)");
    }
    Loop l = getLoop();
    return l.runUntilComplete(l.createTask(main, "weft-main"));
  }

  /**
   * {@return the runner's loop, made on first use}
   *
   * @throws IllegalStateException if the runner is closed
   */
  public Loop getLoop() {
    if (closed) {
      throw new IllegalStateException("Runner is closed");
    }
    if (loop == null) {
      loop = Loop.newEventLoop(options);
    }
    return loop;
  }

  /**
   * Closes the runner: cancels the loop's remaining tasks, waits for them, and closes the loop
   * (asyncio also shuts down the default executor here; weft's loop has none yet). Does nothing
   * if already closed.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (loop != null) {
      loop.close();
    }
  }
}
