package dev.weft.internal.core;

import dev.weft.cancel.CancelScope;
import dev.weft.cancel.CancelledError;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The bridge from API classes to their runtime state, in the JDK's SharedSecrets style: {@link
 * CancelScope} registers how to reach its {@link CancelScopeImpl} when it is initialised.
 */
public final class Access {
  private static Function<CancelScope, CancelScopeImpl> scopeImpl;
  private static Function<CancelledError, Object> errorOrigin;
  private static BiConsumer<CancelledError, Object> setErrorOrigin;
  private static Function<String, CancelledError> newError;

  private Access() {}

  /**
   * Registers the accessor; called once by {@link CancelScope}'s static initialiser.
   *
   * @param f the accessor
   */
  public static void setScopeAccess(Function<CancelScope, CancelScopeImpl> f) {
    if (scopeImpl != null) {
      throw new IllegalStateException("scope access already registered");
    }
    scopeImpl = f;
  }

  /**
   * Registers how to read and write the scope a {@link CancelledError} comes from; called once by
   * its static initialiser.
   *
   * @param get reads the origin
   * @param set writes the origin
   * @param factory its private constructor: a reason, or null for "cancelled"
   */
  public static void setErrorAccess(
      Function<CancelledError, Object> get,
      BiConsumer<CancelledError, Object> set,
      Function<String, CancelledError> factory) {
    if (errorOrigin != null) {
      throw new IllegalStateException("error access already registered");
    }
    errorOrigin = get;
    setErrorOrigin = set;
    newError = factory;
  }

  /**
   * {@return a new CancelledError, with no origin}
   *
   * @param reason its message, or null for "cancelled"
   */
  public static CancelledError newCancelledError(String reason) {
    Function<String, CancelledError> f = newError;
    if (f == null) {
      // Nobody has touched the class yet: initialise it, which registers the factory.
      try {
        Class.forName(CancelledError.class.getName(), true, CancelledError.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
      f = newError;
    }
    return f.apply(reason);
  }

  /** {@return the scope that caused {@code e}, or null if the runtime did not make it} */
  static CancelScopeImpl origin(CancelledError e) {
    // Having an instance means CancelledError's initialiser has run and registered the accessor.
    return (CancelScopeImpl) errorOrigin.apply(e);
  }

  /** {@return {@code e}, marked as caused by {@code scope}} */
  static CancelledError withOrigin(CancelledError e, CancelScopeImpl scope) {
    setErrorOrigin.accept(e, scope);
    return e;
  }

  static CancelScopeImpl impl(CancelScope s) {
    // Having an instance means CancelScope's initialiser has run and registered the accessor.
    return scopeImpl.apply(s);
  }
}
