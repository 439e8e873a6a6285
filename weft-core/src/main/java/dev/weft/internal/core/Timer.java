package dev.weft.internal.core;

import dev.weft.lowlevel.TimerHandle;

/**
 * One entry of a loop's timer queue: an action to run on the loop thread once the clock reaches
 * {@code deadline}.
 */
public final class Timer implements TimerHandle {
  // immutable state
  final double deadline;
  final long seq;
  final Runnable action;
  private final TimerQueue queue;

  // mutable state
  /** Set once the timer has left the queue's live set: cancelled or fired. */
  boolean cancelled;

  private boolean cancelledByUser;

  Timer(TimerQueue queue, double deadline, long seq, Runnable action) {
    this.queue = queue;
    this.deadline = deadline;
    this.seq = seq;
    this.action = action;
  }

  /** {@return the clock time at which this timer fires} */
  public double deadline() {
    return deadline;
  }

  @Override
  public void cancel() {
    if (!cancelled) {
      cancelledByUser = true;
      queue.cancel(this);
    }
  }

  @Override
  public boolean isCancelled() {
    return cancelledByUser;
  }

  @Override
  public double when() {
    return deadline;
  }

  @Override
  public String toString() {
    return "Timer[when=" + deadline + (cancelledByUser ? ", cancelled" : "") + "]";
  }
}
