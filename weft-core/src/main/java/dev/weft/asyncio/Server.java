package dev.weft.asyncio;

import dev.weft.Checkpoint;
import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.lowlevel.LoopConfinement;
import dev.weft.net.SocketListener;
import dev.weft.net.SocketStream;
import dev.weft.sync.Event;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A TCP server made by {@link Asyncio#startServer}: asyncio's {@code Server}. It serves from the
 * moment it is made: each connection runs the callback in a task of the loop, with a {@link
 * StreamReader} and a {@link StreamWriter}.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * try (Server server = Asyncio.startServer(Echo::handle, "127.0.0.1", 8888)) {   // async with server:
 *   System.out.println("Serving on " + server.sockets().get(0).localAddress());
 *   server.serveForever();
 * }
 * }
 *
 * <h2>Differences from asyncio</h2>
 *
 * <ul>
 *   <li>A callback's exception is logged and the server serves on, as in asyncio (and unlike
 *       {@code Tcp.serve}, where it stops the server). When the callback returns, its writer is
 *       closed (after flushing); asyncio leaves that to the garbage collector.
 *   <li>{@link #serveForever()} returns normally when another task closes the server, where
 *       asyncio's raises {@code CancelledError}; cancelling the task in it closes the server, as
 *       in asyncio.
 *   <li>{@link #close()} in try-with-resources does not wait; call {@link #waitClosed()} for
 *       {@code async with}'s wait.
 *   <li>An accept that fails (too many open files, for example) is logged and retried after 1 s
 *       (asyncio's {@code ACCEPT_RETRY_DELAY}).
 * </ul>
 *
 * <p>Use it from the loop that made it.
 */
public final class Server implements AutoCloseable {
  /** asyncio's {@code ACCEPT_RETRY_DELAY}. */
  static final Duration ACCEPT_RETRY_DELAY = Duration.ofSeconds(1);

  private static final System.Logger LOG = System.getLogger("dev.weft.asyncio");

  // immutable state
  private final List<SocketListener> listeners;
  private final ClientConnectedCallback callback;
  private final int limit;
  private final List<CancelScope> acceptScopes = new ArrayList<>();
  private final Event closedEvent = new Event();
  private final Event allDone = new Event();
  private final LoopConfinement confinement = LoopConfinement.ofCurrentLoop();

  // mutable state
  private int acceptLoops;
  private int activeConnections;
  private boolean closed;

  Server(List<SocketListener> listeners, ClientConnectedCallback callback, int limit) {
    this.listeners = List.copyOf(listeners);
    this.callback = Objects.requireNonNull(callback, "callback");
    this.limit = limit;
    for (SocketListener l : this.listeners) {
      acceptLoops++;
      CancelScope scope = new CancelScope();
      acceptScopes.add(scope);
      Asyncio.createTask(() -> acceptLoop(l, scope), "server accept " + l.localAddress());
    }
  }

  private Void acceptLoop(SocketListener l, CancelScope scope) {
    try {
      scope.run(
          () -> {
            while (true) {
              SocketStream s;
              try {
                s = l.accept();
              } catch (IOException e) {
                try {
                  LOG.log(
                      System.Logger.Level.ERROR,
                      "accept on " + l + " failed (" + e.getMessage() + "); retrying in "
                          + ACCEPT_RETRY_DELAY.toSeconds() + " s");
                } catch (RuntimeException | Error loggingFailed) {
                  // out of descriptors the log backend may fail too; serving goes on
                  if (loggingFailed instanceof dev.weft.cancel.CancelledError c) {
                    throw c;
                  }
                }
                Weft.sleep(ACCEPT_RETRY_DELAY);
                continue;
              }
              activeConnections++;
              Asyncio.createTask(() -> serveOne(s), "client " + s.remoteAddress());
            }
          });
    } catch (dev.weft.ClosedResourceException closedUnderneath) {
      // close() closed the listener while this task was accepting
    } catch (Exception e) {
      LOG.log(System.Logger.Level.ERROR, "the accept loop of " + l + " failed", e);
    } finally {
      l.close();
      acceptLoops--;
      maybeDone();
    }
    return null;
  }

  private Void serveOne(SocketStream s) {
    StreamReader reader = new StreamReader(s, limit);
    StreamWriter writer = new StreamWriter(s, reader);
    try {
      callback.handle(reader, writer);
    } catch (Exception e) {
      LOG.log(System.Logger.Level.ERROR, "Unhandled exception in client_connected_cb", e);
    } finally {
      writer.close();
      activeConnections--;
      maybeDone();
    }
    return null;
  }

  private void maybeDone() {
    if (closed && acceptLoops == 0 && activeConnections == 0) {
      allDone.set();
    }
  }

  /** {@return the listening sockets (asyncio's {@code server.sockets}); empty once closed} */
  public List<SocketListener> sockets() {
    return closed ? List.of() : listeners;
  }

  /** {@return whether the server accepts connections} */
  public boolean isServing() {
    return !closed;
  }

  /**
   * Serves until the server is closed: by another task's {@link #close()}, or by cancelling the
   * task in here, which closes it.
   *
   * <p>This method is a checkpoint.
   */
  @Checkpoint
  public void serveForever() {
    confinement.check("Server.serveForever");
    if (closed) {
      throw new IllegalStateException("Server.serveForever: the server is closed");
    }
    try {
      closedEvent.await();
    } finally {
      close();
    }
  }

  /**
   * Stops accepting and closes the listening sockets (asyncio's {@code close()}); connections
   * being served go on. Never blocks; not a checkpoint.
   */
  @Override
  public void close() {
    confinement.check("Server.close");
    if (closed) {
      return;
    }
    closed = true;
    acceptScopes.forEach(CancelScope::cancel);
    closedEvent.set();
    maybeDone();
  }

  /**
   * Waits until the server is closed and every connection it accepted has been served (asyncio
   * 3.12's {@code wait_closed}).
   *
   * <p>This method is a checkpoint.
   */
  @Checkpoint
  public void waitClosed() {
    confinement.check("Server.waitClosed");
    if (!closed) {
      closedEvent.await();
    }
    allDone.await();
  }

  @Override
  public String toString() {
    List<Object> addrs = new ArrayList<>();
    listeners.forEach(l -> addrs.add(l.localAddress()));
    return "Server[" + addrs + (closed ? ", closed" : ", serving") + ", " + activeConnections
        + " connections]";
  }
}
