package dev.weft.asyncio;

import dev.weft.Checkpoint;
import dev.weft.RunConfig;
import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.cancel.CancelledError;
import dev.weft.cancel.Timeouts;
import dev.weft.cancel.TooSlowException;
import dev.weft.lowlevel.Clock;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.TimerHandle;
import dev.weft.net.SocketStream;
import dev.weft.net.Tcp;
import dev.weft.thread.CompletionStages;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * asyncio's module-level functions: {@code asyncio.run}, {@code create_task}, {@code gather},
 * {@code wait}, {@code as_completed}, {@code wait_for}, {@code shield}, {@code timeout}, {@code
 * sleep}, on weft's cancel scopes and nurseries. {@code import static
 * dev.weft.asyncio.Asyncio.*} and the seeds read line for line (except {@link #wait}: inside a
 * class, an unqualified {@code wait(...)} means {@code Object.wait}, so write {@code
 * Asyncio.wait(...)}):
 *
 * {@snippet lang=java :
 * List<String> result = Asyncio.run(() -> gather(() -> a(), () -> b(), () -> c()).await());
 * }
 *
 * <h2>Awaitables</h2>
 *
 * Where asyncio takes a coroutine, an {@link AsyncFuture} or an {@link AsyncTask}, weft takes an {@link
 * Awaitable}: a future, a task, or a lambda (which these functions wrap in a task, as asyncio wraps
 * coroutines).
 *
 * <h2>Thread rules</h2>
 *
 * Everything but {@link #run} must be called from a task of a running loop (inside {@code
 * Asyncio.run} or {@code Weft.run}); otherwise it throws {@link IllegalStateException}.
 */
public final class Asyncio {
  private Asyncio() {}

  // ---- running

  /**
   * Runs {@code main} on a new loop and returns its result: asyncio's {@code asyncio.run}. At the
   * end it cancels the tasks still pending, waits for them, reports exceptions nobody retrieved,
   * and closes the loop.
   *
   * @param <T> the result type
   * @param main the main awaitable, usually a lambda
   * @return its result
   * @throws Exception what main threw, as itself
   * @throws IllegalStateException if called from a running loop
   */
  public static <T> T run(Awaitable<T> main) throws Exception {
    return run(c -> c, main);
  }

  /**
   * {@link #run(Awaitable)} with options (a clock, an engine).
   *
   * @param <T> the result type
   * @param options changes to the default {@link RunConfig}
   * @param main the main awaitable
   * @return its result
   * @throws Exception what main threw, as itself
   */
  public static <T> T run(UnaryOperator<RunConfig> options, Awaitable<T> main) throws Exception {
    try (Runner runner = new Runner(options)) {
      return runner.run(main);
    }
  }

  /**
   * {@return the loop the calling task runs in} (asyncio's {@code get_running_loop()}; it works
   * inside {@code Weft.run} too)
   *
   * @throws IllegalStateException if no loop is running in this thread
   */
  public static Loop getRunningLoop() {
    return LoopState.current("getRunningLoop()").loop;
  }

  // ---- tasks

  /**
   * Starts {@code function} as a task of the running loop (asyncio's {@code create_task}).
   *
   * @param <T> the result type
   * @param function what the task runs
   * @return the task
   * @throws IllegalStateException if there is no running loop
   */
  public static <T> AsyncTask<T> createTask(Awaitable<T> function) {
    return createTask(function, null);
  }

  /**
   * Starts a named task on the running loop.
   *
   * @param <T> the result type
   * @param function what the task runs
   * @param name the name, or null for "task-N"
   * @return the task
   * @throws IllegalStateException if there is no running loop
   */
  public static <T> AsyncTask<T> createTask(Awaitable<T> function, String name) {
    return new AsyncTask<T>(LoopState.current("createTask()"), function, name).startOnLoop();
  }

  /**
   * {@return {@code awaitable} itself if it is a future (or task), else a new task running it}
   * (asyncio's {@code ensure_future})
   *
   * @param <T> the result type
   * @param awaitable a future, a task or a lambda
   * @throws IllegalStateException if there is no running loop, or if the future belongs to
   *     another loop
   */
  public static <T> AsyncFuture<T> ensureFuture(Awaitable<T> awaitable) {
    return ensureFuture(LoopState.current("ensureFuture()"), awaitable);
  }

