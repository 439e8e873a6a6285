package dev.weft.lowlevel;

/** The real clock: {@link System#nanoTime()} in seconds. */
enum SystemClock implements Clock {
  INSTANCE;

  @Override
  public double currentTime() {
    return System.nanoTime() / 1e9;
  }

  @Override
  public double deadlineToSleepTime(double deadline) {
    return deadline - currentTime();
  }

  @Override
  public String toString() {
    return "SystemClock";
  }
}
