package dev.weft;

import java.util.function.Consumer;

/**
 * User objects that fail in the methods weft might call to describe them ({@code toString},
 * {@code getMessage}): weft must never let such a failure replace or hide the user's own one.
 */
public final class Hostile {
  private Hostile() {}

  /** {@return an exception whose toString(), getMessage() and getLocalizedMessage() throw} */
  public static RuntimeException exception() {
    return new HostileException();
  }

  /**
   * {@return a runnable that runs {@code body} and whose toString() throws}
   *
   * @param body what it runs
   */
  public static Runnable runnable(Runnable body) {
    return new Runnable() {
      @Override
      public void run() {
        body.run();
      }

      @Override
      public String toString() {
        throw new IllegalStateException("toString of a callback failed");
      }
    };
  }

  /**
   * {@return a consumer that passes its argument to {@code body} and whose toString() throws}
   *
   * @param <T> what it accepts
   * @param body what it runs
   */
  public static <T> Consumer<T> consumer(Consumer<T> body) {
    return new Consumer<>() {
      @Override
      public void accept(T t) {
        body.accept(t);
      }

      @Override
      public String toString() {
        throw new IllegalStateException("toString of a callback failed");
      }
    };
  }

  private static final class HostileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HostileException() {
      super(null, null, false, false);
    }

    @Override
    public String getMessage() {
      throw new IllegalStateException("getMessage failed");
    }

    @Override
    public String toString() {
      throw new IllegalStateException("toString failed");
    }
  }
}
