package dev.weft.asyncio;

import dev.weft.cancel.CancelScope;
import dev.weft.cancel.CancelledError;
import dev.weft.cancel.TooSlowException;
import java.util.Objects;
import java.util.Optional;

/**
 * asyncio's {@code asyncio.Timeout} (Python 3.11): a deadline for a block, which the block can read
 * and move, and which can be inspected after the block.
 *
 * <p>{@link Asyncio#timeout} and {@link Asyncio#timeoutAt} make one and run a block in it; a
 * {@code Timeout} can also be made first and {@linkplain #run run} once. When the deadline
 * passes, the block's next checkpoint throws {@link CancelledError} once (underneath, the block
 * runs in an {@linkplain CancelScope#edgeTriggered() edge-triggered} cancel scope); if that error
 * leaves the block, {@code run} throws {@link TooSlowException} with it as the cause. A block that
 * catches it and returns normally returns its value.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * Timeout t = new Timeout(Weft.currentTime() + 5);
 * try {
 *   t.run(cm -> fetch());
 * } catch (TooSlowException e) {
 *   assert t.expired();
 * }
 * }
 *
 * <h2>Lifecycle</h2>
 *
 * As asyncio's: created, entered (by {@code run}), expiring (the deadline passed inside), then
 * expired or finished. {@link #reschedule} works only while entered and not expiring; {@code run}
 * only once.
 *
 * <h2>Thread rules</h2>
 *
 * It may be made anywhere; once entered, it belongs to the task that runs it.
 */
public final class Timeout {
  private enum State {
    CREATED("created"),
    ENTERED("active"),
    EXPIRED("expired"),
    EXITED("finished");

    final String word;

    State(String word) {
      this.word = word;
    }
  }

  // immutable state
  private final CancelScope scope = CancelScope.edgeTriggered();

  // mutable state
  private State state = State.CREATED;

  /*
   * Implementation notes.
   *
   *   CREATED --run--> ENTERED --block ends, deadline had passed--> EXPIRED
   *                            --block ends in time-------------> EXITED
   *
   * asyncio's EXPIRING (the deadline fired, the block has not ended yet) is ENTERED with the
   * scope's cancelCalled() true. See AsyncioRulesTest#testTimeoutLifecycle.
   */

  /**
   * Creates a timeout that is not entered yet (asyncio's {@code Timeout(when)}).
   *
   * @param when the deadline on the loop's clock; {@code Double.POSITIVE_INFINITY} for none
   * @throws IllegalArgumentException if {@code when} is NaN
   */
  public Timeout(double when) {
    scope.setDeadline(when);
  }

  /**
   * Runs {@code body} under this timeout (asyncio's {@code async with timeout:}). Not itself a
   * checkpoint.
   *
   * @param <T> the body's value type
   * @param body the body; it gets this timeout
   * @return the body's value
   * @throws TooSlowException if the deadline cancelled the body; its cause is the {@code
   *     CancelledError}
   * @throws IllegalStateException if this timeout was already run, or if not called from a task
   * @throws Exception what the body threw
   */
  public <T> T run(Asyncio.TimeoutBody<T> body) throws Exception {
    Objects.requireNonNull(body, "body");
    if (state != State.CREATED) {
      throw new IllegalStateException(
          "Timeout.run: this Timeout has already been entered; make a new one for each block");
    }
    state = State.ENTERED;
    CancelledError[] cancelled = new CancelledError[1];
    Optional<T> value;
    try {
      value =
          scope.run(
              () -> {
                try {
                  return body.run(this);
                } catch (CancelledError e) {
                  cancelled[0] = e;
                  throw e;
                }
              });
    } finally {
      state = scope.cancelCalled() ? State.EXPIRED : State.EXITED;
    }
    if (scope.cancelledCaught()) {
      // asyncio raises TimeoutError from the CancelledError; so do we, as the cause.
      TooSlowException e =
          new TooSlowException("the timeout expired (deadline " + scope.deadline() + ")");
      e.initCause(cancelled[0]);
      throw e;
    }
    return value.orElse(null);
  }

  /** {@return the deadline on the loop's clock; +infinity for none} */
  public double when() {
    return scope.deadline();
  }

  /**
   * Moves the deadline; {@code Double.POSITIVE_INFINITY} removes it, a time already passed expires
   * the timeout at the block's next checkpoint. Never blocks; not a checkpoint.
   *
   * @param when the new deadline on the loop's clock
   * @throws IllegalStateException if the timeout is not entered yet ("Timeout has not been
   *     entered"), or is expiring, expired or finished ("Cannot change state of ... Timeout")
   */
  public void reschedule(double when) {
    if (state == State.CREATED) {
      throw new IllegalStateException(
          "Timeout.reschedule: the Timeout has not been entered; run a block with it first");
    }
    if (state != State.ENTERED || scope.cancelCalled()) {
      String word = state == State.ENTERED ? "expiring" : state.word;
      throw new IllegalStateException(
          "Timeout.reschedule: cannot change state of " + word + " Timeout");
    }
    scope.setDeadline(when);
  }

  /** {@return whether the deadline passed while the block ran (asyncio's {@code expired()})} */
  public boolean expired() {
    return state == State.EXPIRED || (state == State.ENTERED && scope.cancelCalled());
  }

  @Override
  public String toString() {
    String word = state == State.ENTERED && scope.cancelCalled() ? "expiring" : state.word;
    return "Timeout[" + word + ", when=" + when() + "]";
  }
}
