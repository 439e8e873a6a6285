package dev.weft.channel;

import dev.weft.lowlevel.Task;
import java.util.function.Function;
import java.util.function.Supplier;

/** A {@link Select} clause that receives a value (see {@link MemoryReceiveChannel#onReceive}). */
final class ReceiveClause<T, R> extends SelectClause<R> {
  // immutable state
  private final MemoryReceiveChannel<T> end;
  private final Function<? super T, ? extends R> then;
  /** What the end of the channel yields; null means the select throws EndOfChannelException. */
  private final Supplier<? extends R> ifEnded;

  ReceiveClause(
      MemoryReceiveChannel<T> end,
      Function<? super T, ? extends R> then,
      Supplier<? extends R> ifEnded) {
    this.end = end;
    this.then = then;
    this.ifEnded = ifEnded;
  }

  @Override
  ChannelState state() {
    return end.state;
  }

  @Override
  Object attempt(String operation) {
    Object v = end.state.pollOrEnd(end, operation);
    return v == null ? NOT_READY : v;
  }

  @Override
  @SuppressWarnings("unchecked")
  R result(Object token) {
    if (token == ChannelState.END) {
      return ended();
    }
    return then.apply((T) token);
  }

  @Override
  Waiter register(Selection selection, int index, Task task) {
    Waiter w = new Waiter(task, end, null, selection, index);
    w.enqueue(end.state.receivers);
    return w;
  }

  @Override
  @SuppressWarnings("unchecked")
  R completed(Waiter waiter) {
    return waiter.ended ? ended() : then.apply((T) waiter.value);
  }

  private R ended() {
    if (ifEnded == null) {
      throw ChannelState.endOfChannel("Select.select");
    }
    return ifEnded.get();
  }

  @Override
  public String toString() {
    return "onReceive on " + end;
  }
}
