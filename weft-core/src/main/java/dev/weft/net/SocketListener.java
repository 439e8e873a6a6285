package dev.weft.net;

import dev.weft.BusyResourceException;
import dev.weft.Checkpoint;
import dev.weft.ClosedResourceException;
import dev.weft.lowlevel.Io;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.Task;
import dev.weft.stream.Listener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * A listening TCP socket that accepts connections as {@link SocketStream}s: Trio's {@code
 * SocketListener}.
 *
 * <p>{@link Tcp#openListeners} makes them; {@link Tcp#serveListeners} runs a handler for every
 * connection. The constructor wraps a channel that is already bound.
 *
 * <h2>Thread rules</h2>
 *
 * As {@link SocketStream}: it belongs to the loop that made it (or first used it).
 */
public final class SocketListener implements Listener<SocketStream> {
  // immutable state
  private final ServerSocketChannel channel;
  private final InetSocketAddress localAddress;
  private final LoopBinding binding = new LoopBinding();

  // mutable state
  private Task accepter;
  private boolean closed;

  /**
   * Wraps a bound channel, switching it to non-blocking mode; the listener owns it from now on.
   *
   * @param channel a bound server socket channel
   * @throws IllegalArgumentException if the channel is not bound
   * @throws UncheckedIOException if it cannot be configured
   */
  public SocketListener(ServerSocketChannel channel) {
    this.channel = Objects.requireNonNull(channel, "channel");
    try {
      if (channel.getLocalAddress() == null) {
        throw new IllegalArgumentException(
            "new SocketListener(channel): the channel is not bound; bind it first, or use "
                + "Tcp.openListeners(port)");
      }
      channel.configureBlocking(false);
      this.localAddress = (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "new SocketListener(channel): cannot configure " + channel, e);
    }
  }

  /**
   * Waits for the next connection and returns it as a {@link SocketStream}, which the caller owns.
   *
   * <p>This method is a checkpoint. If cancelled, no connection was taken.
   *
   * @return the new connection
   * @throws IOException if accepting failed (for example {@code Too many open files}); the
   *     listener stays usable
   * @throws ClosedResourceException if the listener is closed, also by another task while this
   *     one waited
   * @throws BusyResourceException if another task is accepting on it
   * @throws dev.weft.cancel.CancelledError if cancelled
   */
  @Override
  @Checkpoint
  public SocketStream accept() throws IOException {
    String api = "SocketListener.accept";
    binding.check(api);
    if (closed) {
      throw closedError(api);
    }
    if (accepter != null) {
      throw new BusyResourceException(
          api + ": task '" + accepter.name() + "' is already accepting on " + this + "; only one "
              + "task may accept at a time. Let one task accept and hand the connections out.");
    }
    accepter = Scheduling.currentTask();
    try {
      Scheduling.checkpointIfCancelled();
      boolean waited = false;
      SocketChannel c;
      while ((c = channel.accept()) == null) {
        try {
          Io.waitReadable(channel);
        } catch (ClosedResourceException e) {
          ClosedResourceException mine =
              new ClosedResourceException(
                  api + ": another task closed " + this + " while this one was accepting.");
          mine.initCause(e);
          throw mine;
        }
        waited = true;
      }
      SocketStream s;
      try {
        s = new SocketStream(c);
      } catch (RuntimeException e) {
        c.close();
        throw e;
      }
      if (!waited) {
        Scheduling.cancelShieldedCheckpoint();
      }
      return s;
    } catch (ClosedChannelException e) {
      throw closedError(api);
    } catch (IOException e) {
      throw new IOException(api + " on " + localAddress + " failed: " + e.getMessage(), e);
    } finally {
      accepter = null;
    }
  }

  /**
   * Stops listening, at once. A task blocked in {@link #accept()} is woken with {@link
   * ClosedResourceException}; closing again does nothing. Not a checkpoint.
   *
   * @throws IllegalStateException if called from a task of another loop
   */
  @Override
  public void close() {
    if (!closed) {
      binding.close(channel, "SocketListener.close");
      closed = true;
    }
  }

  /** {@return whether {@link #close()} has been called} */
  public boolean isClosed() {
    return closed;
  }

  /** {@return the address it listens on, with the real port when it was bound to port 0} */
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  /** {@return the underlying channel} */
  public ServerSocketChannel channel() {
    return channel;
  }

  private ClosedResourceException closedError(String api) {
    return new ClosedResourceException(
        api + ": " + this + " is closed. Open a new listener (Tcp.openListeners) to go on.");
  }

  @Override
  public String toString() {
    return "SocketListener[" + localAddress + (closed ? ", closed" : "") + "]";
  }
}
