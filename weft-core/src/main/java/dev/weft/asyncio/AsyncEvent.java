package dev.weft.asyncio;

import dev.weft.Checkpoint;
import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Scheduling;

/**
 * asyncio's {@code Event}: a flag tasks can wait for, with asyncio's rules.
 *
 * <p>{@link #set()} wakes every waiter; {@link #clear()} resets the flag for later waiters (one
 * woken already returns {@code true} even if the flag is cleared before it runs). {@link #await()}
 * returns {@code true}, as asyncio's {@code wait()} does. For Trio's rules, see {@link
 * dev.weft.sync.Event}.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * AsyncEvent ready = new AsyncEvent();
 * Asyncio.createTask(() -> ready.await());
 * ready.set();
 * }
 *
 * <h2>Cancellation</h2>
 *
 * A waiter cancelled while it waits, or after {@code set} woke it but before it ran, throws
 * {@link CancelledError} (asyncio's rule).
 *
 * <h2>Thread rules</h2>
 *
 * Loop-bound: call it from the tasks and callbacks of one loop.
 */
public final class AsyncEvent {
  // immutable state
  private final WakeQueue waiters = new WakeQueue();

  // mutable state
  private boolean value;

  /** Creates an event that is not set. */
  public AsyncEvent() {}

  /** {@return whether the flag is set} (asyncio's {@code is_set}) */
  public boolean isSet() {
    waiters.check("AsyncEvent.isSet");
    return value;
  }

  /** Sets the flag and wakes every waiter. Never blocks; not a checkpoint. */
  public void set() {
    waiters.check("AsyncEvent.set");
    if (!value) {
      value = true;
      while (waiters.wakeFirst()) {
        // wake them all, in the order they came
      }
    }
  }

  /** Clears the flag; later {@link #await()} calls wait for the next {@link #set()}. */
  public void clear() {
    waiters.check("AsyncEvent.clear");
    value = false;
  }

  /**
   * Waits until the flag is set; returns at once if it is. This method is a checkpoint.
   *
   * @return true
   * @throws CancelledError if cancelled first
   */
  @Checkpoint
  public boolean await() {
    waiters.check("AsyncEvent.await");
    Scheduling.checkpointIfCancelled();
    if (value) {
      Scheduling.cancelShieldedCheckpoint();
      return true;
    }
    waiters.park(() -> {});
    return true;
  }

  @Override
  public String toString() {
    return "AsyncEvent[" + (value ? "set" : "unset") + ", waiters:" + waiters.size() + "]";
  }
}
