package dev.weft.asyncio;

import dev.weft.Nursery;
import java.util.Objects;

/**
 * asyncio's {@code TaskGroup} (Python 3.11), as a thin face over a {@link Nursery}: its tasks are
 * {@link AsyncTask}s, so they have results and can be awaited and cancelled one by one.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * TaskGroup.open(tg -> {
 *   AsyncTask<String> a = tg.createTask(() -> fetch("a"));
 *   AsyncTask<String> b = tg.createTask(() -> fetch("b"));
 * });
 * // here both are done
 * }
 *
 * <h2>Failures and cancellation</h2>
 *
 * The nursery's rules: {@code open} returns when the body and every task have ended. The first
 * task (or body) that fails cancels the others; the failure is rethrown as itself, several as one
 * {@link dev.weft.CompositeException} (asyncio raises an {@code ExceptionGroup}). A task cancelled
 * on its own ({@link AsyncTask#cancel}) ends cancelled and does not affect the group.
 */
public final class TaskGroup {
  /** The body of a task group. */
  @FunctionalInterface
  public interface Body {
    /**
     * Runs with the group open.
     *
     * @param group the group, for starting tasks
     * @throws Exception anything; it cancels the group's tasks and is rethrown by {@code open}
     */
    void run(TaskGroup group) throws Exception;
  }

  // immutable state
  private final Nursery nursery;
  private final LoopState state;

  private TaskGroup(Nursery nursery, LoopState state) {
    this.nursery = nursery;
    this.state = state;
  }

  /**
   * Opens a group, runs {@code body} with it, and waits for every task started in it. Like {@link
   * Nursery#open}, it is not itself a checkpoint: waiting for the tasks is.
   *
   * @param body the body
   * @throws Exception the failure of the body or a task, as itself, or a {@code
   *     CompositeException} of several
   * @throws IllegalStateException if not called from a task of a running loop
   */
  public static void open(Body body) throws Exception {
    Objects.requireNonNull(body, "body");
    LoopState state = LoopState.current("TaskGroup.open");
    Nursery.open(n -> body.run(new TaskGroup(n, state)));
  }

  /**
   * Starts {@code function} as a task of this group (it first runs at the next checkpoint).
   *
   * @param <T> the result type
   * @param function what the task runs
   * @return the task
   * @throws IllegalStateException if the group has ended
   */
  public <T> AsyncTask<T> createTask(Awaitable<T> function) {
    return createTask(function, null);
  }

  /**
   * Starts a named task in this group.
   *
   * @param <T> the result type
   * @param function what the task runs
   * @param name the task's name, or null for "task-N"
   * @return the task
   * @throws IllegalStateException if the group has finished, or is shutting down because a task
   *     failed or the group was cancelled
   */
  public <T> AsyncTask<T> createTask(Awaitable<T> function, String name) {
    Objects.requireNonNull(function, "function");
    // asyncio's rules: a group that has finished, or is shutting down because a task failed or
    // the group was cancelled, takes no new tasks (the function never runs).
    if (nursery.isClosed()) {
      throw new IllegalStateException(
          "TaskGroup.createTask: the TaskGroup is finished; create tasks inside its open() block");
    }
    if (nursery.cancelScope().cancelCalled()) {
      throw new IllegalStateException(
          "TaskGroup.createTask: the TaskGroup is shutting down (a task failed or the group was "
              + "cancelled); the new task would be cancelled at once, so it is not started");
    }
    return new AsyncTask<T>(state, function, name).startIn(nursery);
  }

  /** {@return the nursery underneath, for Trio-style calls (start, cancelScope)} */
  public Nursery nursery() {
    return nursery;
  }
}
