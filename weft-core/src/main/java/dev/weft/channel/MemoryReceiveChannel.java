package dev.weft.channel;

import dev.weft.Checkpoint;
import dev.weft.ClosedResourceException;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The receive end of a {@link MemoryChannel}: Trio's {@code MemoryReceiveChannel}.
 *
 * <p>Made by {@link MemoryChannel#open} and {@link #clone()}. Each clone is an independent handle
 * on the same channel with its own open/closed state; senders see {@link
 * dev.weft.BrokenResourceException} only when every clone has been closed. Several tasks may
 * receive from the same end or from clones: each value goes to exactly one of them (fan-out).
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * try (var rx = channel.receiveChannel()) {
 *   for (String value : rx) {                 // ends when every send end is closed
 *     System.out.println("got value " + value);
 *   }
 * }
 * }
 *
 * <h2>Cancellation</h2>
 *
 * {@link #receive} is atomic under cancellation: a cancelled receive took nothing and left the
 * channel unchanged. A receiver that has been handed a value returns it even if its scope is
 * cancelled in the same instant; the cancellation is raised at its next checkpoint.
 *
 * <h2>Checkpoints</h2>
 *
 * {@link #receive} (and so each step of a {@code for} loop over this end) is a checkpoint on every
 * call, even when a value is ready. {@link #tryReceive}, {@link #clone}, {@link #close}, {@link
 * #statistics} and the {@code onReceive} clause factories never block and are not checkpoints.
 *
 * <h2>Fairness</h2>
 *
 * Values are received in the order they were sent. Blocked receivers are served first come, first
 * served: the longest-waiting receiver gets the next value.
 *
 * <h2>Thread rules</h2>
 *
 * The channel belongs to the loop it is first used in; every method except {@link #statistics}
 * and {@link #toString} must be called from that loop's tasks and throws {@link
 * IllegalStateException} otherwise.
 *
 * @param <T> the type of the values
 */
public final class MemoryReceiveChannel<T> implements ReceiveChannel<T> {
  // immutable state
  final ChannelState state;

  // mutable state
  boolean closed;

  MemoryReceiveChannel(ChannelState state) {
    this.state = state;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Takes the oldest buffered value, or else the value of the sender that has waited longest,
   * or else waits. This method is a checkpoint.
   */
  @Checkpoint
  @Override
  @SuppressWarnings("unchecked")
  public T receive() {
    return (T) state.receive(this);
  }

  /** {@inheritDoc} */
  @Override
  @SuppressWarnings("unchecked")
  public T tryReceive() {
    state.checkLoop("MemoryReceiveChannel.tryReceive");
    Object v = state.pollOrEnd(this, "MemoryReceiveChannel.tryReceive");
    if (v == ChannelState.END) {
      throw ChannelState.endOfChannel("MemoryReceiveChannel.tryReceive");
    }
    return (T) v;
  }

  /**
   * {@return a new receive end on the same channel, open until it is closed itself}
   *
   * <p>The channel now has one more open receive end, so senders see it broken only after this
   * clone is closed too. Not a checkpoint.
   *
   * @throws ClosedResourceException if this end is already closed
   */
  @Override
  public MemoryReceiveChannel<T> clone() {
    state.checkLoop("MemoryReceiveChannel.clone");
    if (closed) {
      throw ChannelState.closedEnd("MemoryReceiveChannel.clone", "receive");
    }
    state.openReceiveChannels++;
    return new MemoryReceiveChannel<>(state);
  }

  /** {@inheritDoc} */
  @Override
  public void close() {
    state.closeReceive(this);
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
   * {@return a {@link Select} clause that receives a value from this end and yields it}
   *
   * <p>The clause is ready when {@link #tryReceive} would return a value or find the channel
   * ended; at the end of the channel the select throws {@link EndOfChannelException} (use {@link
   * #onReceiveOrEnd} to get a result instead). A clause on a closed end makes the select throw
   * {@link ClosedResourceException}.
   */
  public SelectClause<T> onReceive() {
    return new ReceiveClause<T, T>(this, v -> v, null);
  }

  /**
   * {@return a {@link Select} clause that receives a value from this end and yields {@code
   * then.apply(value)}}
   *
   * <p>As {@link #onReceive()}; {@code then} runs only if this clause is the one the select
   * performs, after the value has been taken.
   *
   * @param then computes the select's result from the value received
   * @param <R> the select's result type
   * @throws NullPointerException if {@code then} is null
   */
  public <R> SelectClause<R> onReceive(Function<? super T, ? extends R> then) {
    return new ReceiveClause<>(this, Objects.requireNonNull(then, "then"), null);
  }

  /**
   * {@return a {@link Select} clause that receives a value and yields {@code then.apply(value)},
   * or, if the channel has ended, yields {@code ifEnded.get()}}
   *
   * <p>The form for selecting over several channels until each has ended (Kotlin's {@code
   * onReceiveCatching}): the end of one channel is a result, not an exception, so the caller can
   * drop that channel and go on with the others.
   *
   * @param then computes the select's result from the value received
   * @param ifEnded computes the select's result when the channel has ended
   * @param <R> the select's result type
   * @throws NullPointerException if either argument is null
   */
  public <R> SelectClause<R> onReceiveOrEnd(
      Function<? super T, ? extends R> then, Supplier<? extends R> ifEnded) {
    return new ReceiveClause<>(
        this, Objects.requireNonNull(then, "then"), Objects.requireNonNull(ifEnded, "ifEnded"));
  }

  @Override
  public String toString() {
    return "MemoryReceiveChannel[" + state.describe(closed) + "]";
  }
}
