package dev.weft.channel;

import dev.weft.lowlevel.Task;

/**
 * One operation a {@link Select} may perform: a send or a receive on a particular channel end,
 * with what to compute once it has happened. Made by {@link MemorySendChannel#onSend} and {@link
 * MemoryReceiveChannel#onReceive()} (and its variants).
 *
 * <p>A clause only describes the operation; building one does nothing to the channel. Clauses are
 * immutable and can be reused across selects (for example built once before a loop).
 *
 * @param <R> the type of the result the clause gives the select
 */
public abstract sealed class SelectClause<R> permits SendClause, ReceiveClause {
  /** Returned by {@link #attempt} when the operation cannot happen now. */
  static final Object NOT_READY = new Object();

  SelectClause() {}

  /** {@return the channel the clause operates on} */
  abstract ChannelState state();

  /**
   * Performs the operation if it can happen now (or fails now).
   *
   * @return {@link #NOT_READY}, or a token to pass to {@link #result}
   */
  abstract Object attempt(String operation);

  /** {@return the select's result, given the token {@link #attempt} returned} */
  abstract R result(Object token);

  /** Queues a waiter for the operation on its channel. */
  abstract Waiter register(Selection selection, int index, Task task);

  /** {@return the select's result, given the waiter that was completed} */
  abstract R completed(Waiter waiter);
}
