package dev.weft.channel;

import dev.weft.BrokenResourceException;
import dev.weft.Checkpoint;
import dev.weft.ClosedResourceException;
import java.util.function.Supplier;

/**
 * The send end of a {@link MemoryChannel}: Trio's {@code MemorySendChannel}.
 *
 * <p>Made by {@link MemoryChannel#open} and {@link #clone()}. Each clone is an independent handle
 * on the same channel with its own open/closed state; the channel's receivers see the end of the
 * channel only when every clone has been closed.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * // Two producers: each gets its own clone and closes it when done.
 * try (var tx = channel.sendChannel()) {
 *   n.startSoon(() -> { try (var mine = tx.clone()) { mine.send("a"); } });
 *   n.startSoon(() -> { try (var mine = tx.clone()) { mine.send("b"); } });
 * } // the original is closed here; the clones keep the channel open
 * }
 *
 * <h2>Cancellation</h2>
 *
 * {@link #send} is atomic under cancellation: a cancelled send delivered nothing and left the
 * channel unchanged, and a send that returns delivered its value exactly once.
 *
 * <h2>Checkpoints</h2>
 *
 * {@link #send} is a checkpoint on every call, even when it does not wait. {@link #trySend},
 * {@link #clone}, {@link #close}, {@link #statistics} and {@link #onSend} never block and are not
 * checkpoints.
 *
 * <h2>Fairness</h2>
 *
 * Blocked senders are served first come, first served: their values reach receivers in the order
 * their {@code send}s started waiting, and a receiver that arrives is matched with the
 * longest-waiting sender.
 *
 * <h2>Thread rules</h2>
 *
 * The channel belongs to the loop it is first used in; every method except {@link #statistics}
 * and {@link #toString} must be called from that loop's tasks and throws {@link
 * IllegalStateException} otherwise.
 *
 * @param <T> the type of the values
 */
public final class MemorySendChannel<T> implements SendChannel<T> {
  // immutable state
  final ChannelState state;

  // mutable state
  boolean closed;

  MemorySendChannel(ChannelState state) {
    this.state = state;
  }

  /**
   * {@inheritDoc}
   *
   * <p>If a receiver is waiting, the value goes straight to the one that has waited longest
   * (a rendezvous hand-off); otherwise it is buffered if there is room; otherwise the task waits
   * until a receiver takes it. This method is a checkpoint.
   */
  @Checkpoint
  @Override
  public void send(T value) {
    state.send(this, value);
  }

  /** {@inheritDoc} */
  @Override
  public boolean trySend(T value) {
    ChannelState.requireValue(value, "MemorySendChannel.trySend");
    state.checkLoop("MemorySendChannel.trySend");
    return state.offer(this, value, "MemorySendChannel.trySend");
  }

  /**
   * {@return a new send end on the same channel, open until it is closed itself}
   *
   * <p>The channel now has one more open send end, so receivers see its end only after this
   * clone is closed too. Not a checkpoint.
   *
   * @throws ClosedResourceException if this end is already closed
   */
  @Override
  public MemorySendChannel<T> clone() {
    state.checkLoop("MemorySendChannel.clone");
    if (closed) {
      throw ChannelState.closedEnd("MemorySendChannel.clone", "send");
    }
    state.openSendChannels++;
    return new MemorySendChannel<>(state);
  }

  /** {@inheritDoc} */
  @Override
  public void close() {
    state.closeSend(this);
  }

  /** {@return whether this end has been closed} */
  public boolean isClosed() {
    return closed;
  }

  /** {@return a snapshot of the channel's state (the same for every end of the channel)} */
  public MemoryChannelStatistics statistics() {
    return state.statistics();
  }

  /**
   * {@return a {@link Select} clause that sends {@code value} on this end, and then yields what
   * {@code then} returns}
   *
   * <p>The clause is ready when {@link #trySend} would succeed; {@code then} runs only if this
   * clause is the one the select performs, after the value has been sent. A clause on a closed
   * end, or on a channel whose receive ends are all closed, makes the select throw the error
   * {@link #send} would throw. A clause can be reused by any number of selects.
   *
   * @param value the value to send; not null
   * @param then computes the select's result once the value is sent
   * @param <R> the select's result type
   * @throws NullPointerException if {@code value} or {@code then} is null
   */
  public <R> SelectClause<R> onSend(T value, Supplier<? extends R> then) {
    ChannelState.requireValue(value, "MemorySendChannel.onSend");
    return new SendClause<>(this, value, java.util.Objects.requireNonNull(then, "then"));
  }

  @Override
  public String toString() {
    return "MemorySendChannel[" + state.describe(closed) + "]";
  }
}
