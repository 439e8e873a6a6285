package dev.weft.cancel;

import java.util.concurrent.TimeoutException;

/**
 * Thrown by {@link Timeouts#failAfter} and {@link Timeouts#failAt} when the body did not finish
 * before the deadline (Trio's {@code TooSlowError}).
 *
 * <p>It is a {@link TimeoutException}, so code that already handles the JDK's timeouts handles it
 * too.
 */
public final class TooSlowException extends TimeoutException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what timed out
   */
  public TooSlowException(String message) {
    super(message);
  }
}
