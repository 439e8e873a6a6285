package dev.weft;

import dev.weft.cancel.CancelScope;
import dev.weft.internal.core.NurseryImpl;
import dev.weft.lowlevel.Task;
import java.util.List;
import java.util.Optional;

/**
 * A <em>nursery</em>: the scope that concurrent tasks are started in, and that does not end until
 * every one of them has ended.
 *
 * <p>This is Trio's nursery. {@link #open} runs a block with a fresh nursery; tasks started in it
 * run concurrently with the block and with each other, and {@code open} returns only when the
 * block and all the tasks are done. So a task can never outlive the code that started it, and its
 * failure always has somewhere to go.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * Nursery.open(n -> {
 *   n.startSoon(() -> child1(), "child1");
 *   n.startSoon(() -> child2(), "child2");
 * }); // returns after child1 and child2 have finished
 * }
 *
 * <h2>Failures</h2>
 *
 * When the block or a task throws, the nursery records the exception and cancels its {@linkplain
 * #cancelScope() own scope}, so the other tasks and the block are cancelled at their next
 * checkpoint; once all have finished, {@code open} throws. One failure is rethrown as itself (so
 * {@code catch (IOException e)} around {@code open} works); several are thrown as one {@link
 * CompositeException} that holds them all. The {@link dev.weft.cancel.CancelledError}s the
 * nursery's own cancellation caused are not failures and are never reported.
 *
 * <h2>Cancellation</h2>
 *
 * Tasks in the nursery live inside every cancel scope that surrounds {@code open}: cancelling an
 * outer scope cancels them too. {@code cancelScope().cancel()} cancels the block and all the
 * nursery's tasks. While the block has ended and {@code open} waits for the tasks, a cancellation
 * of the waiting task is passed to the tasks instead.
 *
 * <h2>Checkpoints</h2>
 *
 * The end of {@code open} is always a schedule point; it is not a cancel point. {@link
 * #startSoon} is not a checkpoint. {@link #start} is a checkpoint.
 *
 * <h2>Thread rules</h2>
 *
 * A nursery belongs to its loop: its methods must be called from one of that loop's tasks.
 */
public sealed interface Nursery permits NurseryImpl {

  /** The block run with a new nursery by {@link #open}. */
  @FunctionalInterface
  interface Body {
    /**
     * Runs the block.
     *
     * @param nursery the nursery; valid until {@code open} returns
     * @throws Exception anything, which the nursery collects like a task's failure
     */
    void run(Nursery nursery) throws Exception;
  }

  /**
   * The body of a task started with {@link #start}, which must call {@link TaskStatus#started}
   * once it is ready.
   *
   * @param <T> the type of value it reports when ready
   */
  @FunctionalInterface
  interface StartBody<T> {
    /**
     * Runs the task.
     *
     * @param status call {@code status.started(value)} when ready
     * @throws Exception anything; before {@code started} it reaches the caller of {@code start},
     *     after it the nursery
     */
    void run(TaskStatus<T> status) throws Exception;
  }

  /**
   * Runs {@code body} with a new nursery and returns once the body and every task started in the
   * nursery have finished.
   *
   * <p>The end is always a schedule point, never a cancel point.
   *
   * @param body the block; it starts tasks with the nursery it is given
   * @throws Exception the one failure of the block or a task, as itself; a {@link
   *     CompositeException} if several failed; a {@link dev.weft.cancel.CancelledError} if an outer
   *     scope was cancelled
   * @throws IllegalStateException if not called from a weft task
   */
  static void open(Body body) throws Exception {
    NurseryImpl.open(body);
  }

  /**
   * Starts {@code fn} as a new task in this nursery, named "task-N". See {@link
   * #startSoon(Block, String)}.
   *
   * @param fn the task's body
   * @throws IllegalStateException if the nursery is closed or the call comes from another loop or
   *     thread
   */
  void startSoon(Block fn);

  /**
   * Starts {@code fn} as a new task named {@code name}. The task does not run yet: it will run
   * after the caller's next checkpoint, after the tasks that were already runnable. Not a
   * checkpoint and never blocks.
   *
   * @param fn the task's body
   * @param name the task's name (also its thread's name), or null for "task-N" (and an unnamed
   *     thread)
   * @throws IllegalStateException if the nursery is closed (its block ended and its tasks all
   *     finished) or the call comes from another loop or thread
   */
  void startSoon(Block fn, String name);

  /**
   * Starts {@code fn} as a new task and waits until it calls {@link TaskStatus#started(Object)},
   * then returns the value it passed. See {@link #start(StartBody, String)}.
   *
   * <p>This method is a checkpoint.
   *
   * @param <T> the type of the value
   * @param fn the task's body
   * @return the value passed to {@code started}
   * @throws Exception see {@link #start(StartBody, String)}
   */
  @Checkpoint
  <T> T start(StartBody<T> fn) throws Exception;

  /**
   * Starts {@code fn} as a new task and waits until it is ready: it calls {@code
   * status.started(value)}, and {@code start} returns that value. Until then the task runs under
   * the caller (a failure reaches the caller of {@code start}, and cancelling the caller cancels
   * it); from then on it belongs to this nursery. This is how a server says "I am listening"
   * before its caller goes on.
   *
   * <p>This method is a checkpoint.
   *
   * @param <T> the type of the value
   * @param fn the task's body
   * @param name the task's name, or null for "task-N"
   * @return the value passed to {@code started}
   * @throws Exception what the task threw before calling {@code started}
   * @throws IllegalStateException if the task ended without calling {@code started}, if the
   *     nursery is closed, or if called from another loop or thread
   */
  @Checkpoint
  <T> T start(StartBody<T> fn, String name) throws Exception;

  /** {@return the nursery's own cancel scope: cancelling it cancels the block and all tasks} */
  CancelScope cancelScope();

  /** {@return the task that opened this nursery; empty for the run's system nursery} */
  Optional<Task> parentTask();

  /**
   * {@return the tasks running in this nursery now, in start order}
   *
   * @throws IllegalStateException if called from outside the nursery's loop
   */
  List<Task> childTasks();

  /** {@return whether the nursery has closed: its block and all its tasks have finished} */
  boolean isClosed();
}
