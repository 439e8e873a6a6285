package dev.weft.testing;

import dev.weft.lowlevel.Clock;
import java.time.Duration;

/**
 * A virtual clock for tests: time starts at 0 and moves only when the test says so, or (with
 * autojump) as soon as every task is blocked.
 *
 * <p>This is Trio's {@code MockClock}. With the default {@linkplain #rate() rate} of 0 the clock
 * stands still until {@link #jump} moves it. With an {@linkplain #setAutojumpThreshold
 * autojump threshold} of 0, the loop jumps the clock to the next deadline whenever every task is
 * blocked, so a test of "sleep 6 seconds" finishes at once, and timeouts fire in the same order
 * they would on the real clock. {@code @WeftTest} gives each test an autojumping clock.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * MockClock clock = MockClock.autojumping();
 * Weft.run(c -> c.withClock(clock), () -> {
 *   Weft.sleep(Duration.ofSeconds(6));
 *   assert Weft.currentTime() == 6.0;
 * });
 * }
 *
 * <h2>Thread rules</h2>
 *
 * Use it from the loop it runs in (its tasks), or before the run starts.
 */
public final class MockClock implements Clock {
  // mutable state
  private double rate;
  private double autojumpThreshold = Double.POSITIVE_INFINITY;
  private double virtualBase;
  private long realBase = System.nanoTime();

  /** Creates a clock at time 0 that stands still and never autojumps. */
  public MockClock() {}

  /** {@return a new clock at time 0 that autojumps as soon as every task is blocked} */
  public static MockClock autojumping() {
    MockClock c = new MockClock();
    c.setAutojumpThreshold(Duration.ZERO);
    return c;
  }

  @Override
  public double currentTime() {
    return virtualBase + rate * ((System.nanoTime() - realBase) / 1e9);
  }

  /** {@return how fast virtual time follows real time (0: it stands still)} */
  public double rate() {
    return rate;
  }

  /**
   * Sets how many virtual seconds pass per real second.
   *
   * @param rate 0 or more
   * @throws IllegalArgumentException if negative or NaN
   */
  public void setRate(double rate) {
    if (!(rate >= 0)) {
      throw new IllegalArgumentException("rate must be 0 or more, not " + rate);
    }
    rebase();
    this.rate = rate;
  }

  /**
   * {@return the real seconds every task must have been blocked before the clock autojumps;
   * +infinity when autojumping is off}
   */
  @Override
  public double autojumpThreshold() {
    return autojumpThreshold;
  }

  /**
   * Enables autojumping: when every task has been blocked for {@code threshold} of real time,
   * the clock jumps to the next deadline. {@link Duration#ZERO} jumps at once. The loop picks up
   * the change at its next turn.
   *
   * @param threshold the real time to wait first; null disables autojumping
   * @throws IllegalArgumentException if negative
   */
  public void setAutojumpThreshold(Duration threshold) {
    if (threshold == null) {
      autojumpThreshold = Double.POSITIVE_INFINITY;
      return;
    }
    if (threshold.isNegative()) {
      throw new IllegalArgumentException("the autojump threshold cannot be negative");
    }
    autojumpThreshold = Clock.toSeconds(threshold);
  }

  /**
   * Moves virtual time forward; deadlines that it passes fire at the loop's next turn.
   *
   * @param seconds how far, 0 or more
   * @throws IllegalArgumentException if negative or NaN
   */
  public void jump(double seconds) {
    if (!(seconds >= 0)) {
      throw new IllegalArgumentException("time can only jump forward, not by " + seconds);
    }
    virtualBase += seconds;
  }

  /**
   * Moves virtual time forward.
   *
   * @param d how far
   * @throws IllegalArgumentException if negative
   */
  public void jump(Duration d) {
    jump(Clock.toSeconds(d));
  }

  @Override
  public double deadlineToSleepTime(double deadline) {
    double virtual = deadline - currentTime();
    if (virtual <= 0) {
      return 0;
    }
    return rate > 0 ? virtual / rate : Double.POSITIVE_INFINITY;
  }

  @Override
  public void autojump(double deadline) {
    double now = currentTime();
    if (deadline > now) {
      jump(deadline - now);
    }
  }

  private void rebase() {
    long real = System.nanoTime();
    virtualBase = currentTime();
    realBase = real;
  }

  @Override
  public String toString() {
    return "MockClock[time=" + currentTime() + ", rate=" + rate + ", autojump="
        + (autojumpThreshold == Double.POSITIVE_INFINITY ? "off" : autojumpThreshold + "s") + "]";
  }
}
