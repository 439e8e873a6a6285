package dev.weft.channel;

import dev.weft.lowlevel.Task;
import java.util.function.Supplier;

/** A {@link Select} clause that sends a value (see {@link MemorySendChannel#onSend}). */
final class SendClause<T, R> extends SelectClause<R> {
  // immutable state
  private final MemorySendChannel<T> end;
  private final T value;
  private final Supplier<? extends R> then;

  SendClause(MemorySendChannel<T> end, T value, Supplier<? extends R> then) {
    this.end = end;
    this.value = value;
    this.then = then;
  }

  @Override
  ChannelState state() {
    return end.state;
  }

  @Override
  Object attempt(String operation) {
    return end.state.offer(end, value, operation) ? Boolean.TRUE : NOT_READY;
  }

  @Override
  R result(Object token) {
    return then.get();
  }

  @Override
  Waiter register(Selection selection, int index, Task task) {
    Waiter w = new Waiter(task, end, value, selection, index);
    w.enqueue(end.state.senders);
    return w;
  }

  @Override
  R completed(Waiter waiter) {
    return then.get();
  }

  @Override
  public String toString() {
    return "onSend(" + value + ") on " + end;
  }
}
