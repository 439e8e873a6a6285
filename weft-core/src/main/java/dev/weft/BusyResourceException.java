package dev.weft;

/**
 * Thrown when a task tries to use a resource that another task is already using in a way that
 * allows only one user at a time: Trio's {@code BusyResourceError}. For example, two tasks
 * receiving from one socket stream at once, or two tasks waiting for one channel to become
 * readable.
 *
 * <p>It names a mistake in the program: the order in which two receivers would get the bytes is
 * arbitrary, so weft refuses the second rather than let them interleave. Give the resource to one
 * task (and pass what it gets on through a memory channel), or guard it with a {@link
 * dev.weft.sync.Lock}. The message names the task already using it.
 */
public final class BusyResourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is busy, which task uses it, and what to do instead
   */
  public BusyResourceException(String message) {
    super(message);
  }
}
