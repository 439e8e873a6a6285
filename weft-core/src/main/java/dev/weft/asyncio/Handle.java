package dev.weft.asyncio;

/**
 * A callback scheduled with {@link Loop#callSoon} or {@link Loop#callSoonThreadsafe}: asyncio's
 * {@code Handle}. Thread-safe.
 */
public final class Handle {
  // mutable state
  private volatile boolean cancelled;

  Handle() {}

  /** Stops the callback from running, if it has not run yet. Never blocks. */
  public void cancel() {
    cancelled = true;
  }

  /** {@return whether {@link #cancel()} was called} */
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public String toString() {
    return "Handle[" + (cancelled ? "cancelled" : "scheduled") + "]";
  }
}
