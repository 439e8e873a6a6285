package dev.weft.asyncio;

import dev.weft.RunConfig;
import dev.weft.lowlevel.Clock;
import dev.weft.lowlevel.EventLoop;
import dev.weft.lowlevel.TimerHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * An event loop a program can hold: asyncio's {@code AbstractEventLoop}, over a weft {@link
 * EventLoop}.
 *
 * <p>Most programs never touch one: {@link Asyncio#run} makes, runs and closes a loop. Code that
 * drives a loop itself (the older {@code get_event_loop()} / {@code run_until_complete} style)
 * opens one with {@link #newEventLoop()}.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * Loop loop = Loop.newEventLoop();
 * try {
 *   loop.createTask(() -> say("hello", 0.5), null);
 *   String r = loop.runUntilComplete(() -> work());
 * } finally {
 *   loop.close();
 * }
 * }
 *
 * <h2>Lifecycle</h2>
 *
 * A loop runs only inside {@link #runUntilComplete} or {@link #runForever}, on the calling thread;
 * between runs its tasks stay parked. {@link #close()} cancels the tasks still alive and waits for
 * them (asyncio drops them with "Task was destroyed but it is pending!"; weft keeps its rule that
 * no task outlives its loop), then reports exceptions nobody retrieved. The errors are asyncio's:
 * running a closed loop, running a running one, running one inside another loop's thread, and
 * closing a running one each throw {@link IllegalStateException}.
 *
 * <h2>Thread rules</h2>
 *
 * Not thread-safe, as in asyncio: while it runs, call it from its own tasks and callbacks; other
 * threads use {@link #callSoonThreadsafe}. While it is idle, its owner may call it.
 */
public final class Loop implements AutoCloseable {
  // immutable state
  private final LoopState state;

  Loop(LoopState state) {
    this.state = state;
  }

  /** {@return a new idle loop on the system clock and the default engine} */
  public static Loop newEventLoop() {
    return newEventLoop(c -> c);
  }

  /**
   * {@return a new idle loop}
   *
   * @param options changes to the default {@link RunConfig} (clock, engine)
   */
  public static Loop newEventLoop(UnaryOperator<RunConfig> options) {
    RunConfig config = options.apply(RunConfig.defaults());
    return LoopState.of(EventLoop.open(config)).loop;
  }

  /** {@return the weft loop underneath} */
  public EventLoop eventLoop() {
    return state.eventLoop;
  }

  /**
   * Runs the loop until {@code awaitable} is done and returns its result (throws its exception as
   * itself). A lambda is wrapped in a task first, as asyncio wraps a coroutine.
   *
   * @param <T> the result type
   * @param awaitable a future, a task, or a lambda
   * @return the result
   * @throws Exception what the awaitable threw
   * @throws IllegalStateException if the loop is closed or running, if called inside a running
   *     loop, or if the loop was stopped before the future completed
   */
  public <T> T runUntilComplete(Awaitable<T> awaitable) throws Exception {
    checkCanRun();
    AsyncFuture<T> f = Asyncio.ensureFuture(state, awaitable);
    Consumer<AsyncFuture<T>> stopper = x -> state.eventLoop.stop();
    f.addDoneCallback(stopper);
    try {
      state.eventLoop.runUntilStopped();
    } finally {
      f.removeDoneCallback(stopper);
    }
    if (!f.done()) {
      throw new IllegalStateException("Event loop stopped before Future completed.");
    }
    return f.result();
  }

  /**
   * Runs the loop until {@link #stop()} is called.
   *
   * @throws IllegalStateException if the loop is closed or running, or if called inside a
   *     running loop
   */
  public void runForever() {
    checkCanRun();
    state.eventLoop.runUntilStopped();
  }

  /**
   * Stops the loop after its current iteration ({@link #runForever} and {@link #runUntilComplete}
   * return). Never blocks.
   */
  public void stop() {
    state.eventLoop.stop();
  }

  /**
   * Closes the loop: cancels the tasks still alive, runs it until they end, reports exceptions
   * nobody retrieved, and makes it unusable. Does nothing if it is closed already.
   *
   * @throws IllegalStateException if the loop is running
   */
  @Override
  public void close() {
    if (state.eventLoop.isRunning()) {
      throw new IllegalStateException("Cannot close a running event loop");
    }
    state.eventLoop.close();
  }

  /** {@return whether the loop is running} */
  public boolean isRunning() {
    return state.eventLoop.isRunning();
  }

  /** {@return whether the loop is closed} */
  public boolean isClosed() {
    return state.eventLoop.isClosed();
  }

  /** {@return the loop's clock, in seconds (asyncio's {@code loop.time()})} */
  public double time() {
    return state.eventLoop.time();
  }

  /**
   * Schedules {@code callback} to run on the loop soon, after the callbacks already scheduled
   * (FIFO), outside any task. A callback that throws is reported to the exception handler.
   *
   * @param callback the callback
   * @return a handle that can cancel it
   * @throws IllegalStateException if the loop is closed
   */
  public Handle callSoon(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    if (state.eventLoop.isRunning() && EventLoop.current().orElse(null) != state.eventLoop) {
      return callSoonThreadsafe(callback); // from another thread: through the inbox
    }
    // On the loop (or its idle owner): one FIFO with the task steps, as asyncio's _ready.
    Handle h = new Handle();
    state.eventLoop.callSoon(() -> {
      if (!h.isCancelled()) {
        guarded(callback).run();
      }
    });
    return h;
  }

  /**
   * {@link #callSoon} from any thread: wakes the loop if it is waiting.
   *
   * @param callback the callback
   * @return a handle that can cancel it
   * @throws IllegalStateException if the loop is closed
   */
  public Handle callSoonThreadsafe(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    Handle h = new Handle();
    state.eventLoop.runToken().runSyncSoon(() -> {
      if (!h.isCancelled()) {
        guarded(callback).run();
      }
    });
    return h;
  }

  /**
   * Schedules {@code callback} to run once {@code delay} has passed on the loop's clock.
   *
   * @param delay how long from now
   * @param callback the callback
   * @return a handle that can cancel it
   * @throws IllegalStateException if the loop is closed
   */
  public TimerHandle callLater(Duration delay, Runnable callback) {
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(callback, "callback");
    // A huge delay simply means "never" (Clock.toSeconds does not overflow).
    return callAt(time() + Clock.toSeconds(delay), callback);
  }

  /**
   * Schedules {@code callback} to run once the loop's clock reaches {@code when}.
   *
   * @param when a time on the loop's clock (see {@link #time()})
   * @param callback the callback
   * @return a handle that can cancel it
   * @throws IllegalStateException if the loop is closed
   */
  public TimerHandle callAt(double when, Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    return state.eventLoop.callAt(when, guarded(callback));
  }

  /**
   * {@return a new pending future that belongs to this loop} (asyncio's {@code
   * loop.create_future()})
   *
   * @param <T> the result type
   */
  public <T> AsyncFuture<T> createFuture() {
    return new AsyncFuture<>(state);
  }

  /**
   * Starts {@code function} as a task of this loop; it first runs on the loop's next iteration.
   * Allowed while the loop is idle: the task starts when the loop runs.
   *
   * @param <T> the result type
   * @param function what the task runs
   * @param name the task's name, or null for "task-N"
   * @return the task
   * @throws IllegalStateException if the loop is closed, or if called from another thread while
   *     it runs
   */
  public <T> AsyncTask<T> createTask(Awaitable<T> function, String name) {
    return new AsyncTask<T>(state, function, name).startOnLoop();
  }

  /**
   * Sets what receives errors nobody else will see (a failing callback, an exception never
   * retrieved): a message and the error. The default logs them on {@code System.Logger}
   * "dev.weft.asyncio".
   *
   * @param handler the handler, or null for the default
   */
  public void setExceptionHandler(BiConsumer<String, Throwable> handler) {
    state.exceptionHandler = handler;
  }

  @Override
  public String toString() {
    return "Loop[" + (isClosed() ? "closed" : isRunning() ? "running" : "idle") + "]";
  }

  private void checkCanRun() {
    if (EventLoop.current().isPresent()) {
      throw new IllegalStateException(
          "Cannot run the event loop while another loop is running (in this thread): await the "
              + "work instead, or start it with Asyncio.createTask(...)");
    }
    if (state.eventLoop.isClosed()) {
      throw new IllegalStateException("Event loop is closed");
    }
    if (state.eventLoop.isRunning()) {
      throw new IllegalStateException("This event loop is already running");
    }
  }

  private Runnable guarded(Runnable callback) {
    return () -> {
      try {
        callback.run();
      } catch (Throwable t) {
        state.report("Exception in callback " + LoopState.repr(callback), t);
      }
    };
  }
}
