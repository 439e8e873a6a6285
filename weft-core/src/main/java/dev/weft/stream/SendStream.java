package dev.weft.stream;

import dev.weft.Checkpoint;
import java.nio.ByteBuffer;

/**
 * A stream of bytes going out: Trio's {@code SendStream}.
 *
 * <p>Implementations: {@code dev.weft.net.SocketStream}; the interface is for code that should
 * not care what carries the bytes, and for new transports.
 *
 * <h2>Cancellation</h2>
 *
 * A cancelled {@link #sendAll} may have sent part of the data, and nobody can tell how much: the
 * stream is then <em>broken</em>, and every later send throws {@link
 * dev.weft.BrokenResourceException} (Trio's rule). Close it.
 *
 * <h2>Concurrency</h2>
 *
 * One task at a time may send: a second task calling {@link #sendAll}, {@link
 * #waitSendAllMightNotBlock} or {@code sendEof} while the first is still inside one gets {@link
 * dev.weft.BusyResourceException}. Sending and receiving may happen at once, from two tasks.
 * {@link #close()} from another task wakes a blocked sender with {@link
 * dev.weft.ClosedResourceException}.
 */
public interface SendStream extends AutoCloseable {
  /**
   * Sends all of {@code data}, waiting while the transport cannot take more.
   *
   * <p>This method is a checkpoint. It returns when the data has been handed to the transport
   * (for a socket: copied to the kernel's send buffer), not when the peer has received it.
   *
   * @param data the bytes; an empty array sends nothing (but still checks that the stream is open)
   * @throws dev.weft.BrokenResourceException if the peer is gone, or an earlier send was cancelled
   *     part-way; the cause is the transport's {@link java.io.IOException}, if any
   * @throws dev.weft.ClosedResourceException if this stream was closed (by this or another task)
   * @throws dev.weft.BusyResourceException if another task is sending on it
   * @throws dev.weft.cancel.CancelledError if cancelled; see the class documentation
   */
  @Checkpoint
  void sendAll(byte[] data);

  /**
   * Sends the remaining bytes of {@code data}, waiting while the transport cannot take more; on
   * return the buffer's position is its limit. A direct buffer is written without a copy.
   *
   * <p>This method is a checkpoint, with the rules of {@link #sendAll(byte[])}.
   *
   * @param data the bytes, from its position to its limit
   */
  @Checkpoint
  void sendAll(ByteBuffer data);

  /**
   * Waits until a {@link #sendAll} would probably not block (for a socket: the kernel's send
   * buffer has room). A hint, for code that builds what to send only when it can go out at once.
   *
   * <p>This method is a checkpoint.
   *
   * @throws dev.weft.ClosedResourceException if this stream was closed
   * @throws dev.weft.BusyResourceException if another task is sending on it
   */
  @Checkpoint
  void waitSendAllMightNotBlock();

  /**
   * Closes the stream, at once and for good. Tasks blocked in it are woken with {@link
   * dev.weft.ClosedResourceException}; closing again does nothing.
   *
   * <p>Not a checkpoint, and it never blocks (unlike Trio's {@code aclose}, which is one): in
   * Java it runs in {@code finally} blocks and try-with-resources, where a {@code CancelledError}
   * would hide the body's own exception.
   */
  @Override
  void close();
}
