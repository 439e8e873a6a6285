package dev.weft.channel;

/**
 * Thrown by a receive on a channel that has ended: every send end has been closed and every
 * value sent has been received. Trio's {@code EndOfChannel}.
 *
 * <p>It is the normal end of a stream of values, not a failure: a {@code for} loop over a {@link
 * ReceiveChannel} stops cleanly instead of throwing it. Receiving again after the end throws it
 * again.
 */
public final class EndOfChannelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which operation found the channel ended
   */
  public EndOfChannelException(String message) {
    super(message);
  }
}
