package dev.weft.stream;

import dev.weft.Checkpoint;
import java.io.IOException;

/**
 * Something that accepts incoming connections as streams (Trio's {@code Listener}).
 *
 * @param <S> the kind of stream it accepts
 */
public interface Listener<S extends AutoCloseable> extends AutoCloseable {
  /**
   * Waits for the next incoming connection and returns it as a stream, which the caller owns and
   * must close.
   *
   * <p>This method is a checkpoint. Only one task may accept at a time ({@link
   * dev.weft.BusyResourceException} for the second).
   *
   * @return the new connection
   * @throws IOException if accepting failed for a reason that may pass (for example, the process
   *     has too many open files); {@code Tcp.serveListeners} waits and tries again
   * @throws dev.weft.ClosedResourceException if the listener was closed, also by another task
   *     while this one waited
   * @throws dev.weft.cancel.CancelledError if cancelled; no connection was taken
   */
  @Checkpoint
  S accept() throws IOException;

  /**
   * Stops listening, at once; a task blocked in {@link #accept()} is woken with {@link
   * dev.weft.ClosedResourceException}. Not a checkpoint.
   */
  @Override
  void close();
}
