package dev.weft.asyncio;

/**
 * Thrown when an {@link AsyncFuture} is asked for something its state does not allow: asyncio's {@code
 * InvalidStateError} (reading the result of a future that is not done, or setting the result of
 * one that is).
 */
public final class InvalidStateException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong and what to do
   */
  public InvalidStateException(String message) {
    super(message);
  }
}
