package dev.weft.internal.core;

/** Rethrows any throwable without wrapping it, checked or not. */
public final class Sneaky {
  private Sneaky() {}

  /**
   * Throws {@code t} as itself.
   *
   * @param t the throwable
   * @return never returns; declared so callers can write {@code throw Sneaky.rethrow(t)}
   */
  public static RuntimeException rethrow(Throwable t) {
    throw Sneaky.<RuntimeException>doThrow(t);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T doThrow(Throwable t) throws T {
    throw (T) t;
  }
}
