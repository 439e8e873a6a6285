package dev.weft.stream;

import dev.weft.Checkpoint;
import java.nio.ByteBuffer;

/**
 * A stream of bytes coming in: Trio's {@code ReceiveStream}.
 *
 * <h2>End of stream</h2>
 *
 * {@link #receiveSome(int)} returns an empty array (Trio's {@code b""}) once the peer has closed
 * its side and every byte has been received, and on every call after that; {@link
 * #receiveSome(ByteBuffer)} returns -1.
 *
 * <h2>Cancellation</h2>
 *
 * A cancelled receive has received nothing: no byte is lost, and the stream stays usable.
 *
 * <h2>Concurrency</h2>
 *
 * One task at a time may receive; a second gets {@link dev.weft.BusyResourceException}. {@link
 * #close()} from another task wakes a blocked receiver with {@link
 * dev.weft.ClosedResourceException}.
 */
public interface ReceiveStream extends AutoCloseable {
  /**
   * Waits until some bytes arrive and returns them: at least one and at most {@code maxBytes},
   * or none at the end of the stream.
   *
   * <p>This method is a checkpoint, even when bytes are waiting already.
   *
   * @param maxBytes the most to return, 1 or more
   * @return the bytes received; empty at the end of the stream
   * @throws IllegalArgumentException if {@code maxBytes} is less than 1
   * @throws dev.weft.BrokenResourceException if the connection failed (for example, the peer
   *     reset it); the cause is the transport's {@link java.io.IOException}
   * @throws dev.weft.ClosedResourceException if this stream was closed (by this or another task)
   * @throws dev.weft.BusyResourceException if another task is receiving on it
   * @throws dev.weft.cancel.CancelledError if cancelled; nothing was received
   */
  @Checkpoint
  byte[] receiveSome(int maxBytes);

  /**
   * Waits until some bytes arrive and puts them into {@code into}, from its position up to its
   * limit; no copy is made for a direct buffer.
   *
   * <p>This method is a checkpoint, with the rules of {@link #receiveSome(int)}.
   *
   * @param into where the bytes go; it must have room for at least one
   * @return how many bytes it received (1 or more), or -1 at the end of the stream
   * @throws IllegalArgumentException if {@code into} has no room left
   */
  @Checkpoint
  int receiveSome(ByteBuffer into);

  /**
   * Closes the stream at once; blocked tasks are woken with {@link
   * dev.weft.ClosedResourceException}. Not a checkpoint (see {@link SendStream#close()}).
   */
  @Override
  void close();
}
