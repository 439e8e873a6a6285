package dev.weft;

import java.util.concurrent.CancellationException;

/**
 * A run started with {@link Weft#start(java.util.function.UnaryOperator, java.util.concurrent.Callable)
 * Weft.start}, seen from outside it: cancel it from any thread, wait for its result.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * RunHandle<Void> server = Weft.start(c -> c, () -> { serve(); return null; });
 * // ... later, on any thread (a servlet container's shutdown hook, a test):
 * server.cancel();              // the main task's scope is cancelled; its tasks clean up
 * try {
 *   server.join();              // waits until every task of the run has ended
 * } catch (CancellationException e) {
 *   // the main task ended with the cancellation
 * }
 * }
 *
 * <h2>Thread rules</h2>
 *
 * Every method may be called from any thread: this is the one thread-safe face of a run besides
 * {@link dev.weft.lowlevel.RunToken}. {@link #join()} blocks the calling thread; inside a weft
 * task of another loop it is a plain blocking JDK call (on the fast engine it parks only that
 * task, and a cancel scope around it interrupts it).
 *
 * @param <T> what the main task returns
 */
public sealed interface RunHandle<T> permits dev.weft.internal.core.RunHandleImpl {
  /**
   * Cancels the run: the main task's cancel scope is cancelled, so every task of the run gets
   * {@link dev.weft.cancel.CancelledError} at its next checkpoint, and the run ends when they all
   * have. Idempotent; does nothing once the run has ended; never blocks. Works before the loop
   * has started too: the main task is then cancelled from its start.
   */
  void cancel();

  /**
   * Cancels the run, as {@link #cancel()}, with a reason that becomes the {@link
   * dev.weft.cancel.CancelledError}'s and the {@link CancellationException}'s message. Only the
   * first cancel's reason counts.
   *
   * @param reason why
   * @throws NullPointerException if {@code reason} is null
   */
  void cancelWithReason(String reason);

  /**
   * Waits until every task of the run has ended and returns what the main task returned.
   *
   * @return the main task's result
   * @throws CancellationException if the run was cancelled ({@link #cancel()}, or a shutdown
   *     signal with {@link RunConfig#withCancelOnShutdown}) and the main task ended with that
   *     cancellation
   * @throws InterruptedException if the waiting thread is interrupted (the run goes on)
   * @throws Exception what the main task threw, as itself
   */
  T join() throws Exception;

  /** {@return whether the run has ended: every task has, and {@link #join()} returns at once} */
  boolean isDone();
}
