package dev.weft.internal.core;

import dev.weft.RunHandle;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The runtime's {@link RunHandle}: the thread-safe way into one {@code Weft.run}'s main scope,
 * used by {@code Weft.start} and by the shutdown-signal handling.
 *
 * @param <T> the main task's result type
 */
public final class RunHandleImpl<T> implements RunHandle<T> {
  // immutable state
  private final CountDownLatch ended = new CountDownLatch(1);
  private final AtomicReference<String> cancelReason = new AtomicReference<>();

  // mutable state
  /** The run's loop once it exists; written once by the run's thread. */
  private volatile RunLoop loop;
  /** Written by the run's thread before {@link #ended} opens, read after it. */
  private Object result;
  private Throwable failure;

  /*
   * Implementation notes.
   *
   * cancel() may race with the run's start: it publishes the reason, then reads `loop`; attach()
   * publishes `loop`, then reads the reason. Both are volatile (sequentially consistent), so at
   * least one of them sees the other's write and posts the cancel through the loop's inbox (twice
   * at worst, which is harmless: a scope's cancel is idempotent). The cancel itself runs on the
   * loop thread, like every change of a running loop's state. See RunHandleTest.
   */

  RunHandleImpl() {}

  /** Connects the handle to its run's loop; the run's thread, once, before the loop runs. */
  void attach(RunLoop l) {
    loop = l;
    String reason = cancelReason.get();
    if (reason != null) {
      l.cancelMainFromAnyThread(reason);
    }
  }

  /** Records the outcome and opens {@link #join()}; the run's thread, once, when it has ended. */
  void ended(Object value, Throwable error) {
    result = value;
    failure = error;
    ended.countDown();
  }

  /** {@return the first cancel's reason, or null if the run was not cancelled through here} */
  String cancelReason() {
    return cancelReason.get();
  }

  /**
   * Waits until the run has ended.
   *
   * @param nanos at most this long
   * @return whether it has
   */
  boolean awaitEnded(long nanos) throws InterruptedException {
    return ended.await(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void cancel() {
    cancelWithReason("cancelled by RunHandle.cancel()");
  }

  @Override
  public void cancelWithReason(String reason) {
    Objects.requireNonNull(reason, "reason");
    if (cancelReason.compareAndSet(null, reason)) {
      RunLoop l = loop;
      if (l != null) {
        l.cancelMainFromAnyThread(reason);
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public T join() throws Exception {
    ended.await();
    if (failure != null) {
      throw Sneaky.rethrow(failure);
    }
    return (T) result;
  }

  @Override
  public boolean isDone() {
    return ended.getCount() == 0;
  }

  @Override
  public String toString() {
    String reason = cancelReason.get();
    return "RunHandle["
        + (isDone() ? "done" : "running")
        + (reason != null ? ", cancelled: " + reason : "")
        + "]";
  }
}
