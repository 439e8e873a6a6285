package dev.weft;

/**
 * Thrown when a task uses a resource (a channel end, later a stream) that has already been closed
 * through the very handle it is using: Trio's {@code ClosedResourceError}.
 *
 * <p>It names a mistake in the program, not a condition of the peer: the handle was closed by
 * this task or by another task sharing the same handle. To keep using a resource after handing
 * one handle to {@code close()}, take another handle first (for example {@code clone()} a channel
 * end and close only the clone). A task that is blocked on a handle when another task closes that
 * same handle is woken with this exception.
 *
 * <p>Compare {@link BrokenResourceException}: the <em>other</em> side of the resource is gone.
 */
public final class ClosedResourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was used after it was closed, and what to do instead
   */
  public ClosedResourceException(String message) {
    super(message);
  }
}
