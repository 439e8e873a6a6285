package dev.weft.asyncio;

import java.util.OptionalInt;

/**
 * Thrown by {@link StreamReader#readexactly} and {@link StreamReader#readuntil} when the stream
 * ends first: asyncio's {@code IncompleteReadError}. It carries the bytes that did arrive, which
 * the reader no longer holds.
 */
public final class IncompleteReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The bytes read before the end of the stream. */
  final byte[] partial;

  /** How many bytes were wanted; -1 for "up to a separator". */
  private final int expected;

  /**
   * Creates the exception.
   *
   * @param partial the bytes read before the end (kept, not copied)
   * @param expected how many were wanted, or -1 for "up to a separator"
   */
  public IncompleteReadException(byte[] partial, int expected) {
    super(
        partial.length + " bytes read on a total of "
            + (expected < 0 ? "undefined" : String.valueOf(expected))
            + " expected bytes: the stream ended first");
    this.partial = partial;
    this.expected = expected;
  }

  /** {@return the bytes read before the end of the stream (a copy)} */
  public byte[] partial() {
    return partial.clone();
  }

  /** {@return how many bytes were wanted; empty for {@code readuntil}} */
  public OptionalInt expected() {
    return expected < 0 ? OptionalInt.empty() : OptionalInt.of(expected);
  }
}
