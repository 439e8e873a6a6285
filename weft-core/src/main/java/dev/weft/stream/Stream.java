package dev.weft.stream;

/**
 * A two-way stream of bytes: a {@link SendStream} and a {@link ReceiveStream} in one (Trio's
 * {@code Stream}). One task may send while another receives.
 */
public interface Stream extends SendStream, ReceiveStream {
  /**
   * Closes both directions at once; blocked tasks are woken with {@link
   * dev.weft.ClosedResourceException}. Not a checkpoint.
   */
  @Override
  void close();
}
