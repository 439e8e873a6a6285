package dev.weft.internal.core;

/**
 * One entry of a loop's timer queue: an action to run on the loop thread once the clock reaches
 * {@code deadline}.
 */
public final class Timer {
  // immutable state
  final double deadline;
  final long seq;
  final Runnable action;

  // mutable state
  boolean cancelled;

  Timer(double deadline, long seq, Runnable action) {
    this.deadline = deadline;
    this.seq = seq;
    this.action = action;
  }

  /** {@return the clock time at which this timer fires} */
  public double deadline() {
    return deadline;
  }
}
