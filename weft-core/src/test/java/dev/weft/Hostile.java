package dev.weft;

import java.util.function.Consumer;

/**
 * User objects that fail in the methods weft might call to describe them ({@code toString},
 * {@code getMessage}) or to clean up ({@code close}): weft must never let such a failure replace
 * or hide the user's own one, nor lose it.
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

  /**
   * {@return a task body that sleeps until cancelled and then fails in a try-with-resources
   * {@code close()} with {@code e}: a failure that rides on the CancelledError while it unwinds}
   *
   * @param e what close() throws
   */
  @SuppressWarnings("try") // the resource exists only to fail in close()
  public static Block sleepThenFailToClose(Exception e) {
    return () -> {
      try (AutoCloseable r = () -> { throw e; }) {
        Weft.sleepForever();
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
