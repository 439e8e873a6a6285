package dev.weft.examples;

import dev.weft.RunConfig;
import dev.weft.asyncio.AsyncTask;
import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Server;
import java.net.BindException;
import java.util.function.UnaryOperator;

/**
 * Seed 001 "Streams" in one program, so {@code ./weft demo echo} shows both sides and finishes:
 * the server serves forever in a task, the client sends {@code 'Hello World!'} once, then the
 * server is closed.
 */
public final class Echo {
  private Echo() {}

  /**
   * The pair, on {@code port} of 127.0.0.1 (or any free port if it is in use, saying so).
   *
   * @param port the port to try first; 0 for any free one
   * @throws Exception what the server or client threw
   */
  public static void pair(int port) throws Exception {
    Server server;
    try {
      server = EchoServer.start(port);
    } catch (BindException inUse) {
      System.out.println("echo: port " + port + " is in use; the server takes a free port");
      server = EchoServer.start(0);
    }
    Server s = server;
    AsyncTask<Void> serving =
        Asyncio.createTask(
            () -> {
              try (s) { // async with server: await server.serve_forever()
                s.serveForever();
              }
              return null;
            },
            "server");
    EchoClient.tcpEchoClient("Hello World!", s.sockets().get(0).localAddress().getPort());
    s.close();
    serving.await();
    s.waitClosed();
  }

  static void run(UnaryOperator<RunConfig> options, int port) throws Exception {
    AsyncioMain.run(options, () -> pair(port));
  }

  /**
   * Runs the pair on the seed's port 8888, or a free one if it is in use.
   *
   * @param args ignored
   * @throws Exception what the server or client threw
   */
  public static void main(String[] args) throws Exception {
    run(c -> c, EchoServer.PORT);
  }
}
