package dev.weft.cancel;

import dev.weft.internal.core.Access;

/**
 * Thrown at a checkpoint inside a cancelled {@link CancelScope}; the scope that caused it catches
 * it on the way out.
 *
 * <p>It extends {@link Error}, not {@link Exception}, for the reason the JDK gave for {@code
 * ThreadDeath} and asyncio for making its {@code CancelledError} a {@code BaseException}: so that
 * {@code catch (Exception e)} does not swallow it. Code that catches it for clean-up must rethrow
 * it. Swallowing it does not hide the cancellation anyway: cancellation is level-triggered, so the
 * next checkpoint inside the cancelled scope throws again (except in an {@linkplain
 * CancelScope#edgeTriggered() edge-triggered} scope, asyncio's one-shot cancel request).
 *
 * <p>Do not construct it to cancel something: call {@link CancelScope#cancel()}. The runtime
 * makes a new instance each time it delivers a cancellation.
 */
public final class CancelledError extends Error {
  private static final long serialVersionUID = 1L;

  static {
    Access.setErrorAccess(e -> e.origin, (e, o) -> e.origin = o, CancelledError::new);
  }

  /**
   * The runtime's record of the scope whose cancellation this error delivers, or null for an error
   * made by user code. A scope uses it so that it never catches a cancellation that another scope
   * around it caused (see CancelScopeImpl#exit). Not serialized: it is only meaningful in its loop.
   */
  private transient Object origin;

  /*
   * The constructor is private: only the runtime makes these, through Access (the core, when it
   * delivers a cancellation) and Scheduling.newCancelledError (the layers above, e.g. asyncio's
   * cancelled futures). A CancelledError that user code made could not be told apart from a real
   * delivery, and catching or throwing one by hand is never the way to cancel.
   */
  private CancelledError(String reason) {
    super(reason == null ? "cancelled" : reason);
  }
}
