package dev.weft.asyncio;

import dev.weft.Checkpoint;
import dev.weft.Weft;
import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Abort;
import dev.weft.lowlevel.EventLoop;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.WaitQueue;
import dev.weft.thread.CompletionStages;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * An eventual result: asyncio's {@code Future}. Some code sets its result or exception (or
 * cancels it); tasks {@linkplain #await() await} it; done callbacks run once it is done.
 *
 * <p>Make one with {@link Loop#createFuture()}; an {@link AsyncTask} is a future that runs a function.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * AsyncFuture<String> f = Asyncio.getRunningLoop().createFuture();
 * Asyncio.getRunningLoop().callLater(Duration.ofSeconds(1), () -> f.setResult("done"));
 * String s = f.await();   // "done", after 1 s
 * }
 *
 * <h2>Cancellation</h2>
 *
 * As in asyncio, a task cancelled while it awaits a future cancels that future (use {@link
 * Asyncio#shield} to prevent it). A plain future is cancelled at once, so the waiter gets {@link
 * CancelledError} at once; a task or a gather only receives a cancel request, and the waiter
 * keeps waiting for its outcome (which may be a value, if the task declined to be cancelled).
 *
 * <h2>Thread rules</h2>
 *
 * A future belongs to its loop and is not thread-safe, as in asyncio: call its methods from the
 * loop's tasks and callbacks (from another thread, go through {@link Loop#callSoonThreadsafe} or
 * {@link #toCompletableFuture()}). {@link #done()} and {@link #cancelled()} may be read from
 * anywhere.
 *
 * @param <T> the type of the result
 */
public sealed class AsyncFuture<T> implements Awaitable<T> permits AsyncTask, GatheringFuture {
  private static final int PENDING = 0;
  private static final int CANCELLED = 1;
  private static final int FINISHED = 2;

  // immutable state
  final LoopState loopState;

  // mutable state
  private volatile int state = PENDING;
  private T result;
  private Throwable exception;
  private String cancelMessage;
  private List<Consumer<? super AsyncFuture<T>>> callbacks;
  /** The tasks awaiting the future; made on the first wait. */
  private WaitQueue<Void> waiters;
  /** The record of an exception nobody has retrieved yet, or null. */
  private UnretrievedFailure unretrieved;

  /*
   * Implementation notes.
   *
   * States: PENDING --setResult/setException--> FINISHED, PENDING --cancel--> CANCELLED; both
   * final. Completing wakes every waiter (rescheduled with null; each then reads the state) and
   * schedules the done callbacks with the loop's callSoon (one FIFO with the task steps, so the
   * woken waiters run first), never inside setResult, as asyncio's call_soon does. A waiter's
   * abort function calls cancel(msg) and returns Abort.PASSED_ON, which uses up an
   * edge-triggered request as asyncio's Task.cancel() does: for a plain future that completes it
   * and reschedules the waiter at once; for a task or gather it is only a request, and the waiter
   * keeps waiting for the real outcome, which may be a value (then the waiter carries on). An exception is "retrieved" once result(),
   * exception() or await() has shown it; one never retrieved is reported when the future is
   * collected or the loop closes, whichever comes first (UnretrievedFailure).
   */

  AsyncFuture(LoopState loopState) {
    this.loopState = loopState;
  }

  /** {@return the loop this future belongs to} */
  public Loop getLoop() {
    return loopState.loop;
  }

  /** {@return whether the future is done: it has a result or an exception, or was cancelled} */
  public boolean done() {
    return state != PENDING;
  }

  /** {@return whether the future was cancelled} */
  public boolean cancelled() {
    return state == CANCELLED;
  }

  /**
   * Marks the future done with {@code value}, wakes its waiters and schedules its callbacks.
   * Never blocks; not a checkpoint.
   *
   * @param value the result (may be null)
   * @throws InvalidStateException if the future is already done
   */
  public void setResult(T value) {
    checkPending("setResult");
    result = value;
    complete(FINISHED);
  }

  /**
   * Marks the future done with an exception, which {@link #result()} and {@link #await()} will
   * throw as itself. Never blocks; not a checkpoint.
   *
   * @param error the exception
   * @throws InvalidStateException if the future is already done
   */
  public void setException(Throwable error) {
    Objects.requireNonNull(error, "error");
    checkPending("setException");
    if (error instanceof CancelledError) {
      throw new IllegalArgumentException(
          "setException(CancelledError): to cancel a future, call cancel()");
    }
    exception = error;
    complete(FINISHED);
    // After complete(), so that the record describes the future as done.
    unretrieved = UnretrievedFailure.register(this, error);
  }

  /**
   * Cancels the future if it is not done yet. Never blocks; not a checkpoint.
   *
   * @return whether it was cancelled by this call (false if it was already done)
   */
  public boolean cancel() {
    return cancel(null);
  }

  /**
   * Cancels the future with a message, which becomes the message of the {@link CancelledError}
   * that waiters and {@link #result()} throw. Never blocks; not a checkpoint.
   *
   * @param message the message, or null
   * @return whether it was cancelled by this call (false if it was already done)
   */
  public boolean cancel(String message) {
    checkLoop("cancel");
    if (state != PENDING) {
      return false;
    }
    cancelMessage = message;
    complete(CANCELLED);
    return true;
  }

  /**
   * {@return the result} If the future failed, throws its exception as itself; if it was
   * cancelled, throws {@link CancelledError}. Never blocks; not a checkpoint.
   *
   * @throws InvalidStateException if the future is not done yet
   * @throws Exception the future's exception
   */
  public T result() throws Exception {
    checkLoop("result");
    if (state == PENDING) {
      throw new InvalidStateException(
          "Result is not set: " + this + " is not done yet. await() it, or check done() first.");
    }
    return outcome();
  }

  /**
   * {@return the exception the future failed with, or null if it has a result} Never blocks; not
   * a checkpoint.
   *
   * @throws InvalidStateException if the future is not done yet
   * @throws CancelledError if it was cancelled
   */
  public Throwable exception() {
    checkLoop("exception");
    if (state == PENDING) {
      throw new InvalidStateException(
          "Exception is not set: " + this + " is not done yet. await() it first.");
    }
    if (state == CANCELLED) {
      throw newCancelledError();
    }
    markRetrieved();
    return exception;
  }

  /**
   * Adds a callback that the loop runs with this future once it is done (soon, never inside this
   * call, even if the future is already done). Callbacks run in the order they were added; one
   * that throws is reported to the loop's exception handler.
   *
   * @param callback the callback
   */
  public void addDoneCallback(Consumer<? super AsyncFuture<T>> callback) {
    Objects.requireNonNull(callback, "callback");
    checkLoop("addDoneCallback");
    if (state != PENDING) {
      schedule(callback);
      return;
    }
    if (callbacks == null) {
      callbacks = new ArrayList<>(2);
    }
    callbacks.add(callback);
  }

  /**
   * Removes every registration of {@code callback} (compared with {@code equals}).
   *
   * @param callback the callback
   * @return how many were removed
   */
  public int removeDoneCallback(Consumer<? super AsyncFuture<T>> callback) {
    checkLoop("removeDoneCallback");
    if (callbacks == null) {
      return 0;
    }
    int before = callbacks.size();
    callbacks.removeIf(c -> c.equals(callback));
    return before - callbacks.size();
  }

  /**
   * Waits until the future is done and returns its result, or throws its exception as itself (or
   * {@link CancelledError} if it was cancelled).
   *
   * <p>This method is a checkpoint, even when the future is already done. If the waiting task is
   * cancelled, the future is cancelled too (see the class documentation).
   *
   * @return the result
   * @throws Exception the future's exception
   * @throws CancelledError if the future or the waiting task was cancelled
   * @throws IllegalStateException if not called from a task of the future's loop
   */
  @Checkpoint
  @Override
  public T await() throws Exception {
    dev.weft.lowlevel.Task me = Weft.currentTask();
    checkLoop("await");
    if (state != PENDING) {
      // Trio's rule: a checkpoint on every call, even with nothing to wait for.
      Scheduling.checkpointIfCancelled();
      Scheduling.cancelShieldedCheckpoint();
      return outcome();
    }
    // A pending future: we park even if the task is cancelled already. Parking in a cancelled
    // scope runs the abort function at once, which passes the cancel on to the future, as
    // asyncio's task step does with a pending cancel when the task awaits (issue 9, item 4).
    if (waiters == null) {
      waiters = new WaitQueue<>();
    }
    // Queued without parking through the queue: the abort below passes the cancel on and keeps
    // waiting, so the entry stays queued until the future completes.
    waiters.add(me, null);
    CancelledError[] passedOn = new CancelledError[1];
    Scheduling.waitTaskRescheduled(
        err -> {
          // asyncio: cancelling the awaiting task cancels what it awaits, and that uses the
          // request up. A plain future completes right here and reschedules us; a task or gather
          // only takes the request, and we wait for its outcome, which may be a value.
          passedOn[0] = err;
          cancel(messageOf(err));
          return Abort.PASSED_ON;
        });
    if (passedOn[0] != null && state == CANCELLED) {
      // Our cancellation is what ended the wait: throw the runtime's own error, which names the
      // scope that caused it, so that exactly that scope catches it.
      throw passedOn[0];
    }
    return outcome();
  }

  /**
   * {@return a {@link CompletableFuture} that completes when this future does}, for code outside
   * weft. Cancelling the returned future (from any thread) cancels this one, through the loop's
   * inbox, if the loop is still running.
   */
  public CompletableFuture<T> toCompletableFuture() {
    checkLoop("toCompletableFuture");
    // Cancelling it from any thread cancels this future in the loop; if the loop has closed, this
    // future is done already and there is nothing to cancel.
    CompletableFuture<T> cf =
        CompletionStages.newCompletableFuture(loopState.eventLoop.runToken(), () -> cancel());
    addDoneCallback(
        f -> {
          if (f.state == CANCELLED) {
            cf.cancel(false);
          } else if (f.exception != null) {
            f.markRetrieved();
            cf.completeExceptionally(f.exception);
          } else {
            cf.complete(f.result);
          }
        });
    return cf;
  }

  @Override
  public String toString() {
    String s =
        switch (state) {
          case PENDING -> "pending";
          case CANCELLED -> "cancelled";
          default -> exception != null ? "exception=" + LoopState.repr(exception) : "result=" + LoopState.repr(result);
        };
    return describe() + "[" + s + "]";
  }

  /** {@return the name used by toString} */
  String describe() {
    return "Future";
  }

  // ---- for the rest of the package

  /** The outcome of a done future: the result, or its exception or cancellation thrown. */
  T outcome() throws Exception {
    if (state == CANCELLED) {
      throw newCancelledError();
    }
    if (exception != null) {
      markRetrieved();
      throw asException(exception);
    }
    return result;
  }

  /** {@return the exception without the checks of {@link #exception()}, for reporting} */
  Throwable exceptionUnchecked() {
    return exception;
  }

  /** Marks an exception as seen, for code that passes it on itself (gather, TaskGroup). */
  void markRetrieved() {
    if (unretrieved != null) {
      unretrieved.retrieved();
      unretrieved = null;
    }
  }

  /** {@return the message given to the cancel behind {@code e}, or null for none} */
  static String messageOf(CancelledError e) {
    String m = e.getMessage();
    return m == null || m.equals(Scheduling.newCancelledError(null).getMessage()) ? null : m;
  }

  CancelledError newCancelledError() {
    return Scheduling.newCancelledError(cancelMessage);
  }

  /**
   * Fails the future with any throwable, CancelledError included (gather's "a cancelled child
   * counts as CancelledError"); the future is then done but not cancelled.
   */
  void failWith(Throwable error) {
    checkPending("setException");
    exception = error;
    complete(FINISHED);
    if (!(error instanceof CancelledError)) {
      unretrieved = UnretrievedFailure.register(this, error);
    }
  }

  /** Cancels without the loop check and message rules; for subclasses that finish cancelled. */
  void finishCancelled(String message) {
    cancelMessage = message;
    complete(CANCELLED);
  }

  void checkLoop(String what) {
    EventLoop ev = loopState.eventLoop;
    if (ev.isRunning() && EventLoop.current().orElse(null) != ev) {
      throw new IllegalStateException(
          "Future."
              + what
              + "() was called from outside the loop the future belongs to (thread '"
              + Thread.currentThread().getName()
              + "'). Futures are not thread-safe: use loop.callSoonThreadsafe(...) or "
              + "toCompletableFuture() from other threads.");
    }
  }

  static Exception asException(Throwable t) {
    if (t instanceof Error e) {
      throw e;
    }
    if (t instanceof Exception e) {
      return e;
    }
    // Not new ExecutionException(t): that calls t.toString(), which may throw.
    return new ExecutionException("the future failed with a Throwable that is not an Exception", t);
  }

  // ---- internals

  private void checkPending(String what) {
    checkLoop(what);
    if (state != PENDING) {
      throw new InvalidStateException(
          "invalid state: " + what + "() on " + this + ", which is already done");
    }
  }

  private void complete(int newState) {
    state = newState;
    if (waiters != null) {
      for (WaitQueue.Entry<Void> w = waiters.poll(); w != null; w = waiters.poll()) {
        Scheduling.reschedule(w.task(), null);
      }
      waiters = null;
    }
    if (callbacks != null) {
      List<Consumer<? super AsyncFuture<T>>> cbs = callbacks;
      callbacks = null;
      for (Consumer<? super AsyncFuture<T>> cb : cbs) {
        schedule(cb);
      }
    }
  }

  private void schedule(Consumer<? super AsyncFuture<T>> cb) {
    Runnable run =
        () -> {
          try {
            cb.accept(this);
          } catch (Throwable t) {
            loopState.report("Exception in callback " + LoopState.repr(cb) + " of " + this, t);
          }
        };
    EventLoop ev = loopState.eventLoop;
    if (EventLoop.current().orElse(null) == ev) {
      // asyncio's call_soon: behind the task steps already runnable (the waiters just woken).
      ev.callSoon(run);
    } else if (!ev.runToken().tryRunSyncSoon(run)) {
      loopState.report("a done callback of " + this + " was dropped: the loop is closed", null);
    }
  }


}
