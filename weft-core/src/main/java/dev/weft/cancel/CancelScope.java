package dev.weft.cancel;

import dev.weft.Block;
import dev.weft.internal.core.Access;
import dev.weft.internal.core.CancelScopeImpl;
import dev.weft.internal.core.Core;
import dev.weft.internal.core.Sneaky;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A <em>cancellation scope</em>: the link between a unit of cancellable work and the cancellation
 * system.
 *
 * <p>This is Trio's {@code CancelScope}. A scope is run once, with {@link #run(Block)}; while its
 * body runs, {@link #cancel()} or reaching its {@linkplain #deadline() deadline} cancels every
 * checkpoint inside it, in the body and in every task started in nurseries inside it. The
 * resulting {@link CancelledError} propagates out to the scope, which catches it: {@code run}
 * returns normally and {@link #cancelledCaught()} becomes true.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * CancelScope scope = CancelScope.withRelativeDeadline(Duration.ofSeconds(2));
 * scope.run(() -> {
 *   Weft.sleep(Duration.ofSeconds(5)); // cancelled after 2 s
 * });
 * assert scope.cancelledCaught();
 * }
 *
 * For the common cases, {@link Timeouts#moveOnAfter} and {@link Timeouts#failAfter} are shorter.
 *
 * <h2>Cancellation</h2>
 *
 * Scopes nest. Cancelling a scope cancels everything inside it, including inner scopes, and the
 * scope that caused a cancellation is the one that catches it: an inner scope lets a {@code
 * CancelledError} caused by an outer one pass. Cancellation is level-triggered: every checkpoint
 * inside a cancelled scope throws, until the scope exits, so one swallowed {@code
 * CancelledError} cannot hide it. A {@linkplain #setShield(boolean) shielded} scope does not see
 * the cancellation of scopes outside it (but is still cancelled by its own cancel or deadline).
 * The deadline can be read and moved while the body runs.
 *
 * <h2>Thread rules</h2>
 *
 * Before it is run, a scope can be set up from any thread. While its body runs, it belongs to the
 * body's loop, and its setters and {@code cancel()} must be called from that loop (use {@code
 * RunToken.runSyncSoon(scope::cancel)} from another thread). Getters may be called from anywhere.
 */
public final class CancelScope {
  static {
    Access.setScopeAccess(s -> s.impl);
  }

  // immutable state
  private final CancelScopeImpl impl = new CancelScopeImpl(this);

  /** Creates a scope with no deadline and no shield. */
  public CancelScope() {}

  /**
   * {@return a new scope whose deadline is the given point on the loop's clock}
   *
   * @param deadline a time on the loop's clock, like {@code Weft.currentTime() + 5}
   */
  public static CancelScope withDeadline(double deadline) {
    CancelScope s = new CancelScope();
    s.setDeadline(deadline);
    return s;
  }

  /**
   * {@return a new scope whose deadline is {@code delay} after the moment it is run} (Trio's
   * {@code relative_deadline}): a scope can be made before the loop runs, and the clock is read
   * when it is entered.
   *
   * @param delay how long after entry the scope is cancelled; zero or more
   * @throws IllegalArgumentException if {@code delay} is negative (as Trio and {@link
   *     Timeouts#moveOnAfter(Duration, dev.weft.Block)} reject it)
   */
  public static CancelScope withRelativeDeadline(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException(
          "CancelScope.withRelativeDeadline: the delay cannot be negative, got " + delay);
    }
    if (delay.isNegative()) {
      throw new IllegalArgumentException(
          "CancelScope.withRelativeDeadline: the delay cannot be negative (" + delay + "); use "
              + "Duration.ZERO to cancel at the first checkpoint, or withDeadline(time) for a "
              + "deadline already past");
    }
    CancelScope s = new CancelScope();
    s.impl.setRelativeDeadline(delay);
    return s;
  }

  /**
   * {@return a new scope with the shield on} (Trio's {@code CancelScope(shield=True)}): cancellation
   * of outer scopes does not reach its body, which suits clean-up that must finish.
   */
  public static CancelScope shielded() {
    CancelScope s = new CancelScope();
    s.setShield(true);
    return s;
  }

  /**
   * {@return a new edge-triggered scope}: each {@link #cancel()} is a one-shot request, as
   * asyncio's {@code Task.cancel()}, instead of a lasting state.
   *
   * <p>The first checkpoint of the task that runs the scope to see the request throws {@link
   * CancelledError} and uses the request up: if the task catches the error, it may go on (clean
   * up, wait, even return a value) without further cancellations until {@code cancel()} is called
   * again. If the error leaves the body, the scope catches it as usual. Tasks started inside the
   * scope (in its nurseries) see the request as a level-triggered cancellation until the owner
   * task receives it; a nursery whose parent is cancelled cancels its own scope, so they still
   * end. The asyncio layer ({@code dev.weft.asyncio.AsyncTask}) runs each task in one of these.
   */
  public static CancelScope edgeTriggered() {
    CancelScope s = new CancelScope();
    s.impl.setEdgeTriggered();
    return s;
  }

  /** Names the public call that made this scope, for CancelledError messages; returns this. */
  CancelScope labelled(String what) {
    impl.setLabel(what);
    return this;
  }

  /**
   * Runs {@code body} inside this scope. If the body ends with a {@link CancelledError} that this
   * scope caused, it is caught here and {@code run} returns normally; every other exception,
   * including a cancellation caused by an outer scope, passes through unchanged.
   *
   * @param body the body
   * @throws Exception what the body threw, unless this scope caught it
   * @throws IllegalStateException if the scope was already run, or if not called from a task
   */
  public void run(Block body) throws Exception {
    Objects.requireNonNull(body, "body");
    enterExit(
        () -> {
          body.run();
          return null;
        });
  }

  /**
   * Runs {@code body} inside this scope and returns its value, or empty if this scope cancelled
   * it (a body that returns null also gives empty).
   *
   * @param <T> the result type
   * @param body the body
   * @return the body's value, or empty if the scope caught its cancellation
   * @throws Exception what the body threw, unless this scope caught it
   * @throws IllegalStateException if the scope was already run, or if not called from a task
   */
  public <T> Optional<T> run(Callable<T> body) throws Exception {
    Objects.requireNonNull(body, "body");
    return Optional.ofNullable(enterExit(body));
  }

  private <T> T enterExit(Callable<T> body) throws Exception {
    impl.enter(Core.currentTask("CancelScope.run"));
    T result = null;
    Throwable exc = null;
    try {
      result = body.call();
    } catch (Throwable t) {
      exc = t;
    }
    exc = impl.exit(exc);
    if (exc != null) {
      throw Sneaky.rethrow(exc);
    }
    return result;
  }

  /**
   * {@return the deadline on the loop's clock; +infinity for none} Before a scope made with
   * {@link #withRelativeDeadline} is run, this is +infinity.
   */
  public double deadline() {
    return impl.deadline();
  }

  /**
   * Sets the deadline to a point on the loop's clock; +infinity removes it. Can be called while
   * the body runs, for example {@code scope.setDeadline(scope.deadline() + 3)}; a deadline in the
   * past cancels the scope at the next checkpoint.
   *
   * @param deadline the new deadline
   * @throws IllegalArgumentException if it is NaN
   * @throws IllegalStateException if the scope is running and the call comes from another thread
   */
  public void setDeadline(double deadline) {
    impl.setDeadline(deadline);
  }

  /**
   * {@return the deadline relative to now} (Trio's {@code relative_deadline}): once the scope has
   * been entered, the time left until its deadline (negative once passed; empty with no deadline);
   * before, the relative deadline it was made with (empty for none, or for an absolute deadline).
   */
  public Optional<Duration> relativeDeadline() {
    return Optional.ofNullable(impl.relativeDeadline());
  }

  /**
   * Sets the deadline relative to now (Trio's {@code relative_deadline} setter): once entered,
   * the deadline becomes the current time plus {@code delay}; before, {@code delay} is counted
   * from entry. Not a checkpoint.
   *
   * @param delay how long; zero or more
   * @throws IllegalArgumentException if {@code delay} is negative
   * @throws IllegalStateException if the scope has not been entered and has an absolute deadline,
   *     or if it is running and the call comes from another thread
   */
  public void setRelativeDeadline(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    impl.setRelativeDeadline(delay);
  }

  /** {@return whether this scope shields its body from cancellation of outer scopes} */
  public boolean shield() {
    return impl.shield();
  }

  /**
   * Turns the shield on or off. While on, cancellations of outer scopes do not reach the body
   * (they are seen again when the shield goes off, or after the scope exits); this scope's own
   * cancel and deadline still work.
   *
   * @param shield whether to shield
   * @throws IllegalStateException if the scope is running and the call comes from another thread
   */
  public void setShield(boolean shield) {
    impl.setShield(shield);
  }

  /**
   * Cancels this scope and everything inside it. Idempotent; not a checkpoint; never blocks.
   * Cancelling a scope that has not run yet makes its body cancelled from the start; cancelling
   * one that has finished does nothing.
   *
   * @throws IllegalStateException if the scope is running and the call comes from another thread
   */
  public void cancel() {
    impl.cancel();
  }

  /**
   * Cancels this scope, giving a reason that becomes the message of the {@link CancelledError}
   * its checkpoints throw (asyncio's {@code cancel(msg)}; Trio's {@code cancel(reason)}).
   * Otherwise as {@link #cancel()}; the reason of the first call wins while a request is pending.
   *
   * @apiNote It is not an overload of {@code cancel()}, so that {@code scope::cancel} stays an
   *     exact method reference (usable as a {@code Block} or a {@code Runnable}).
   * @param reason why, for the error message; null for none
   * @throws IllegalStateException if the scope is running and the call comes from another thread
   */
  public void cancelWithReason(String reason) {
    impl.cancel(reason);
  }

  /**
   * Takes back a cancel request of an {@linkplain #edgeTriggered() edge-triggered} scope that has
   * not reached the task yet (asyncio 3.13's {@code Task.uncancel()} down to zero clears the
   * pending cancel). A request already delivered stays delivered. Not a checkpoint; never blocks.
   *
   * @return whether a pending request was taken back
   * @throws IllegalStateException if the scope is level-triggered (Trio's scopes cannot be
   *     un-cancelled), or if it is running and the call comes from another thread
   */
  public boolean uncancel() {
    return impl.uncancel();
  }

  /** {@return the reason given to {@link #cancelWithReason(String)}, if any} */
  public Optional<String> cancelReason() {
    return Optional.ofNullable(impl.reason());
  }

  /** {@return whether {@link #cancel()} was called or the deadline has passed} */
  public boolean cancelCalled() {
    return impl.cancelCalled();
  }

  /** {@return whether this scope caught a cancellation it caused; true only after it exits} */
  public boolean cancelledCaught() {
    return impl.cancelledCaught();
  }

  /** {@return whether the body is running right now} */
  public boolean isActive() {
    return impl.isActive();
  }

  @Override
  public String toString() {
    return "CancelScope@" + Integer.toHexString(System.identityHashCode(this)) + "[" + impl + "]";
  }
}
