package dev.weft.lowlevel;

import dev.weft.Block;
import dev.weft.Checkpoint;
import dev.weft.internal.core.Core;
import java.time.Duration;
import java.util.List;

/**
 * The low-level scheduling protocol that every weft primitive is built on: park the current task
 * with an abort function, and later reschedule it with a value or an error.
 *
 * <p>This is {@code trio.lowlevel} in Java: it is for extending the runtime (writing a new
 * primitive, bridging another event source), not for daily use. A primitive keeps its waiters in
 * its own (loop-confined) state, parks the waiting task with {@link
 * #waitTaskRescheduled(AbortFunction)}, and wakes it with {@link #reschedule(Task, Object)}; it
 * never needs locks, because a loop runs one task at a time.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * // A one-shot gate, in a few lines.
 * final class Gate {
 *   private final List<Task> waiters = new ArrayList<>();
 *   private boolean open;
 *
 *   void await() {
 *     Scheduling.checkpointIfCancelled();
 *     if (open) { Scheduling.cancelShieldedCheckpoint(); return; }
 *     Task me = Weft.currentTask();
 *     waiters.add(me);
 *     Scheduling.waitTaskRescheduled(cancel -> { waiters.remove(me); return Abort.SUCCEEDED; });
 *   }
 *
 *   void open() {
 *     open = true;
 *     for (Task t : waiters) Scheduling.reschedule(t, null);
 *     waiters.clear();
 *   }
 * }
 * }
 *
 * <h2>Thread rules</h2>
 *
 * Every method here must be called from a task of a running loop (or, for {@code reschedule},
 * from the loop thread in a {@link RunToken#runSyncSoon} callback); otherwise it throws {@link
 * IllegalStateException} naming the right way in.
 */
public final class Scheduling {
  private Scheduling() {}

  /**
   * Parks the current task until some other code calls {@link #reschedule} on it, and returns
   * the value it was rescheduled with (or throws the error).
   *
   * <p>This method is a checkpoint in the sense that other tasks run while it waits, but it does
   * not check for cancellation first: if the task is in a cancelled scope, the abort function is
   * called right after the task parks. If a cancellation arrives while parked, {@code abort} is
   * called on the loop thread; if it returns {@link Abort#SUCCEEDED} the task is woken with a
   * {@link dev.weft.cancel.CancelledError}.
   *
   * @param <T> the type of value the waker passes
   * @param abort what to do on cancellation
   * @return the value passed to {@link #reschedule}
   * @throws dev.weft.cancel.CancelledError if cancelled and the abort succeeded
   * @throws IllegalStateException if not called from a task
   */
  @Checkpoint
  @SuppressWarnings("unchecked")
  public static <T> T waitTaskRescheduled(AbortFunction abort) {
    return (T) Core.park(abort);
  }

  /**
   * Makes a parked task runnable again; its {@link #waitTaskRescheduled} call returns {@code
   * value}. Never blocks and is not a checkpoint.
   *
   * @param task the parked task
   * @param value what its wait returns (may be null)
   * @throws IllegalStateException if the task is not parked or was already rescheduled, or if
   *     called from outside the task's loop
   */
  public static void reschedule(Task task, Object value) {
    Core.reschedule(task, value, null);
  }

  /**
   * Makes a parked task runnable again; its {@link #waitTaskRescheduled} call throws {@code
   * error}. Never blocks and is not a checkpoint.
   *
   * @param task the parked task
   * @param error what its wait throws
   * @throws IllegalStateException if the task is not parked or was already rescheduled, or if
   *     called from outside the task's loop
   */
  public static void rescheduleWithError(Task task, Throwable error) {
    Core.reschedule(task, null, java.util.Objects.requireNonNull(error, "error"));
  }

  /**
   * A cancel point that is not a schedule point: throws {@link dev.weft.cancel.CancelledError}
   * if the current task is in a cancelled scope, and otherwise returns at once without letting
   * other tasks run.
   */
  public static void checkpointIfCancelled() {
    Core.checkpointIfCancelled();
  }

