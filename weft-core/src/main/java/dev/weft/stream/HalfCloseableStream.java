package dev.weft.stream;

import dev.weft.Checkpoint;

/**
 * A {@link Stream} whose sending side can be closed on its own (Trio's {@code
 * HalfCloseableStream}): for a TCP socket, {@code shutdown(SHUT_WR)}, which the peer sees as the
 * end of the stream while it can still send to us.
 */
public interface HalfCloseableStream extends Stream {
  /**
   * Closes the sending side: the peer's receive returns the end of the stream once it has the
   * bytes sent before. Receiving goes on. Calling it again does nothing; a send after it throws
   * {@link dev.weft.ClosedResourceException}.
   *
   * <p>This method is a checkpoint.
   *
   * @throws dev.weft.ClosedResourceException if the stream is closed
   * @throws dev.weft.BusyResourceException if another task is sending on it
   * @throws dev.weft.BrokenResourceException if the connection failed
   */
  @Checkpoint
  void sendEof();
}
