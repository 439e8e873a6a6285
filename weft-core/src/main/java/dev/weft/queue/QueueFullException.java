package dev.weft.queue;

import java.io.Serial;

/**
 * Thrown by {@link Queue#putNowait(Object)} when the queue already holds {@link Queue#maxsize()}
 * items (asyncio's {@code QueueFull}). It is an {@link IllegalStateException}, as the JDK's {@code
 * Queue.add} throws on a full queue.
 */
public class QueueFullException extends IllegalStateException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was full and what to do
   */
  public QueueFullException(String message) {
    super(message);
  }
}
