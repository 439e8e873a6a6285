package dev.weft.queue;

import java.io.Serial;
import java.util.NoSuchElementException;

/**
 * Thrown by {@link Queue#getNowait()} when the queue holds no item (asyncio's {@code QueueEmpty}).
 * It is a {@link NoSuchElementException}, as the JDK's {@code Queue.remove} throws on an empty
 * queue.
 */
public class QueueEmptyException extends NoSuchElementException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was empty and what to do
   */
  public QueueEmptyException(String message) {
    super(message);
  }
}
