package dev.weft.channel;

import dev.weft.BrokenResourceException;
import dev.weft.Checkpoint;
import dev.weft.ClosedResourceException;

/**
 * The sending end of a channel: an object that tasks put values into, one at a time, for other
 * tasks to {@linkplain ReceiveChannel receive}. Trio's {@code SendChannel}.
 *
 * <p>This interface is the contract every kind of channel keeps; {@link MemorySendChannel} is the
 * one weft has today. Code that only sends should accept a {@code SendChannel<T>}.
 *
 * <h2>Closing</h2>
 *
 * Closing a send end says "this task will send no more". Once every send end of a channel is
 * closed and everything sent has been received, receivers see {@link EndOfChannelException}
 * (a {@code for} loop over the receive end ends). Using an end after closing it throws {@link
 * ClosedResourceException}; sending after every receive end has closed throws {@link
 * BrokenResourceException}. {@code close()} is idempotent and never blocks.
 *
 * <h2>Thread rules</h2>
 *
 * A channel belongs to the loop it is first used in; its methods must be called from that loop's
 * tasks and throw {@link IllegalStateException} otherwise.
 *
 * @param <T> the type of the values
 */
public interface SendChannel<T> extends AutoCloseable {
  /**
   * Sends a value, waiting until the channel can take it (a receiver takes it or the buffer has
   * room).
   *
   * <p>This method is a checkpoint. It is atomic under cancellation: if it throws {@link
   * dev.weft.cancel.CancelledError}, the value was not sent and the channel is unchanged; if it
   * returns, the value was delivered to a receiver or the buffer.
   *
   * @param value the value; not null
   * @throws ClosedResourceException if this end is closed (also when another task closes it
   *     while this one waits)
   * @throws BrokenResourceException if every receive end is closed (also when the last one
   *     closes while this task waits)
   * @throws NullPointerException if {@code value} is null
   */
  @Checkpoint
  void send(T value);

  /**
   * Sends a value if the channel can take it right now, and otherwise does nothing. Never
   * blocks, and is not a checkpoint.
   *
   * @param value the value; not null
   * @return whether the value was sent
   * @throws ClosedResourceException if this end is closed
   * @throws BrokenResourceException if every receive end is closed
   * @throws NullPointerException if {@code value} is null
   */
  boolean trySend(T value);

  /**
   * Closes this end: it can no longer send. Tasks blocked in {@link #send} on this same end are
   * woken with {@link ClosedResourceException}. When this was the channel's last open send end,
   * receivers see the end of the channel once they have drained what was sent. Closing an end
   * twice does nothing. Never blocks, and is not a checkpoint.
   */
  @Override
  void close();
}