  static <T> AsyncFuture<T> ensureFuture(LoopState state, Awaitable<T> awaitable) {
    Objects.requireNonNull(awaitable, "awaitable");
    if (awaitable instanceof AsyncFuture<T> f) {
      if (f.loopState != state) {
        throw new IllegalStateException(
            f + " belongs to a different event loop; futures cannot move between loops");
      }
      return f;
    }
    return new AsyncTask<T>(state, awaitable, null).startOnLoop();
  }

  /** {@return the asyncio task the caller runs in, if it runs in one} */
  public static Optional<AsyncTask<?>> currentTask() {
    return AsyncTask.current();
  }

  /**
   * {@return the tasks of the running loop that are not done yet}
   *
   * @throws IllegalStateException if there is no running loop
   */
  public static Set<AsyncTask<?>> allTasks() {
    return Set.copyOf(LoopState.current("allTasks()").liveTasks);
  }

  // ---- sleeping

  /**
   * Sleeps for {@code delay} (as {@link Weft#sleep}, except that a negative delay, as in asyncio,
   * is not an error and does not wait). This method is a checkpoint.
   *
   * @param delay how long
   */
  @Checkpoint
  public static void sleep(Duration delay) {
    Weft.sleep(delay.isNegative() ? Duration.ZERO : delay); // asyncio accepts a negative delay
  }

  /**
   * Sleeps for {@code delay}, then returns {@code result} (asyncio's {@code sleep(delay, result)}).
   * This method is a checkpoint.
   *
   * @param <T> the result type
   * @param delay how long
   * @param result what to return
   * @return {@code result}
   */
  @Checkpoint
  public static <T> T sleep(Duration delay, T result) {
    Weft.sleep(delay.isNegative() ? Duration.ZERO : delay); // asyncio accepts a negative delay
    return result;
  }

  // ---- combinators

  /**
   * Runs the awaitables concurrently and returns a future of their results, in their order
   * (asyncio's {@code gather}). The first failure fails the returned future at once (the others
   * keep running); a cancelled child counts as a {@link CancelledError} and does not cancel the
   * gather. Cancelling the returned future cancels the children that are not done.
   *
   * @param <T> the common result type
   * @param awaitables futures, tasks or lambdas (lambdas are wrapped in tasks)
   * @return the gathering future; {@code await()} it
   * @throws IllegalStateException if no loop is running and no argument is a future (whose loop
   *     would be used)
   */
  @SafeVarargs
  public static <T> AsyncFuture<List<T>> gather(Awaitable<? extends T>... awaitables) {
    Objects.requireNonNull(awaitables, "awaitables");
    List<Awaitable<? extends T>> list = new ArrayList<>(awaitables.length);
    for (Awaitable<? extends T> a : awaitables) {
      list.add(a);
    }
    return gather(list);
  }

  /**
   * {@link #gather(Awaitable...)} over a list.
   *
   * @param <T> the common result type
   * @param awaitables futures, tasks or lambdas
   * @return the gathering future
   */
  public static <T> AsyncFuture<List<T>> gather(List<? extends Awaitable<? extends T>> awaitables) {
    LoopState state = stateFor("gather()", Objects.requireNonNull(awaitables, "awaitables"));
    return new GatheringFuture<T>(state, futures(state, awaitables), false);
  }

  /**
   * {@code gather(..., return_exceptions=...)}: with {@code returnExceptions} true, failures are
   * results, and the list holds each child's value, exception or {@link CancelledError}.
   *
   * @param returnExceptions whether failures become results
   * @param awaitables futures, tasks or lambdas
   * @return the gathering future
   */
  public static AsyncFuture<List<Object>> gather(boolean returnExceptions, Awaitable<?>... awaitables) {
    LoopState state =
        stateFor("gather()", List.of(Objects.requireNonNull(awaitables, "awaitables")));
    return new GatheringFuture<Object>(state, futures(state, List.of(awaitables)), returnExceptions);
  }

