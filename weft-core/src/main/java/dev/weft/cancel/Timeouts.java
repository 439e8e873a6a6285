package dev.weft.cancel;

import dev.weft.Block;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Timeouts built on {@link CancelScope}: give up on a block quietly ({@code moveOn*}) or with an
 * exception ({@code fail*}).
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * // Trio: with trio.move_on_after(5): ...
 * Timeouts.moveOnAfter(Duration.ofSeconds(5), () -> {
 *   var result = fetch();
 *   System.out.println("result is " + result);
 * });
 * System.out.println("with block finished");
 *
 * Optional<String> r = Timeouts.moveOnAfter(Duration.ofSeconds(5), () -> fetch());
 * String s = Timeouts.failAfter(Duration.ofSeconds(5), () -> fetch()); // or TooSlowException
 * }
 *
 * Java picks the {@code Callable} overload for a lambda that returns a value and the {@code Block}
 * overload for one that does not. To move the deadline or shield from inside the body, make the
 * scope yourself with {@link CancelScope#withRelativeDeadline} and run it.
 *
 * <h2>Thread rules</h2>
 *
 * Every method must be called from a weft task.
 */
public final class Timeouts {
  private Timeouts() {}

  /**
   * Runs {@code body}, cancelling it if it is still running {@code delay} from now.
   *
   * @param delay how long the body may run
   * @param body the body
   * @return the scope, so the caller can check {@link CancelScope#cancelledCaught()}
   * @throws Exception what the body threw, other than the cancellation this timeout caused
   */
  public static CancelScope moveOnAfter(Duration delay, Block body) throws Exception {
    CancelScope s = after(delay, "moveOnAfter");
    s.run(body);
    return s;
  }

  /**
   * Runs {@code body}, cancelling it if it is still running {@code delay} from now.
   *
   * @param <T> the result type
   * @param delay how long the body may run
   * @param body the body
   * @return the body's value, or empty if the timeout cancelled it
   * @throws Exception what the body threw, other than the cancellation this timeout caused
   */
  public static <T> Optional<T> moveOnAfter(Duration delay, Callable<T> body) throws Exception {
    return after(delay, "moveOnAfter").run(body);
  }

  /**
   * Runs {@code body}, cancelling it if it is still running when the clock reaches {@code
   * deadline}.
   *
   * @param deadline a time on the loop's clock
   * @param body the body
   * @return the scope
   * @throws Exception what the body threw, other than the cancellation this timeout caused
   */
  public static CancelScope moveOnAt(double deadline, Block body) throws Exception {
    CancelScope s = at(deadline, "moveOnAt");
    s.run(body);
    return s;
  }

  /**
   * Runs {@code body}, cancelling it if it is still running when the clock reaches {@code
   * deadline}.
   *
   * @param <T> the result type
   * @param deadline a time on the loop's clock
   * @param body the body
   * @return the body's value, or empty if the timeout cancelled it
   * @throws Exception what the body threw, other than the cancellation this timeout caused
   */
  public static <T> Optional<T> moveOnAt(double deadline, Callable<T> body) throws Exception {
    return at(deadline, "moveOnAt").run(body);
  }

  /**
   * Runs {@code body}, and throws {@link TooSlowException} if it is still running {@code delay}
   * from now (it is cancelled first, and has finished when the exception is thrown).
   *
   * @param delay how long the body may run
   * @param body the body
   * @throws TooSlowException if the timeout expired
   * @throws Exception what the body threw
   */
  public static void failAfter(Duration delay, Block body) throws Exception {
    CancelScope s = after(delay, "failAfter");
    s.run(body);
    checkCaught(s, "failAfter", delay);
  }

  /**
   * Runs {@code body} and returns its value, or throws {@link TooSlowException} if it is still
   * running {@code delay} from now.
   *
   * @param <T> the result type
   * @param delay how long the body may run
   * @param body the body
   * @return the body's value
   * @throws TooSlowException if the timeout expired
   * @throws Exception what the body threw
   */
  public static <T> T failAfter(Duration delay, Callable<T> body) throws Exception {
    CancelScope s = after(delay, "failAfter");
    Optional<T> r = s.run(body);
    checkCaught(s, "failAfter", delay);
    return r.orElse(null);
  }

  /**
   * Runs {@code body}, and throws {@link TooSlowException} if it is still running when the clock
   * reaches {@code deadline}.
   *
   * @param deadline a time on the loop's clock
   * @param body the body
   * @throws TooSlowException if the deadline passed
   * @throws Exception what the body threw
   */
  public static void failAt(double deadline, Block body) throws Exception {
    CancelScope s = at(deadline, "failAt");
    s.run(body);
    checkCaught(s, "failAt", deadline);
  }

  /**
   * Runs {@code body} and returns its value, or throws {@link TooSlowException} if it is still
   * running when the clock reaches {@code deadline}.
   *
   * @param <T> the result type
   * @param deadline a time on the loop's clock
   * @param body the body
   * @return the body's value
   * @throws TooSlowException if the deadline passed
   * @throws Exception what the body threw
   */
  public static <T> T failAt(double deadline, Callable<T> body) throws Exception {
    CancelScope s = at(deadline, "failAt");
    Optional<T> r = s.run(body);
    checkCaught(s, "failAt", deadline);
    return r.orElse(null);
  }

  /** A scope whose deadline is {@code delay} after entry, named for messages. */
  private static CancelScope after(Duration delay, String method) {
    return CancelScope.withRelativeDeadline(checkDelay(delay, method))
        .labelled("Timeouts." + method + "(" + delay + ")");
  }

  /** A scope with an absolute deadline, named for messages. */
  private static CancelScope at(double deadline, String method) {
    return CancelScope.withDeadline(deadline).labelled("Timeouts." + method + "(" + deadline + ")");
  }

  // ---- with Trio's shield option: the body is shielded from outer cancellation, and the timeout
  // itself still applies (Trio's move_on_after(..., shield=True) and friends)

  /**
   * {@link #moveOnAfter(Duration, Block)} with Trio's {@code shield} option.
   *
   * @param delay how long the body may run
   * @param shield whether cancellation of outer scopes is kept from the body
   * @param body the body
   * @return the scope
   * @throws Exception what the body threw, other than the cancellation this timeout caused
   */
  public static CancelScope moveOnAfter(Duration delay, boolean shield, Block body)
      throws Exception {
    CancelScope s = shielded(after(delay, "moveOnAfter"), shield);
    s.run(body);
    return s;
  }

  /**
   * {@link #moveOnAfter(Duration, Callable)} with Trio's {@code shield} option.
   *
   * @param <T> the result type
   * @param delay how long the body may run
   * @param shield whether cancellation of outer scopes is kept from the body
   * @param body the body
   * @return the body's value, or empty if the timeout cancelled it
   * @throws Exception what the body threw, other than the cancellation this timeout caused
   */
  public static <T> Optional<T> moveOnAfter(Duration delay, boolean shield, Callable<T> body)
      throws Exception {
    return shielded(after(delay, "moveOnAfter"), shield).run(body);
  }

  /**
   * {@link #moveOnAt(double, Block)} with Trio's {@code shield} option.
   *
   * @param deadline a time on the loop's clock
   * @param shield whether cancellation of outer scopes is kept from the body
   * @param body the body
   * @return the scope
   * @throws Exception what the body threw, other than the cancellation this timeout caused
   */
  public static CancelScope moveOnAt(double deadline, boolean shield, Block body)
      throws Exception {
    CancelScope s = shielded(at(deadline, "moveOnAt"), shield);
    s.run(body);
    return s;
  }

  /**
   * {@link #moveOnAt(double, Callable)} with Trio's {@code shield} option.
   *
   * @param <T> the result type
   * @param deadline a time on the loop's clock
   * @param shield whether cancellation of outer scopes is kept from the body
   * @param body the body
   * @return the body's value, or empty if the timeout cancelled it
   * @throws Exception what the body threw, other than the cancellation this timeout caused
   */
  public static <T> Optional<T> moveOnAt(double deadline, boolean shield, Callable<T> body)
      throws Exception {
    return shielded(at(deadline, "moveOnAt"), shield).run(body);
  }

  /**
   * {@link #failAfter(Duration, Block)} with Trio's {@code shield} option.
   *
   * @param delay how long the body may run
   * @param shield whether cancellation of outer scopes is kept from the body
   * @param body the body
   * @throws TooSlowException if the timeout expired
   * @throws Exception what the body threw
   */
  public static void failAfter(Duration delay, boolean shield, Block body) throws Exception {
    CancelScope s = shielded(after(delay, "failAfter"), shield);
    s.run(body);
    checkCaught(s, "failAfter", delay);
  }

  /**
   * {@link #failAfter(Duration, Callable)} with Trio's {@code shield} option.
   *
   * @param <T> the result type
   * @param delay how long the body may run
   * @param shield whether cancellation of outer scopes is kept from the body
   * @param body the body
   * @return the body's value
   * @throws TooSlowException if the timeout expired
   * @throws Exception what the body threw
   */
  public static <T> T failAfter(Duration delay, boolean shield, Callable<T> body)
      throws Exception {
    CancelScope s = shielded(after(delay, "failAfter"), shield);
    Optional<T> r = s.run(body);
    checkCaught(s, "failAfter", delay);
    return r.orElse(null);
  }

  /**
   * {@link #failAt(double, Block)} with Trio's {@code shield} option.
   *
   * @param deadline a time on the loop's clock
   * @param shield whether cancellation of outer scopes is kept from the body
   * @param body the body
   * @throws TooSlowException if the deadline passed
   * @throws Exception what the body threw
   */
  public static void failAt(double deadline, boolean shield, Block body) throws Exception {
    CancelScope s = shielded(at(deadline, "failAt"), shield);
    s.run(body);
    checkCaught(s, "failAt", deadline);
  }

  /**
   * {@link #failAt(double, Callable)} with Trio's {@code shield} option.
   *
   * @param <T> the result type
   * @param deadline a time on the loop's clock
   * @param shield whether cancellation of outer scopes is kept from the body
   * @param body the body
   * @return the body's value
   * @throws TooSlowException if the deadline passed
   * @throws Exception what the body threw
   */
  public static <T> T failAt(double deadline, boolean shield, Callable<T> body) throws Exception {
    CancelScope s = shielded(at(deadline, "failAt"), shield);
    Optional<T> r = s.run(body);
    checkCaught(s, "failAt", deadline);
    return r.orElse(null);
  }

  private static CancelScope shielded(CancelScope s, boolean shield) {
    s.setShield(shield);
    return s;
  }

  private static Duration checkDelay(Duration delay, String method) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException(
          "Timeouts." + method + ": the delay cannot be negative (" + delay + "); use "
              + "Duration.ZERO to give up at the first checkpoint");
    }
    return delay;
  }

  private static void checkCaught(CancelScope s, String method, Object limit)
      throws TooSlowException {
    if (s.cancelledCaught()) {
      throw new TooSlowException(
          "Timeouts." + method + ": the block did not finish within its time limit (" + limit + ")");
    }
  }
}
