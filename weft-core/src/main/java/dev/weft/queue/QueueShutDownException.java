package dev.weft.queue;

import java.io.Serial;

/**
 * Thrown by a queue that has been {@link Queue#shutdown(boolean) shut down}: by every put, and by
 * a get that finds the queue empty (asyncio's {@code QueueShutDown}, Python 3.13). Consumers can
 * treat it as "no more items will ever come".
 */
public class QueueShutDownException extends IllegalStateException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which operation found the queue shut down
   */
  public QueueShutDownException(String message) {
    super(message);
  }
}
