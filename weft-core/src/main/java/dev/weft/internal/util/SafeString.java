package dev.weft.internal.util;

/**
 * Describes a user object for a message without letting its {@code toString()} fail the caller.
 *
 * <p>weft puts user exceptions, callbacks and values into its own messages (a {@code
 * CompositeException}'s summary, a task's {@code toString}). A user {@code toString()} or {@code
 * getMessage()} that throws must not replace the user's exception that weft is reporting, nor
 * crash the loop that reports it.
 */
public final class SafeString {
  private SafeString() {}

  /**
   * {@return {@code String.valueOf(o)}, or the class name and identity of {@code o} with the
   * class of what its {@code toString()} threw}
   *
   * @param o the object, or null
   */
  public static String of(Object o) {
    try {
      return String.valueOf(o);
    } catch (Throwable t) {
      // Nothing of `t` but its class: its own toString() may be just as hostile.
      return o.getClass().getName()
          + "@"
          + Integer.toHexString(System.identityHashCode(o))
          + " (its toString() threw "
          + t.getClass().getName()
          + ")";
    }
  }
}
