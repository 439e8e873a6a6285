package dev.weft.net;

import dev.weft.BrokenResourceException;
import dev.weft.BusyResourceException;
import dev.weft.Checkpoint;
import dev.weft.ClosedResourceException;
import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Io;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.Task;
import dev.weft.stream.HalfCloseableStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * A TCP connection as a weft stream: Trio's {@code SocketStream}, over a non-blocking {@link
 * SocketChannel} that the loop's selector watches.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * try (SocketStream s = Tcp.openStream("127.0.0.1", 12345)) {
 *   s.sendAll("hello".getBytes(StandardCharsets.UTF_8));
 *   byte[] reply = s.receiveSome(16384);      // empty: the server closed the connection
 * }
 * }
 *
 * <p>{@link Tcp#openStream} connects one and {@link SocketListener#accept()} accepts one; the
 * constructor wraps a channel that is already connected. {@code TCP_NODELAY} is on by default, as
 * in Trio: small writes go out at once instead of waiting for Nagle's algorithm.
 *
 * <h2>Rules</h2>
 *
 * The {@link dev.weft.stream} rules: every send, receive and {@link #sendEof()} is a checkpoint;
 * a cancelled receive loses no byte; a {@link #sendAll} cancelled while it waits for room (the
 * data did not all fit at once) leaves the stream broken, so later sends throw {@link
 * BrokenResourceException}; one task at a time per direction ({@link BusyResourceException});
 * {@link #close()} from another task wakes blocked ones with {@link ClosedResourceException}; a
 * connection reset gives {@link BrokenResourceException} with the {@link IOException} as cause.
 *
 * <h2>Thread rules</h2>
 *
 * A stream belongs to the loop that made it (or, for one made outside a loop, the first loop that
 * uses it). Any other thread, and any other loop, gets {@link IllegalStateException}; {@link
 * #close()} is also allowed from outside every loop, once the owning loop has ended.
 */
public final class SocketStream implements HalfCloseableStream {
  // immutable state
  private final SocketChannel channel;
  private final InetSocketAddress localAddress;
  private final InetSocketAddress remoteAddress;
  private final LoopBinding binding = new LoopBinding();

  // mutable state
  /** The task inside a receive, or null: Trio's conflict detector. */
  private Task receiver;

  /** The task inside a send, or null. */
  private Task sender;

  private boolean closed;
  private boolean eofSent;
  /** Whether the current receive has waited (so it has had its checkpoint). */
  private boolean readWaited;
  private boolean broken;

  /*
   * Implementation notes.
   *
   * Every operation first tries the non-blocking call and waits for readiness only when it would
   * block (Trio's _nonblocking_helper): a cancel point first, then the attempt, then either a wait
   * (a checkpoint) or, when no wait was needed, a cancel-shielded schedule point, so that each
   * call is a checkpoint exactly once and a receive that has its bytes is never cancelled after
   * taking them. byte[] operations go through the loop's scratch buffer (see LoopBinding), which
   * is prepared afresh after every wait and emptied before the closing schedule point: other tasks
   * of the loop use it whenever this one is parked.
   *
   * receiver/sender are set for the whole operation, waits included, and cleared in finally;
   * a second task entering finds them set and gets BusyResourceException. close() marks the
   * stream closed and calls Io.notifyClosing, which wakes the tasks in waitReadable/waitWritable
   * with ClosedResourceException; the operations rethrow it with their own name.
   * See SocketStreamTest.
   */

  /**
   * Wraps a connected channel. The channel is switched to non-blocking mode and gets {@code
   * TCP_NODELAY}; the stream owns it from now on and closes it in {@link #close()}.
   *
   * @param channel a connected socket channel
   * @throws IllegalArgumentException if the channel is not connected
   * @throws UncheckedIOException if the channel cannot be configured
   */
  public SocketStream(SocketChannel channel) {
    this.channel = Objects.requireNonNull(channel, "channel");
    if (!channel.isConnected()) {
      throw new IllegalArgumentException(
          "new SocketStream(channel): the channel is not connected; connect it first, or use "
              + "Tcp.openStream(host, port)");
    }
    try {
      channel.configureBlocking(false);
      this.localAddress = (InetSocketAddress) channel.getLocalAddress();
      this.remoteAddress = (InetSocketAddress) channel.getRemoteAddress();
    } catch (IOException e) {
      throw new UncheckedIOException("new SocketStream(channel): cannot configure " + channel, e);
    }
    try {
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    } catch (IOException | UnsupportedOperationException e) {
      // As Trio: a transport without Nagle's algorithm has nothing to turn off.
    }
  }

  // ---- receiving

  @Override
  @Checkpoint
  public byte[] receiveSome(int maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException(
          "SocketStream.receiveSome: maxBytes must be 1 or more, not " + maxBytes);
    }
    enterReceive("SocketStream.receiveSome");
    try {
      int n = read(null, maxBytes, "SocketStream.receiveSome");
      byte[] out;
      if (n <= 0) {
        out = new byte[0];
      } else {
        out = new byte[n];
        binding.scratchAfterRead().get(out);
      }
      afterRead();
      return out;
    } finally {
      receiver = null;
    }
  }

  @Override
  @Checkpoint
  public int receiveSome(ByteBuffer into) {
    Objects.requireNonNull(into, "into");
    if (!into.hasRemaining()) {
      throw new IllegalArgumentException(
          "SocketStream.receiveSome: the buffer has no room left (position == limit)");
    }
    enterReceive("SocketStream.receiveSome");
    try {
      int n;
      if (into.isDirect()) {
        n = read(into, 0, "SocketStream.receiveSome");
      } else {
        n = read(null, into.remaining(), "SocketStream.receiveSome");
        if (n > 0) {
          into.put(binding.scratchAfterRead());
        }
      }
      afterRead();
      return n;
    } finally {
      receiver = null;
    }
  }

  private void enterReceive(String api) {
    receiver = enter(api, receiver, "receiving");
  }

  /** Checks loop, open and busy; {@return the current task, to mark the direction busy} */
  private Task enter(String api, Task busyWith, String doing) {
    binding.check(api);
    if (closed) {
      throw closedError(api);
    }
    if (busyWith != null) {
      throw busyError(api, busyWith, doing);
    }
    return Scheduling.currentTask();
  }

  /**
   * Reads at least one byte (or the end: -1), waiting as needed: into {@code direct}, or, when it
   * is null, into the loop's scratch buffer (up to {@code max} bytes), which the caller must empty
   * before {@link #afterRead()}. A cancel point first; waits are checkpoints.
   */
  private int read(ByteBuffer direct, int max, String api) {
    Scheduling.checkpointIfCancelled();
    readWaited = false;
    int n;
    try {
      while (true) {
        // The scratch buffer is prepared again after every wait: other tasks use it meanwhile.
        ByteBuffer b = direct != null ? direct : binding.scratch();
        if (direct == null) {
          b.limit(Math.min(max, b.capacity()));
        }
        // The buffer has room (checked by the callers), so 0 means "nothing yet".
        if ((n = channel.read(b)) != 0) {
          break;
        }
        waitReadable(api);
        readWaited = true;
      }
    } catch (ClosedChannelException e) {
      throw closedError(api);
    } catch (IOException e) {
      throw brokenError(api, e);
    }
    return n;
  }

  /** Completes a receive's checkpoint: a schedule point if the read did not have to wait. */
  private void afterRead() {
    if (!readWaited) {
      Scheduling.cancelShieldedCheckpoint();
    }
  }

  private void waitReadable(String api) {
    try {
      Io.waitReadable(channel);
    } catch (ClosedResourceException e) {
      throw closedWhileWaiting(api, "receiving", e);
    }
  }

  // ---- sending

  @Override
  @Checkpoint
  public void sendAll(byte[] data) {
    Objects.requireNonNull(data, "data");
    enterSend("SocketStream.sendAll");
    try {
      Scheduling.checkpointIfCancelled();
      int off = 0;
      boolean waited = false;
      while (off < data.length) {
        ByteBuffer scratch = binding.scratch();
        int chunk = Math.min(data.length - off, scratch.capacity());
        scratch.put(data, off, chunk).flip();
        off += write(scratch, "SocketStream.sendAll");
        if (off < data.length) {
          waitWritableWhileSending("SocketStream.sendAll");
          waited = true;
        }
      }
      if (!waited) {
        Scheduling.cancelShieldedCheckpoint();
      }
    } finally {
      sender = null;
    }
  }

  @Override
  @Checkpoint
  public void sendAll(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    enterSend("SocketStream.sendAll");
    try {
      Scheduling.checkpointIfCancelled();
      boolean waited = false;
      while (data.hasRemaining()) {
        writeSome(data, "SocketStream.sendAll");
        if (data.hasRemaining()) {
          waitWritableWhileSending("SocketStream.sendAll");
          waited = true;
        }
      }
      if (!waited) {
        Scheduling.cancelShieldedCheckpoint();
      }
    } finally {
      sender = null;
    }
  }

  private void waitWritableWhileSending(String api) {
    try {
      Io.waitWritable(channel);
    } catch (CancelledError e) {
      // Part of the data may be in the kernel already and the rest never will be: nobody can
      // tell the peer where the message ends now (Trio's rule for a cancelled send_all).
      broken = true;
      throw e;
    } catch (ClosedResourceException e) {
      throw closedWhileWaiting(api, "sending", e);
    }
  }

  /** Writes what the kernel takes now from a buffer (through the scratch buffer if on the heap). */
  private int writeSome(ByteBuffer data, String api) {
    if (data.isDirect()) {
      return write(data, api);
    }
    ByteBuffer scratch = binding.scratch();
    int chunk = Math.min(data.remaining(), scratch.capacity());
    scratch.put(data.slice(data.position(), chunk)).flip();
    int n = write(scratch, api);
    data.position(data.position() + n);
    return n;
  }

  private int write(ByteBuffer from, String api) {
    try {
      return channel.write(from);
    } catch (ClosedChannelException e) {
      throw closed ? closedError(api) : eofSentError(api);
    } catch (IOException e) {
      broken = true;
      throw brokenError(api, e);
    }
  }

  /**
   * Sends as much of {@code data} as the kernel takes now, without waiting: the remaining bytes
   * of the buffer stay in it (its position moves past what was sent). Never blocks and is not a
   * checkpoint, so it is no cancel point either ({@code trySend} to {@link #sendAll}'s {@code
   * send}, as channels have; asyncio's transports write this way).
   *
   * @param data the bytes, from its position to its limit
   * @return how many bytes were sent, possibly 0
   * @throws BrokenResourceException if the connection failed, or an earlier send broke the stream
   * @throws ClosedResourceException if the stream is closed, or after {@link #sendEof()}
   * @throws BusyResourceException if another task is inside a send on it
   */
  public int trySend(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    enterSend("SocketStream.trySend");
    try {
      return writeSome(data, "SocketStream.trySend");
    } finally {
      sender = null;
    }
  }

  @Override
  @Checkpoint
  public void waitSendAllMightNotBlock() {
    enterSend("SocketStream.waitSendAllMightNotBlock");
    try {
      try {
        Io.waitWritable(channel);
      } catch (ClosedResourceException e) {
        throw closedWhileWaiting("SocketStream.waitSendAllMightNotBlock", "waiting", e);
      }
    } finally {
      sender = null;
    }
  }

  @Override
  @Checkpoint
  public void sendEof() {
    String api = "SocketStream.sendEof";
    sender = enter(api, sender, "sending");
    try {
      // A checkpoint under the scheduling policy (ADR 0008), like every other operation: a cancel
      // point, then a schedule point that switches only when the budget is used up. Not
      // Weft.checkpoint(), which is the user asking for a switch.
      Scheduling.checkpointIfCancelled();
      Scheduling.cancelShieldedCheckpoint();
      if (eofSent || closed) {
        return;
      }
      eofSent = true;
      channel.shutdownOutput();
    } catch (ClosedChannelException e) {
      throw closedError(api);
    } catch (IOException e) {
      throw brokenError(api, e);
    } finally {
      sender = null;
    }
  }

  private void enterSend(String api) {
    Task me = enter(api, sender, "sending");
    if (eofSent) {
      throw eofSentError(api);
    }
    if (broken) {
      throw new BrokenResourceException(
          api + ": " + this + " is broken: an earlier send was cancelled part-way or failed, so "
              + "the peer cannot know where the data ends. Close the stream.");
    }
    sender = me;
  }

  // ---- closing and options

  /**
   * Closes the connection at once. Tasks blocked in this stream are woken with {@link
   * ClosedResourceException}; closing again does nothing. Not a checkpoint.
   *
   * @throws IllegalStateException if called from a task of another loop
   */
  @Override
  public void close() {
    if (!closed) {
      binding.close(channel, "SocketStream.close");
      closed = true;
    }
  }

  /** {@return whether {@link #close()} has been called} */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Sets a socket option (Trio's {@code setsockopt}), for example {@code
   * StandardSocketOptions.SO_KEEPALIVE}. Not a checkpoint.
   *
   * @param <T> the option's value type
   * @param option the option
   * @param value its new value
   * @throws IOException if the socket rejects it
   * @throws ClosedResourceException if the stream is closed
   */
  public <T> void setOption(SocketOption<T> option, T value) throws IOException {
    binding.check("SocketStream.setOption");
    if (closed) {
      throw closedError("SocketStream.setOption");
    }
    channel.setOption(option, value);
  }

  /**
   * {@return the value of a socket option} Not a checkpoint.
   *
   * @param <T> the option's value type
   * @param option the option
   * @throws IOException if the socket cannot report it
   * @throws ClosedResourceException if the stream is closed
   */
  public <T> T getOption(SocketOption<T> option) throws IOException {
    binding.check("SocketStream.getOption");
    if (closed) {
      throw closedError("SocketStream.getOption");
    }
    return channel.getOption(option);
  }

  /** {@return this end's address} */
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  /** {@return the peer's address} */
  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  /**
   * {@return the underlying channel} For options and calls the stream does not offer; reading or
   * writing it directly bypasses the stream's rules.
   */
  public SocketChannel channel() {
    return channel;
  }

  // ---- errors

  private ClosedResourceException closedError(String api) {
    return new ClosedResourceException(
        api + ": " + this + " is closed. Open a new connection (Tcp.openStream) to go on.");
  }

  private BrokenResourceException brokenError(String api, IOException e) {
    return new BrokenResourceException(
        api + ": the connection to " + remoteAddress + " failed (" + e.getMessage() + ")", e);
  }

  private ClosedResourceException eofSentError(String api) {
    return new ClosedResourceException(
        api + ": sendEof() was called on " + this + ", so nothing more can be sent on it; "
            + "receiving still works.");
  }

  private ClosedResourceException closedWhileWaiting(
      String api, String doing, ClosedResourceException cause) {
    ClosedResourceException e =
        new ClosedResourceException(
            api + ": another task closed " + this + " while this one was " + doing + ".");
    e.initCause(cause);
    return e;
  }

  private BusyResourceException busyError(String api, Task other, String doing) {
    return new BusyResourceException(
        api + ": task '" + other.name() + "' is already " + doing + " on " + this + "; only one "
            + "task may do that at a time. Let one task own that direction (pass data on through "
            + "a memory channel), or guard it with a Lock.");
  }

  @Override
  public String toString() {
    return "SocketStream[" + localAddress + " -> " + remoteAddress
        + (closed ? ", closed" : broken ? ", broken" : eofSent ? ", eof sent" : "") + "]";
  }
}
