package dev.weft.internal.core;

/** A timer that runs a callback: {@code EventLoop.callAt}'s handle, a cancel scope's deadline. */
final class CallbackTimer extends Timer {
  // immutable state
  private final Runnable action;

  CallbackTimer(TimerQueue queue, double deadline, Runnable action) {
    super(queue, deadline);
    this.action = action;
  }

  @Override
  void fire() {
    action.run();
  }
}
