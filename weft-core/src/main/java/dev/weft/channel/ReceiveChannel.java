package dev.weft.channel;

import dev.weft.Checkpoint;
import dev.weft.ClosedResourceException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The receiving end of a channel: an object that tasks take values out of, in the order they
 * were sent. Trio's {@code ReceiveChannel}.
 *
 * <p>It is {@link Iterable}: a {@code for} loop receives until the channel ends (every send end
 * closed and every value received), then stops cleanly, as Trio's {@code async for} does.
 *
 * {@snippet lang=java :
 * for (String value : receiveChannel) {   // each step is one receive(): a checkpoint
 *   System.out.println("got value " + value);
 * }
 * // here every send end is closed and the channel is drained
 * }
 *
 * <h2>Closing</h2>
 *
 * Closing a receive end says "this task will receive no more". Once every receive end is closed,
 * senders get {@link dev.weft.BrokenResourceException} and values still buffered are dropped.
 * Using an end after closing it throws {@link ClosedResourceException}. {@code close()} is
 * idempotent and never blocks.
 *
 * <h2>Thread rules</h2>
 *
 * A channel belongs to the loop it is first used in; its methods must be called from that loop's
 * tasks and throw {@link IllegalStateException} otherwise.
 *
 * @param <T> the type of the values
 */
public interface ReceiveChannel<T> extends AutoCloseable, Iterable<T> {
  /**
   * Receives the next value, waiting until one is available.
   *
   * <p>This method is a checkpoint. It is atomic under cancellation: if it throws {@link
   * dev.weft.cancel.CancelledError}, no value was taken and the channel is unchanged.
   *
   * @return the value; never null
   * @throws EndOfChannelException if every send end is closed and nothing is left to receive
   *     (also when the last send end closes while this task waits)
   * @throws ClosedResourceException if this end is closed (also when another task closes it
   *     while this one waits)
   */
  @Checkpoint
  T receive();

  /**
   * Receives a value if one is available right now. Never blocks, and is not a checkpoint.
   *
   * @return the value, or null if none is available now (channels never carry null)
   * @throws EndOfChannelException if every send end is closed and nothing is left to receive
   * @throws ClosedResourceException if this end is closed
   */
  T tryReceive();

  /**
   * Closes this end: it can no longer receive. Tasks blocked in {@link #receive} on this same end
   * are woken with {@link ClosedResourceException}. When this was the channel's last open
   * receive end, waiting senders are woken with {@link dev.weft.BrokenResourceException} and
   * buffered values are dropped. Closing an end twice does nothing. Never blocks, and is not a
   * checkpoint.
   */
  @Override
  void close();

  /**
   * {@return an iterator that receives from this end until the channel ends} Each step ({@code
   * hasNext()} fetches the value, {@code next()} hands it over) performs exactly one {@link
   * #receive()}, so each step of a {@code for} loop is a checkpoint, and {@code hasNext()}
   * returns false once the channel has ended. Other failures ({@link ClosedResourceException},
   * {@link dev.weft.cancel.CancelledError}) propagate out of the loop.
   */
  @Override
  default Iterator<T> iterator() {
    return new Iterator<>() {
      private T next;
      private boolean ended;

      @Override
      public boolean hasNext() {
        if (next != null) {
          return true;
        }
        if (ended) {
          return false;
        }
        try {
          next = receive();
          return true;
        } catch (EndOfChannelException e) {
          ended = true;
          return false;
        }
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException("the channel has ended: every send end is closed");
        }
        T v = next;
        next = null;
        return v;
      }
    };
  }
}
