package dev.weft.internal.core;

import dev.weft.cancel.CancelScope;
import java.util.function.Function;

/**
 * The bridge from API classes to their runtime state, in the JDK's SharedSecrets style: {@link
 * CancelScope} registers how to reach its {@link CancelScopeImpl} when it is initialised.
 */
public final class Access {
  private static Function<CancelScope, CancelScopeImpl> scopeImpl;

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

  static CancelScopeImpl impl(CancelScope s) {
    // Having an instance means CancelScope's initialiser has run and registered the accessor.
    return scopeImpl.apply(s);
  }
}