  /**
   * A schedule point that is not a cancel point, at which the scheduler applies its policy; it
   * never throws {@link dev.weft.cancel.CancelledError}, even inside a cancelled scope.
   *
   * <p>The policy is a cooperative budget (DESIGN.md, invariant 3): the task may pass a bounded
   * number of schedule points ({@code RunConfig.schedulingBudget()}, 128 by default) after the
   * loop last resumed it without yielding; once they are used up, this call yields to the loop,
   * which runs every other runnable task (and expires timers and polls I/O) before resuming this
   * one. It also yields, whatever budget is left, while two or more other tasks or callbacks wait
   * to run (ADR 0011): the budget lets a task run ahead of one partner it hands values to, not of
   * a crowd. So a task that loops over operations that never block still lets every other
   * runnable task run at least once every budget's worth of schedule points. The count is of
   * calls, not time, so runs under a mock clock stay deterministic. Primitives call this after a
   * successful non-blocking attempt, following {@link #checkpointIfCancelled()} (Trio's
   * pattern); {@link dev.weft.Weft#checkpoint()} is the call that always yields.
   */
  public static void cancelShieldedCheckpoint() {
    Core.cancelShieldedCheckpoint();
  }

  /**
   * Waits until every other task of the loop is blocked and has been for {@code cushion} (on the
   * real clock), then returns. With several waiters, those with the smallest cushion wake first.
   * It is the synchronisation tool for tests: "wait until everything has settled".
   *
   * <p>This method is a checkpoint.
   *
   * @param cushion how long everything must have been blocked; {@link Duration#ZERO} is usual
   * @throws IllegalArgumentException if the cushion is negative
   */
  @Checkpoint
  public static void awaitAllTasksBlocked(Duration cushion) {
    Core.awaitAllTasksBlocked(cushion);
  }

  /**
   * {@return the current task}
   *
   * @throws IllegalStateException if not called from a task
   */
  public static Task currentTask() {
    return Core.currentTask("Scheduling.currentTask");
  }

  /** {@return the main task of the current run (the one {@code Weft.run} started)} */
  public static Task currentRootTask() {
    return Core.currentRootTask();
  }

  /** {@return every task of the current run that has not finished, in tree order} */
  public static List<Task> allTasks() {
    return Core.allTasks();
  }

  /** {@return a snapshot of the current loop's state} Not a checkpoint. */
  public static RunStatistics currentStatistics() {
    return Core.currentStatistics();
  }

  /** {@return the clock of the current run} */
  public static Clock currentClock() {
    return Core.currentClock();
  }

  /** {@return the token other threads can use to reach the current loop} */
  public static RunToken currentRunToken() {
    return Core.currentRunToken();
  }

  /**
   * {@return a new {@link dev.weft.cancel.CancelledError}} for a primitive that must report that
   * what its task waited for was cancelled by someone else (asyncio's cancelled futures). It is
   * not tied to any cancel scope, so no scope catches it as its own. Not a checkpoint. Never the
   * way to cancel: that is {@link dev.weft.cancel.CancelScope#cancel()}.
   *
   * @param reason its message, or null for "cancelled"
   */
  public static dev.weft.cancel.CancelledError newCancelledError(String reason) {
    return Core.newCancelledError(reason);
  }

  /**
   * Starts a system task: a task that belongs to the run rather than to a nursery of the caller.
   * System tasks are cancelled when the main task ends, and the run waits for them. If one fails,
   * the run crashes: everything is cancelled and {@code Weft.run} throws. It first runs in the
   * loop's next iteration. Not a checkpoint.
   *
   * <p>It may be called from a task or from a loop callback ({@link RunToken#runSyncSoon}, {@link
   * EventLoop#callAt}); it is the same operation as {@link EventLoop#spawn}.
   *
   * @param fn the task's body
   * @param name the task's name, or null for "task-N"
   * @return the new task
   * @throws IllegalStateException if called outside a running loop, or if the run is already
   *     shutting down
   */
  public static Task spawnSystemTask(Block fn, String name) {
    return Core.spawnSystemTask(fn, name);
  }
}
