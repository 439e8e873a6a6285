package dev.weft.asyncio;

import dev.weft.CompositeException;
import dev.weft.Nursery;
import dev.weft.cancel.CancelScope;
import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Scheduling;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A future that runs a function in its own weft task: asyncio's {@code Task}.
 *
 * <p>Make one with {@link Asyncio#createTask}, {@link Loop#createTask} or {@link
 * TaskGroup#createTask}. It starts on the loop's next iteration and its result is what the
 * function returns.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * AsyncTask<String> task = Asyncio.createTask(() -> work(), "worker");
 * String result = task.await();
 * }
 *
 * <h2>Cancellation</h2>
 *
 * {@link #cancel(String)} is asyncio's one-shot request: the task's next checkpoint throws {@link
 * CancelledError} (with the message), once. The function may catch it, clean up (waiting is
 * allowed) and even return a value; if the error leaves the function, the task ends cancelled.
 * Underneath, the function runs in an {@linkplain CancelScope#edgeTriggered() edge-triggered}
 * cancel scope: there is no second cancellation mechanism, and cancel scopes inside the function
 * work as usual. A task that has not started yet is cancelled before its function runs.
 *
 * <h2>Lifetime</h2>
 *
 * A task made by {@code createTask} belongs to the loop: when the loop closes (or the main task of
 * {@code Weft.run} or {@code Asyncio.run} ends), the tasks still running are cancelled and waited
 * for. A task made by a {@link TaskGroup} belongs to the group.
 *
 * @param <T> the type of the result
 */
public final class AsyncTask<T> extends AsyncFuture<T> {
  private static final ScopedValue<AsyncTask<?>> CURRENT = ScopedValue.newInstance();

  // immutable state
  private final Awaitable<? extends T> function;
  private final CancelScope scope = CancelScope.edgeTriggered();

  // mutable state
  /** asyncio's _num_cancels_requested: cancel() calls not yet taken back by uncancel(). */
  private int cancelRequests;
  private String name;
  private dev.weft.lowlevel.Task task;

  AsyncTask(LoopState loopState, Awaitable<? extends T> function, String name) {
    super(loopState);
    this.function = Objects.requireNonNull(function, "function");
    this.name = name;
  }

  /** Starts the task as a task of the loop. */
  AsyncTask<T> startOnLoop() {
    task = loopState.eventLoop.spawn(this::body, name);
    afterStart();
    return this;
  }

  /** Starts the task in a nursery, where a failure also fails the nursery (TaskGroup). */
  AsyncTask<T> startIn(Nursery nursery) {
    loopState.liveTasks.add(this);
    nursery.startSoon(
        () -> {
          task = Scheduling.currentTask();
          if (name == null) {
            name = task.name();
          }
          Throwable failure = bodyFailure();
          if (failure != null) {
            // The group rethrows it, so nobody needs to be told that it was never retrieved.
            markRetrieved();
            throw asException(failure);
          }
        },
        name);
    return this;
  }

  private void afterStart() {
    if (name == null) {
      name = task.name();
    }
    loopState.liveTasks.add(this);
  }

  /**
   * Asks the task to cancel, with no message. See {@link #cancel(String)}.
   *
   * @return false if the task is already done, true otherwise
   */
  @Override
  public boolean cancel() {
    return cancel(null);
  }

  /**
   * Asks the task to cancel: its next checkpoint throws {@link CancelledError} with this message,
   * once (asyncio's {@code Task.cancel(msg)}). Calling it again before the task has received the
   * first request changes nothing. Never blocks; not a checkpoint.
   *
   * @param message the message of the {@code CancelledError}, or null
   * @return false if the task is already done, true otherwise
   */
  @Override
  public boolean cancel(String message) {
    checkLoop("cancel");
    if (done()) {
      return false;
    }
    cancelRequests++;
    scope.cancelWithReason(message);
    return true;
  }

  /**
   * {@return the number of cancel requests not yet taken back} (asyncio 3.11's {@code
   * Task.cancelling()}): each {@link #cancel(String)} of a task that is not done adds one, each
   * {@link #uncancel()} takes one back. Code that catches a {@code CancelledError} on purpose
   * (a timeout, a task group) uses it to tell whether someone else also asked for cancellation.
   */
  public int cancelling() {
    return cancelRequests;
  }

  /**
   * Takes back one cancel request (asyncio 3.11's {@code Task.uncancel()}) and returns how many
   * are left; at zero it stays zero. When the count reaches zero, a request that has not reached
   * the task yet is withdrawn (asyncio 3.13); one already delivered stays delivered. Never blocks;
   * not a checkpoint.
   *
   * @return the number of cancel requests left
   */
  public int uncancel() {
    checkLoop("uncancel");
    if (cancelRequests > 0) {
      cancelRequests--;
      if (cancelRequests == 0 && !done()) {
        // asyncio 3.13: at zero, a cancel that has not reached the task yet is taken back.
        scope.uncancel();
      }
    }
    return cancelRequests;
  }

  /** {@return the task's name} */
  public String getName() {
    return name;
  }

  /**
   * Renames the task (the weft task's thread keeps its first name).
   *
   * @param name the new name
   */
  public void setName(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /** {@return the weft task that runs the function; empty before it starts} */
  public Optional<dev.weft.lowlevel.Task> weftTask() {
    return Optional.ofNullable(task);
  }

  /** {@return the task whose function the calling thread is running, if any} */
  static Optional<AsyncTask<?>> current() {
    return CURRENT.isBound() ? Optional.of(CURRENT.get()) : Optional.empty();
  }

  @Override
  String describe() {
    return "Task[" + name + "]";
  }

  // ---- the task's body

  private Object body() {
    // A loop task's exception stays in the task until someone reads it; the loop reports it at
    // close otherwise (DESIGN.md invariant 6). It must not escape: that would crash the loop.
    bodyFailure();
    return null;
  }

  /** Runs the function and records its outcome; returns the failure (not cancellation), if any. */
  private Throwable bodyFailure() {
    if (task == null) {
      task = Scheduling.currentTask();
    }
    Object[] value = new Object[1];
    boolean[] returned = new boolean[1];
    Throwable failure = null;
    try {
      scope.run(
          () -> {
            // A task cancelled before it started never runs its function, as in asyncio.
            Scheduling.checkpointIfCancelled();
            value[0] = ScopedValue.where(CURRENT, this).call(function::await);
            // A cancel requested before the function returned, with no checkpoint since (the
            // task cancelled itself, or was cancelled just after it was woken): asyncio's task
            // step then ends the task cancelled instead of done (its _must_cancel), so do we.
            Scheduling.checkpointIfCancelled();
            returned[0] = true;
          });
    } catch (CancelledError e) {
      // Not this task's own request (that one the scope catches): an outer scope, the loop
      // closing, or a cancelled future it awaited. As in asyncio, the task ends cancelled; the
      // weft task ends right here, so swallowing the error cannot hide a level-triggered cancel.
      // Unless a failure rode on it (a close() that failed while it unwound): in asyncio that
      // failure replaces the CancelledError, and the task fails with it.
      failure = failureCarriedBy(e);
      if (failure == null) {
        loopState.liveTasks.remove(this);
        finishCancelled(messageOf(e));
        return null;
      }
    } catch (Throwable t) {
      failure = t;
    }
    loopState.liveTasks.remove(this);
    if (failure != null) {
      setException(failure);
    } else if (returned[0]) {
      @SuppressWarnings("unchecked")
      T v = (T) value[0];
      setResult(v);
    } else {
      // The scope caught the cancellation it caused: the task ends cancelled.
      finishCancelled(scope.cancelReason().orElse(null));
    }
    return failure;
  }

  /** {@return the failures attached to {@code e} that are not cancellations, or null for none} */
  private static Throwable failureCarriedBy(CancelledError e) {
    List<Throwable> carried = new ArrayList<>(0);
    for (Throwable s : e.getSuppressed()) {
      if (!(s instanceof CancelledError)) {
        carried.add(s);
      }
    }
    return carried.isEmpty()
        ? null
        : carried.size() == 1 ? carried.get(0) : new CompositeException(carried);
  }
}
