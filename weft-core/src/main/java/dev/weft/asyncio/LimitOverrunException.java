package dev.weft.asyncio;

/**
 * Thrown by {@link StreamReader#readuntil} and {@link StreamReader#readline} when the separator is
 * not found within the reader's limit: asyncio's {@code LimitOverrunError}. {@code readuntil}
 * leaves the bytes in the reader; {@code readline} drops them (through the separator, if it was
 * found), as asyncio's does.
 */
public final class LimitOverrunException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** How many bytes had to be consumed. */
  private final int consumed;

  /**
   * Creates the exception.
   *
   * @param message what overran
   * @param consumed how many bytes had to be consumed
   */
  public LimitOverrunException(String message, int consumed) {
    super(message);
    this.consumed = consumed;
  }

  /** {@return how many bytes had to be consumed (asyncio's {@code consumed})} */
  public int consumed() {
    return consumed;
  }
}
