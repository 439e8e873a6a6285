package dev.weft.net;

import dev.weft.Checkpoint;
import dev.weft.Nursery;
import dev.weft.TaskStatus;
import dev.weft.Weft;
import dev.weft.lowlevel.Io;
import dev.weft.lowlevel.Scheduling;
import dev.weft.stream.Listener;
import dev.weft.stream.StreamHandler;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * TCP clients and servers: Trio's {@code open_tcp_stream}, {@code open_tcp_listeners}, {@code
 * serve_tcp} and {@code serve_listeners}.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * // a client
 * try (SocketStream s = Tcp.openStream("example.com", 80)) { ... }
 *
 * // a server, in the background of a nursery; port 0 picks a free port
 * Nursery.open(n -> {
 *   List<SocketListener> ls = n.start(status -> Tcp.serve(stream -> echo(stream), 0, "127.0.0.1", status));
 *   int port = ls.get(0).localAddress().getPort();
 *   ...
 *   n.cancelScope().cancel();   // stops the server and its handlers
 * });
 * }
 *
 * <h2>Servers</h2>
 *
 * {@link #serveListeners} accepts on every listener and runs the handler for each connection in a
 * task of its own, closing the stream when the handler returns. As in Trio, <b>an exception
 * from a handler propagates</b>: it cancels the server and every other connection, and comes out
 * of {@code serve}; a server that must outlive a failing connection catches in its handler (as
 * the seeds' echo server does with {@code except Exception}). Errors that mean "out of resources"
 * ({@code Too many open files}, out of memory or buffers) do not stop the server: it logs them,
 * waits 100 ms and accepts again, serving the connections it has meanwhile.
 *
 * <p>Every method must be called from a task.
 */
public final class Tcp {
  /** Trio's default stagger between connection attempts: 250 ms (RFC 8305 recommends it). */
  public static final Duration DEFAULT_HAPPY_EYEBALLS_DELAY = Duration.ofMillis(250);

  /** The listen backlog {@link #openListeners} asks for; the OS caps it (Linux: somaxconn). */
  public static final int DEFAULT_BACKLOG = 0xFFFF;

  /** How long the server waits after an "out of resources" accept error: Trio's 100 ms. */
  static final Duration ACCEPT_BACKOFF = Duration.ofMillis(100);

  private static final System.Logger LOG = System.getLogger("dev.weft.net");

  private Tcp() {}

  // ---- clients

  /**
   * Connects to a TCP server, with happy eyeballs: every address the host resolves to is tried,
   * the next one starting when the previous fails or after {@link #DEFAULT_HAPPY_EYEBALLS_DELAY};
   * the first to connect wins and the others are cancelled and closed.
   *
   * <p>This method is a checkpoint.
   *
   * @param host a host name or a literal address
   * @param port the port, 1 to 65535
   * @return the connection, which the caller owns
   * @throws java.net.UnknownHostException if the name cannot be resolved (the message names host
   *     and port)
   * @throws java.net.ConnectException if every attempt failed; the message names host, port and
   *     each attempt's cause
   * @throws IllegalArgumentException if the port is out of range
   * @throws dev.weft.cancel.CancelledError if cancelled; every socket it opened is closed
   */
  @Checkpoint
  public static SocketStream openStream(String host, int port) throws IOException {
    return openStream(host, port, DEFAULT_HAPPY_EYEBALLS_DELAY);
  }

  /**
   * Connects to a TCP server as {@link #openStream(String, int)}, with a given stagger between
   * attempts (Trio's {@code happy_eyeballs_delay}).
   *
   * <p>This method is a checkpoint.
   *
   * @param host a host name or a literal address
   * @param port the port, 1 to 65535
   * @param happyEyeballsDelay how long one attempt runs alone before the next starts; null waits
   *     for each attempt to fail first
   * @return the connection
   * @throws IOException as {@link #openStream(String, int)}
   */
  @Checkpoint
  public static SocketStream openStream(String host, int port, Duration happyEyeballsDelay)
      throws IOException {
    Objects.requireNonNull(host, "host");
    String api = "Tcp.openStream";
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(api + ": port must be 1 to 65535, not " + port);
    }
    Duration delay =
        happyEyeballsDelay == null ? Duration.ofSeconds(Long.MAX_VALUE) : happyEyeballsDelay;
    // The checkpoint under the scheduling policy (ADR 0008), not an explicit yield.
    Scheduling.checkpointIfCancelled();
    Scheduling.cancelShieldedCheckpoint();
    List<InetSocketAddress> targets = new ArrayList<>();
    for (InetAddress a : Resolver.resolve(host, port, api)) {
      targets.add(new InetSocketAddress(a, port));
    }
    SocketChannel ch;
    try {
      ch = HappyEyeballs.connect(host, port, targets, delay, HappyEyeballs::connectChannel, api);
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(api + ": connecting to " + host + ":" + port + " failed", e);
    }
    try {
      return new SocketStream(ch);
    } catch (RuntimeException e) {
      Io.notifyClosing(ch);
      ch.close();
      throw e;
    }
  }

  // ---- servers

  /**
   * Opens listening sockets on {@code port} on every interface (one dual-stack socket where the
   * OS allows, which accepts IPv4 and IPv6). Not a checkpoint.
   *
   * @param port the port; 0 picks a free one (see {@link SocketListener#localAddress()})
   * @return the listeners, which the caller owns
   * @throws java.net.BindException if the port is in use (the message names it)
   * @throws IOException if the socket cannot be opened
   */
  public static List<SocketListener> openListeners(int port) throws IOException {
    return openListeners(port, null, DEFAULT_BACKLOG);
  }

  /**
   * Opens a listening socket on {@code port} for each address {@code host} resolves to. A
   * checkpoint when it must look a name up.
   *
   * @param port the port; 0 picks a free one (for each listener separately)
   * @param host a host name or literal address; null for every interface
   * @return the listeners, which the caller owns
   * @throws java.net.BindException if the port is in use (the message names host and port)
   * @throws java.net.UnknownHostException if the host cannot be resolved
   * @throws IOException if a socket cannot be opened
   */
  public static List<SocketListener> openListeners(int port, String host) throws IOException {
    return openListeners(port, host, DEFAULT_BACKLOG);
  }

  /**
   * Opens listening sockets as {@link #openListeners(int, String)}, with a listen backlog.
   *
   * @param port the port; 0 picks a free one
   * @param host a host name or literal address; null for every interface
   * @param backlog the most connections the OS queues before {@code accept}
   * @return the listeners
   * @throws IOException as {@link #openListeners(int, String)}
   */
  public static List<SocketListener> openListeners(int port, String host, int backlog)
      throws IOException {
    String api = "Tcp.openListeners";
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(api + ": port must be 0 to 65535, not " + port);
    }
    List<InetSocketAddress> addresses = new ArrayList<>();
    if (host == null) {
      addresses.add(new InetSocketAddress(port));
    } else {
      for (InetAddress a : Resolver.resolve(host, port, api)) {
        addresses.add(new InetSocketAddress(a, port));
      }
    }
    List<SocketListener> out = new ArrayList<>(addresses.size());
    try {
      for (InetSocketAddress address : addresses) {
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
          ch.bind(address, backlog);
        } catch (BindException e) {
          ch.close();
          BindException named =
              new BindException(
                  api + ": cannot listen on "
                      + HappyEyeballs.hostPort(host == null ? "*" : host, port) + " ("
                      + e.getMessage() + "); is another server using the port? Pick another "
                      + "one, or 0 for any free port.");
          named.initCause(e);
          throw named;
        } catch (IOException | RuntimeException e) {
          ch.close();
          throw e;
        }
        out.add(new SocketListener(ch));
      }
    } catch (IOException | RuntimeException e) {
      out.forEach(SocketListener::close);
      throw e;
    }
    return out;
  }

  /**
   * Serves TCP on {@code port} on every interface until cancelled: {@link #openListeners(int)}
   * then {@link #serveListeners}. Never returns normally.
   *
   * <p>This method is a checkpoint.
   *
   * @param handler run for each connection, in a task of its own
   * @param port the port; 0 picks a free one
   * @throws Exception a handler's exception (which stopped the server), or a listener's
   */
  @Checkpoint
  public static void serve(StreamHandler<? super SocketStream> handler, int port)
      throws Exception {
    serve(handler, port, null, null);
  }

  /**
   * Serves TCP on {@code port} of {@code host} until cancelled; for {@link Nursery#start}, which
   * returns the listeners once they accept connections:
   *
   * {@snippet lang=java :
   * List<SocketListener> ls = nursery.start(status -> Tcp.serve(handler, 0, "127.0.0.1", status));
   * }
   *
   * <p>This method is a checkpoint. Never returns normally.
   *
   * @param handler run for each connection, in a task of its own
   * @param port the port; 0 picks a free one
   * @param host a host name or literal address; null for every interface
   * @param status receives the listeners once they are open; null if nobody waits
   * @throws Exception a handler's exception (which stopped the server), or a listener's
   */
  @Checkpoint
  public static void serve(
      StreamHandler<? super SocketStream> handler,
      int port,
      String host,
      TaskStatus<? super List<SocketListener>> status)
      throws Exception {
    Objects.requireNonNull(handler, "handler");
    serveListeners(handler, openListeners(port, host), null, status);
  }

  /**
   * Accepts connections on every listener and runs {@code handler} for each, in a task of its own
   * in {@code handlerNursery} (by default, a nursery of this call), until cancelled. Closes the
   * listeners when it ends, and each stream when its handler returns. Never returns normally.
   *
   * <p>This method is a checkpoint. See the class documentation for what a failing handler does
   * and how accept errors are handled.
   *
   * @param <S> the kind of stream
   * @param <L> the kind of listener
   * @param handler run for each connection
   * @param listeners the listeners, which this call owns from now on
   * @param handlerNursery where the handlers run; null for a nursery of this call
   * @param status receives {@code listeners} once every one is being served; null if nobody waits
   * @throws Exception a handler's or a listener's exception
   */
  @Checkpoint
  public static <S extends AutoCloseable, L extends Listener<? extends S>> void serveListeners(
      StreamHandler<? super S> handler,
      List<L> listeners,
      Nursery handlerNursery,
      TaskStatus<? super List<L>> status)
      throws Exception {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(listeners, "listeners");
    if (listeners.isEmpty()) {
      throw new IllegalArgumentException("Tcp.serveListeners: no listeners to serve");
    }
    Nursery.open(
        n -> {
          Nursery handlers = handlerNursery != null ? handlerNursery : n;
          for (L listener : listeners) {
            n.startSoon(() -> serveOne(listener, handlers, handler), "serve " + listener);
          }
          if (status != null) {
            status.started(listeners);
          }
        });
    throw new AssertionError("Tcp.serveListeners: the accept loops never end without an error");
  }

  private static <S extends AutoCloseable> void serveOne(
      Listener<? extends S> listener, Nursery handlers, StreamHandler<? super S> handler)
      throws Exception {
    try (listener) {
      while (true) {
        S stream;
        try {
          stream = listener.accept();
        } catch (IOException e) {
          if (!isOutOfResources(e)) {
            throw e;
          }
          logBestEffort(
              "accept on " + listener + " failed (" + e.getMessage() + "); retrying in "
                  + ACCEPT_BACKOFF.toMillis() + " ms");
          Weft.sleep(ACCEPT_BACKOFF);
          continue;
        }
        handlers.startSoon(() -> runHandler(stream, handler), "handler " + stream);
      }
    }
  }

  /**
   * Logs an accept failure, never failing itself: out of descriptors, the logging backend may be
   * unable to open what it needs (java.util.logging's first timestamp opens tzdb.dat, and throws
   * an Error when it cannot), and a log line must not take the server down. See FdExhaustionTest.
   */
  private static void logBestEffort(String message) {
    try {
      LOG.log(System.Logger.Level.ERROR, message);
    } catch (RuntimeException | Error loggingFailed) {
      // ZoneInfoFile wraps its IOException in a plain Error; the server goes on regardless.
      if (loggingFailed instanceof dev.weft.cancel.CancelledError c) {
        throw c;
      }
    }
  }

  private static <S extends AutoCloseable> void runHandler(S stream, StreamHandler<? super S> h)
      throws Exception {
    try (stream) {
      h.handle(stream);
    }
  }

  /**
   * {@return whether an accept error means "out of resources, try again later"} Trio's {@code
   * ACCEPT_CAPACITY_ERRNOS} (EMFILE, ENFILE, ENOMEM, ENOBUFS); the JDK gives only the message.
   */
  static boolean isOutOfResources(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null
          && (m.contains("Too many open files")
              || m.contains("Cannot allocate memory")
              || m.contains("No buffer space available"))) {
        return true;
      }
    }
    return false;
  }
}
