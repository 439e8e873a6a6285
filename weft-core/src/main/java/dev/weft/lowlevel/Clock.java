package dev.weft.lowlevel;

import java.time.Duration;
import java.util.Objects;

/**
 * The source of time for a loop: a monotonic clock in seconds, with an arbitrary origin.
 *
 * <p>weft's times are {@code double} seconds on the loop's clock, as in Trio and asyncio: {@code
 * Weft.currentTime()} reads it, and deadlines are points on it. A run uses {@link #system()}
 * unless it is given another clock (weft-testing's {@code MockClock} is one).
 *
 * @implSpec Methods are called on the loop's thread only. {@link #currentTime()} must never go
 *     backwards.
 */
public interface Clock {
  /** Called once when a run starts using this clock, before any other method. */
  default void startClock() {}

  /** {@return the current time, in seconds} */
  double currentTime();

  /**
   * {@return how many real seconds the loop should wait for the clock to reach {@code deadline}}
   *
   * @param deadline a point on this clock, always finite
   */
  double deadlineToSleepTime(double deadline);

  /**
   * {@return how many real seconds every task must have been blocked before the loop calls
   * {@link #autojump(double)}; +infinity (the default) disables autojumping}
   */
  default double autojumpThreshold() {
    return Double.POSITIVE_INFINITY;
  }

  /**
   * Called when every task has been blocked for {@link #autojumpThreshold()} seconds and a timer
   * is pending: a virtual clock advances to {@code deadline}.
   *
   * @param deadline the earliest pending timer, always finite
   */
  default void autojump(double deadline) {}

  /**
   * {@return {@code duration} in seconds, the unit of every time on a clock} It never overflows:
   * a {@code Duration} of any length, even {@code ChronoUnit.FOREVER.getDuration()}, converts
   * (unlike {@link Duration#toNanos()}, which throws past about 292 years); far past the age of
   * the universe the result only loses precision, which is fine for "never".
   *
   * @param duration the duration, which may be negative
   * @throws NullPointerException if {@code duration} is null
   */
  static double toSeconds(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    return duration.getSeconds() + duration.getNano() / 1e9;
  }

  /** {@return the real monotonic clock ({@link System#nanoTime()} in seconds)} */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
