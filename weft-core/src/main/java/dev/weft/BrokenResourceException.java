package dev.weft;

/**
 * Thrown when a resource cannot be used because its other side is gone: Trio's {@code
 * BrokenResourceError}. For example, sending on a memory channel whose every receive end has been
 * closed: no task can ever receive the value.
 *
 * <p>Unlike {@link ClosedResourceException}, the handle being used is still open; the failure
 * is the peer's (or the connection's). The usual reaction is to stop producing and close the
 * handle. Tasks blocked on the resource when it breaks are woken with this exception.
 */
public final class BrokenResourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what broke, and what to do about it
   */
  public BrokenResourceException(String message) {
    super(message);
  }

  /**
   * Creates the exception with the failure that broke the resource.
   *
   * @param message what broke, and what to do about it
   * @param cause the underlying failure (for example an {@link java.io.IOException}), or null
   */
  public BrokenResourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
