package dev.weft.internal.core;

import dev.weft.lowlevel.TimerHandle;

/**
 * One entry of a loop's timer queue: something to do on the loop thread once the clock reaches
 * {@code deadline}. A callback's entry is a {@link CallbackTimer}; a sleeping task's is its {@link
 * Sleeper}, which is at the same time the abort function of its park.
 */
public abstract sealed class Timer implements TimerHandle permits CallbackTimer, Sleeper {
  // immutable state
  final double deadline;
  final long seq;
  final TimerQueue queue;

  // mutable state
  /** Set once the timer has left the queue's live set: cancelled or fired. */
  boolean cancelled;

  private boolean cancelledByUser;

  /*
   * Implementation notes.
   *
   * Why subclasses instead of one final class holding a Runnable: a sleeping task's timer used to
   * be a Timer holding a Sleeper (40 + 24 bytes); as one object it is 40. The timers workload
   * (issue 12) parks 100k sleepers at once, and a young collection copies every one of them.
   */

  /**
   * Makes a timer of {@code queue}, not yet in it; it takes its place in the creation order now.
   *
   * @param queue the loop's timer queue
   * @param deadline when it fires
   */
  Timer(TimerQueue queue, double deadline) {
    this.queue = queue;
    this.deadline = deadline;
    this.seq = queue.nextSeq();
  }

  /** Does what the timer is for; the queue calls it once, when the deadline has come. */
  abstract void fire();

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