  /**
   * Protects {@code awaitable} from cancellation (asyncio's {@code shield}): returns a future
   * that follows it, and cancelling that future (or the task awaiting it) leaves the inner work
   * running.
   *
   * @param <T> the result type
   * @param awaitable a future, a task or a lambda
   * @return the outer future (the inner one itself if it is already done)
   */
  public static <T> AsyncFuture<T> shield(Awaitable<T> awaitable) {
    LoopState state = stateFor("shield()", List.of(awaitable));
    AsyncFuture<T> inner = ensureFuture(state, awaitable);
    if (inner.done()) {
      return inner;
    }
    AsyncFuture<T> outer = new AsyncFuture<>(state);
    Consumer<AsyncFuture<T>> copy =
        in -> {
          if (outer.done()) {
            if (!in.cancelled()) {
              in.markRetrieved();
            }
            return;
          }
          if (in.cancelled()) {
            outer.cancel();
          } else if (in.exceptionUnchecked() != null) {
            in.markRetrieved();
            outer.setException(in.exceptionUnchecked());
          } else {
            try {
              outer.setResult(in.outcome());
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          }
        };
    inner.addDoneCallback(copy);
    outer.addDoneCallback(
        out -> {
          if (!inner.done()) {
            inner.removeDoneCallback(copy);
          }
        });
    return outer;
  }

  /**
   * Waits for {@code awaitable} with a timeout (asyncio's {@code wait_for}). On timeout it cancels
   * the inner work, waits for it to finish, and throws {@link TooSlowException} (a {@code
   * TimeoutException}); if the inner work declines the cancellation and returns a value, that
   * value is returned, as in asyncio 3.12. A zero or negative timeout cancels work that is not
   * already done. This method is a checkpoint.
   *
   * @param <T> the result type
   * @param awaitable a future, a task or a lambda (wrapped in a task)
   * @param timeout how long to wait; null waits for ever
   * @return the result
   * @throws TooSlowException if the timeout expired
   * @throws Exception what the awaitable threw
   */
  @Checkpoint
  public static <T> T waitFor(Awaitable<T> awaitable, Duration timeout) throws Exception {
    AsyncFuture<T> f = ensureFuture(LoopState.current("waitFor()"), awaitable);
    if (timeout == null) {
      return f.await();
    }
    if (timeout.isNegative() || timeout.isZero()) {
      if (!f.done()) {
        f.cancel();
        try {
          return f.await();
        } catch (CancelledError e) {
          if (f.cancelled()) {
            TooSlowException tooSlow = new TooSlowException("waitFor: timed out (timeout <= 0)");
            tooSlow.initCause(e);
            throw tooSlow;
          }
          throw e;
        }
      }
      return f.await();
    }
    return timeout(timeout, f);
  }

  /**
   * Waits until some or all of the futures are done (asyncio's {@code wait}) and returns the done
   * and pending ones. It never cancels them, and a timeout does not throw: the ones not done are
   * simply pending. This method is a checkpoint.
   *
   * @param <T> the futures' value type
   * @param futures the futures or tasks (not empty)
   * @param timeout the longest to wait; null for no limit
   * @param returnWhen when to return
   * @return the done and pending sets, each in the given order
   * @throws IllegalArgumentException if {@code futures} is empty
   * @throws Exception never in practice; declared for the cancellation of the waiting task
   */
  @Checkpoint
  public static <T> WaitResult<T> wait(
      Collection<? extends AsyncFuture<T>> futures, Duration timeout, ReturnWhen returnWhen)
      throws Exception {
    Objects.requireNonNull(returnWhen, "returnWhen");
    LoopState state = LoopState.current("wait()");
    if (futures.isEmpty()) {
      throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
    }
    List<AsyncFuture<T>> fs = new ArrayList<>(new LinkedHashSet<>(futures));
    for (AsyncFuture<T> f : fs) {
      ensureFuture(state, f);
    }
    if (!satisfied(fs, returnWhen)) {
      AsyncFuture<Void> waiter = new AsyncFuture<>(state);
      Consumer<AsyncFuture<T>> onDone =
          f -> {
            if (!waiter.done() && satisfied(fs, returnWhen)) {
              waiter.setResult(null);
            }
          };
      for (AsyncFuture<T> f : fs) {
        f.addDoneCallback(onDone);
      }
      try {
        if (timeout == null) {
          waiter.await();
        } else {
          Timeouts.moveOnAfter(timeout, () -> { waiter.await(); });
        }
      } finally {
        for (AsyncFuture<T> f : fs) {
          f.removeDoneCallback(onDone);
        }
      }
    } else {
      // Every future is done: still a checkpoint, with the policy's schedule point.
      Scheduling.checkpointIfCancelled();
      Scheduling.cancelShieldedCheckpoint();
    }
    Set<AsyncFuture<T>> done = new LinkedHashSet<>();
    Set<AsyncFuture<T>> pending = new LinkedHashSet<>();
    for (AsyncFuture<T> f : fs) {
      (f.done() ? done : pending).add(f);
    }
    return new WaitResult<>(done, pending);
  }

  /**
   * {@link #wait(Collection, Duration, ReturnWhen)} until all are done, with no timeout.
   *
   * @param <T> the futures' value type
   * @param futures the futures or tasks (not empty)
   * @return the done and pending sets
   * @throws IllegalArgumentException if {@code futures} is empty
   * @throws Exception never in practice; declared for the cancellation of the waiting task
   */
  @Checkpoint
  public static <T> WaitResult<T> wait(Collection<? extends AsyncFuture<T>> futures) throws Exception {
    return wait(futures, null, ReturnWhen.ALL_COMPLETED);
  }

  /**
   * Runs the awaitables concurrently and returns one awaitable per input that gives the results
   * in the order they complete (asyncio's {@code as_completed}): awaiting the first gives the
   * earliest result, and so on. If {@code timeout} passes first, each awaitable not yet used
   * throws {@link TooSlowException}; the work itself is not cancelled. Awaiting one is a
   * checkpoint.
   *
   * <p>asyncio puts the inputs in a set, so the order they start in is arbitrary; weft starts them
   * in the given order.
   *
   * @param <T> the common result type
   * @param awaitables futures, tasks or lambdas (lambdas are wrapped in tasks)
   * @param timeout the longest to wait for all of them; null for no limit
   * @return the awaitables, one per distinct input
   */
  public static <T> List<Awaitable<T>> asCompleted(
      Collection<? extends Awaitable<? extends T>> awaitables, Duration timeout) {
    LoopState state = LoopState.current("asCompleted()");
    // asyncio: {ensure_future(f) for f in set(fs)}: duplicates collapse before lambdas are wrapped,
    // so the same lambda given twice runs once.
    List<AsyncFuture<? extends T>> todo =
        new ArrayList<>(
            new LinkedHashSet<>(futures(state, new ArrayList<>(new LinkedHashSet<>(awaitables)))));
    ArrayDeque<AsyncFuture<? extends T>> done = new ArrayDeque<>();
    boolean[] timedOut = new boolean[1];
    List<AsyncFuture<Void>> signal = new ArrayList<>(List.of(new AsyncFuture<>(state)));
    Consumer<AsyncFuture<? extends T>> onDone =
        f -> {
          if (timedOut[0]) {
            return;
          }
          done.add(f);
          if (!signal.get(0).done()) {
            signal.get(0).setResult(null);
          }
        };
    for (AsyncFuture<? extends T> f : todo) {
      f.addDoneCallback(onDone);
    }
    TimerHandle timer =
        timeout == null
            ? null
            : state.loop.callLater(
                timeout,
                () -> {
                  timedOut[0] = true;
                  for (AsyncFuture<? extends T> f : todo) {
                    f.removeDoneCallback(onDone);
                  }
                  if (!signal.get(0).done()) {
                    signal.get(0).setResult(null);
                  }
                });
    int[] handedOut = new int[1];
    Awaitable<T> next =
        () -> {
          boolean waited = false;
          while (done.isEmpty() && !timedOut[0]) {
            if (signal.get(0).done()) {
              signal.set(0, new AsyncFuture<>(state));
            }
            signal.get(0).await();
            waited = true;
          }
          if (!waited) {
            // a checkpoint on every call, even when a result is ready
            Scheduling.checkpointIfCancelled();
            Scheduling.cancelShieldedCheckpoint();
          }
          if (done.isEmpty()) {
            throw new TooSlowException("asCompleted: the timeout expired before this result");
          }
          AsyncFuture<? extends T> f = done.poll();
          if (++handedOut[0] == todo.size() && timer != null) {
            timer.cancel();
          }
          return f.outcome();
        };
    List<Awaitable<T>> out = new ArrayList<>(todo.size());
    for (int i = 0; i < todo.size(); i++) {
      out.add(next);
    }
    return out;
  }

  /**
   * {@link #asCompleted(Collection, Duration)} with no timeout.
   *
   * @param <T> the common result type
   * @param awaitables futures, tasks or lambdas
   * @return the awaitables, one per distinct input
   */
  public static <T> List<Awaitable<T>> asCompleted(
      Collection<? extends Awaitable<? extends T>> awaitables) {
    return asCompleted(awaitables, null);
  }

  // ---- timeouts

  /**
   * The body of a {@link #timeout} block that uses its {@link Timeout} handle.
   *
   * @param <T> the block's value type
   */
  @FunctionalInterface
  public interface TimeoutBody<T> {
    /**
     * Runs inside the block.
     *
     * @param timeout the block's handle, to read or move the deadline
     * @return the block's value
     * @throws Exception anything
     */
    T run(Timeout timeout) throws Exception;
  }

  /**
   * Runs {@code body} with a deadline {@code delay} from now (asyncio 3.11's {@code
   * asyncio.timeout}). When the deadline passes, the body's next checkpoint throws {@link
   * CancelledError} once; if that error leaves the body, this throws {@link TooSlowException}.
   * A body that catches it and returns normally returns its value.
   *
   * @param <T> the result type
   * @param delay how long from now; null for no deadline
   * @param body the body
   * @return the body's value
   * @throws TooSlowException if the deadline cancelled the body
   * @throws Exception what the body threw
   */
  public static <T> T timeout(Duration delay, Awaitable<T> body) throws Exception {
    return timeout(delay, t -> body.await());
  }

  /**
   * {@link #timeout(Duration, Awaitable)} whose body gets the {@link Timeout} handle, to read and
   * {@linkplain Timeout#reschedule move} the deadline.
   *
   * @param <T> the result type
   * @param delay how long from now; null for no deadline
   * @param body the body
   * @return the body's value
   * @throws TooSlowException if the deadline cancelled the body
   * @throws Exception what the body threw
   */
  public static <T> T timeout(Duration delay, TimeoutBody<T> body) throws Exception {
    double when =
        delay == null
            ? Double.POSITIVE_INFINITY
            : Weft.currentTime() + Clock.toSeconds(delay);
    return timeoutAt(when, body);
  }

  /**
   * {@link #timeout(Duration, Awaitable)} with a deadline on the loop's clock (asyncio's {@code
   * timeout_at}).
   *
   * @param <T> the result type
   * @param when the deadline; {@code Double.POSITIVE_INFINITY} for none
   * @param body the body
   * @return the body's value
   * @throws TooSlowException if the deadline cancelled the body
   * @throws Exception what the body threw
   */
  public static <T> T timeoutAt(double when, Awaitable<T> body) throws Exception {
    return timeoutAt(when, t -> body.await());
  }

  /**
   * {@link #timeoutAt(double, Awaitable)} whose body gets the {@link Timeout} handle.
   *
   * @param <T> the result type
   * @param when the deadline; {@code Double.POSITIVE_INFINITY} for none
   * @param body the body
   * @return the body's value
   * @throws TooSlowException if the deadline cancelled the body
   * @throws Exception what the body threw
   */
  public static <T> T timeoutAt(double when, TimeoutBody<T> body) throws Exception {
    Objects.requireNonNull(body, "body");
    return new Timeout(when).run(body);
  }

  // ---- CompletionStage interop

  /**
   * {@return a future of the running loop that completes when {@code stage} does} (asyncio's
   * {@code wrap_future}). Cancelling the future cancels the stage, where it can be cancelled.
   *
   * @param <T> the result type
   * @param stage a stage completed by any thread
   * @throws IllegalStateException if there is no running loop
   */
  public static <T> AsyncFuture<T> wrapFuture(CompletionStage<T> stage) {
    Objects.requireNonNull(stage, "stage");
    LoopState state = LoopState.current("wrapFuture()");
    AsyncFuture<T> f = new AsyncFuture<>(state);
    CompletionStages.whenCompleteOnLoop(
        stage,
        state.eventLoop.runToken(),
        (v, cause) -> {
          if (f.done()) {
            return;
          }
          if (cause instanceof CancellationException) {
            f.cancel();
          } else if (cause != null) {
            f.setException(cause);
          } else {
            f.setResult(v);
          }
        });
    f.addDoneCallback(
        done -> {
          if (done.cancelled()) {
            CompletionStages.cancel(stage);
          }
        });
    return f;
  }

  /**
   * Waits for {@code stage} from a task and returns its value (throws its failure, unwrapped from
   * {@link CompletionException}). Cancelling the waiting task cancels the stage where it can be.
   * This method is a checkpoint.
   *
   * @param <T> the result type
   * @param stage the stage
   * @return its value
   * @throws Exception its failure
   */
  @Checkpoint
  public static <T> T await(CompletionStage<T> stage) throws Exception {
    return wrapFuture(stage).await();
  }

  // ---- helpers

  /**
   * The running loop, or, when none runs, the loop of the first future among the arguments: so
   * that {@code loop.runUntilComplete(gather(t1, t2))} works on an idle loop, as in asyncio.
   */
  private static LoopState stateFor(String what, List<? extends Awaitable<?>> awaitables) {
    if (dev.weft.lowlevel.EventLoop.current().isEmpty()) {
      for (Awaitable<?> a : awaitables) {
        if (a instanceof AsyncFuture<?> f) {
          return f.loopState;
        }
      }
    }
    return LoopState.current(what);
  }

  private static <T> List<AsyncFuture<? extends T>> futures(
      LoopState state, List<? extends Awaitable<? extends T>> awaitables) {
    List<AsyncFuture<? extends T>> out = new ArrayList<>(awaitables.size());
    for (Awaitable<? extends T> a : awaitables) {
      out.add(ensureFuture(state, a));
    }
    return out;
  }

  private static <T> boolean satisfied(List<AsyncFuture<T>> fs, ReturnWhen when) {
    int done = 0;
    for (AsyncFuture<T> f : fs) {
      if (f.done()) {
        done++;
        if (when == ReturnWhen.FIRST_COMPLETED) {
          return true;
        }
        if (when == ReturnWhen.FIRST_EXCEPTION && !f.cancelled()
            && f.exceptionUnchecked() != null) {
          return true;
        }
      }
    }
    return done == fs.size();
  }


  // ---- streams

  /**
   * Opens a TCP connection and returns its reader and writer (asyncio's {@code open_connection}),
   * connecting with happy eyeballs ({@code Tcp.openStream}).
   *
   * <p>This method is a checkpoint.
   *
   * @param host a host name or literal address
   * @param port the port
   * @return the reader (with the default 64 KiB limit) and the writer
   * @throws IOException if it cannot connect; the message names host and port
   */
  @Checkpoint
  public static StreamPair openConnection(String host, int port) throws IOException {
    SocketStream s = Tcp.openStream(host, port);
    StreamReader reader = new StreamReader(s);
    return new StreamPair(reader, new StreamWriter(s, reader));
  }

  /**
   * Starts a TCP server that runs {@code callback} for each connection, in a task of the loop
   * (asyncio's {@code start_server}). It is serving when this returns.
   *
   * @param callback what runs for each connection
   * @param host the host to listen on (every address it resolves to); null for every interface
   * @param port the port; 0 for any free one ({@code server.sockets()} reports it)
   * @return the server
   * @throws IOException if it cannot listen (for example, the port is in use: the message names it)
   * @throws IllegalStateException if there is no running loop
   */
  public static Server startServer(ClientConnectedCallback callback, String host, int port)
      throws IOException {
    Objects.requireNonNull(callback, "callback");
    LoopState.current("startServer()");
    return new Server(Tcp.openListeners(port, host), callback, StreamReader.DEFAULT_LIMIT);
  }
}
