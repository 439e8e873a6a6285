package dev.weft.thread;

import dev.weft.Checkpoint;
import dev.weft.lowlevel.Abort;
import dev.weft.lowlevel.RunToken;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.Task;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * The bridges between weft's loops and {@link CompletionStage}s: waiting for a stage from a task,
 * delivering a stage's outcome to a loop, and a {@link CompletableFuture} for other threads whose
 * cancellation reaches the loop.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * HttpResponse<String> r = CompletionStages.await(client.sendAsync(request, ofString()));
 * }
 *
 * <h2>Cancellation</h2>
 *
 * A task cancelled while it waits in {@link #await} stops waiting at once and cancels the stage
 * where it can ({@link #cancel}); the stage's own work may still run to its end on its thread.
 *
 * <h2>Thread rules</h2>
 *
 * {@link #await} is for tasks. {@link #whenCompleteOnLoop} and {@link #newCompletableFuture} may
 * be called from any thread that holds the loop's {@link RunToken}; their callbacks run on the loop
 * thread, outside any task.
 */
public final class CompletionStages {
  private CompletionStages() {}

  /*
   * Implementation notes.
   *
   * Every completion crosses into the loop through RunToken.tryRunSyncSoon, so the parked task is
   * rescheduled on the loop thread, as the park/reschedule protocol requires, and a stage that
   * completes after its loop has finished is simply dropped (nothing can be waiting for it then:
   * a waiting task keeps its loop alive). The wait and its abort function share one flag, touched
   * only on the loop thread, so that a completion after a successful abort does not reschedule the
   * task a second time.
   */

  /**
   * Waits for {@code stage} to complete and returns its value, or throws its failure (unwrapped
   * from {@link CompletionException}; a cancelled stage throws its {@link CancellationException}).
   * If the waiting task is cancelled, the stage is cancelled where it can be and the task's
   * {@link dev.weft.cancel.CancelledError} is thrown.
   *
   * <p>This method is a checkpoint, also when the stage is already complete.
   *
   * @param <T> the result type
   * @param stage a stage completed by any thread
   * @return its value
   * @throws Exception the stage's failure
   * @throws IllegalStateException if not called from a weft task
   */
  @Checkpoint
  @SuppressWarnings("unchecked")
  public static <T> T await(CompletionStage<T> stage) throws Exception {
    Objects.requireNonNull(stage, "stage");
    Task me = Scheduling.currentTask();
    RunToken loop = Scheduling.currentRunToken();
    boolean[] aborted = new boolean[1];
    stage.whenComplete(
        (v, e) ->
            loop.tryRunSyncSoon(
                () -> {
                  if (aborted[0]) {
                    return; // the task stopped waiting when it was cancelled
                  }
                  Throwable cause = unwrap(e);
                  if (cause != null) {
                    Scheduling.rescheduleWithError(me, cause);
                  } else {
                    Scheduling.reschedule(me, v);
                  }
                }));
    return (T)
        Scheduling.waitTaskRescheduled(
            cancel -> {
              aborted[0] = true;
              CompletionStages.cancel(stage);
              return Abort.SUCCEEDED;
            });
  }

  /**
   * Runs {@code action} on the loop thread, outside any task, once {@code stage} completes: with
   * its value, or with its failure unwrapped from {@link CompletionException}. If the loop has
   * finished by then, the action never runs. Never blocks.
   *
   * <p>The action should not throw: like every loop callback, an exception from it crashes the
   * loop.
   *
   * @param <T> the result type
   * @param stage a stage completed by any thread
   * @param loop the loop to run the action in
   * @param action what to do with the value (and null) or the failure (and a null value)
   */
  public static <T> void whenCompleteOnLoop(
      CompletionStage<T> stage, RunToken loop, BiConsumer<? super T, ? super Throwable> action) {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(action, "action");
    stage.whenComplete((v, e) -> loop.tryRunSyncSoon(() -> action.accept(v, unwrap(e))));
  }

  /**
   * {@return a new, incomplete {@link CompletableFuture} for other threads}, whose cancellation
   * (from any thread) runs {@code onCancel} on the loop thread, if the loop has not finished.
   * Completing it is the caller's business.
   *
   * @param <T> the result type
   * @param loop the loop that owns what the future stands for
   * @param onCancel what to run in the loop when the future is cancelled
   */
  public static <T> CompletableFuture<T> newCompletableFuture(RunToken loop, Runnable onCancel) {
    Objects.requireNonNull(loop, "loop");
    Objects.requireNonNull(onCancel, "onCancel");
    CompletableFuture<T> cf = new CompletableFuture<>();
    cf.whenComplete(
        (v, e) -> {
          if (e instanceof CancellationException) {
            // If the loop has finished, what the future stood for has ended with it.
            loop.tryRunSyncSoon(onCancel);
          }
        });
    return cf;
  }

  /**
   * Cancels {@code stage} if it can be cancelled: through {@link CompletableFuture#cancel}, when
   * {@link CompletionStage#toCompletableFuture} is supported. Any thread; never blocks.
   *
   * @param stage the stage
   * @return whether the stage is cancelled now (false if it was already complete, or cannot be
   *     cancelled)
   */
  public static boolean cancel(CompletionStage<?> stage) {
    Objects.requireNonNull(stage, "stage");
    try {
      return stage.toCompletableFuture().cancel(false);
    } catch (UnsupportedOperationException cannotCancel) {
      return false; // a stage that is not a CompletableFuture cannot be cancelled; it runs on
    }
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }
}
