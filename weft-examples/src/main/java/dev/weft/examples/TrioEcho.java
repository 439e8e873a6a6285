package dev.weft.examples;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.net.SocketListener;
import java.net.BindException;
import java.time.Duration;
import java.util.List;

/**
 * Seeds 000-002's Trio echo server and client run together in one program, so {@code ./weft demo
 * trio-echo} shows both sides and finishes: the server starts in a nursery ({@code
 * nursery.start}, which hands back its listener), the client talks to it for 3.5 s, then the
 * server stops, the client's receiver sees the connection close and the client exits, as the seed
 * describes.
 */
public final class TrioEcho {
  /** How long the client talks before the server is stopped. */
  static final Duration TALK = Duration.ofMillis(3500);

  private TrioEcho() {}

  /**
   * Runs the pair: a {@link TrioEchoServer} on {@code port} (or on any free port if that one is in
   * use, saying so) and a {@link TrioEchoClient} beside it, until the server is stopped.
   *
   * @param port the port to try first; 0 for any free one
   * @throws Exception what the server or client threw
   */
  public static void pair(int port) throws Exception {
    Nursery.open(
        n -> {
          Server server;
          try {
            server = startServer(n, port);
          } catch (BindException inUse) {
            System.out.println("trio-echo: port " + port + " is in use; the server takes a free port");
            server = startServer(n, 0);
          }
          CancelScope stop = server.scope();
          int actual = server.port();
          System.out.println(
              "trio-echo: the server listens on port " + actual + "; the client talks to it for "
                  + TALK.toMillis() / 1000.0 + " s, then the server stops");
          n.startSoon(
              () -> {
                Weft.sleep(TALK);
                System.out.println("trio-echo: stopping the server");
                stop.cancel();
              },
              "stopper");
          try {
            TrioEchoClient.parent(actual);
          } catch (TrioEchoClient.SystemExit exited) {
            // the client's receiver saw the server close the connection
          }
        });
  }

  /** A running server: the scope that stops it, and its port. */
  private record Server(CancelScope scope, int port) {}

  /** Starts a {@link TrioEchoServer} in a cancel scope of its own, so it can stop alone. */
  private static Server startServer(Nursery n, int port) throws Exception {
    CancelScope scope = new CancelScope();
    List<SocketListener> ls =
        n.start(status -> scope.run(() -> TrioEchoServer.serve(port, status)), "server");
    return new Server(scope, ls.get(0).localAddress().getPort());
  }

  /**
   * Runs the pair on the seeds' port 12345, or on a free port if it is in use.
   *
   * @param args ignored
   * @throws Exception what the server or client threw
   */
  public static void main(String[] args) throws Exception {
    Weft.run(() -> pair(TrioEchoServer.PORT));
  }
}
