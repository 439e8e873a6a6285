package dev.weft.bench;

import dev.weft.BrokenResourceException;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Server;
import dev.weft.cancel.Timeouts;
import dev.weft.net.SocketListener;
import dev.weft.net.SocketStream;
import dev.weft.net.Tcp;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

/**
 * The weft echo servers the echo workloads measure, each on one loop: {@code echo_server} (Trio
 * style: {@code Tcp.serve}, {@code receiveSome}/{@code sendAll} with a direct buffer per
 * connection) and {@code echo_asyncio_server} (asyncio style: {@code startServer}, {@code
 * read}/{@code write}/{@code drain}). {@code ./weft bench echo_server PORT SECONDS} runs one alone,
 * so other load generators can drive it; it speaks the {@link ServerProbe} protocol.
 */
final class EchoServers {
  private EchoServers() {}

  /**
   * One connection, Trio style: echo until the client closes. Allocates nothing per request.
   *
   * @param s the connection
   */
  static void echo(SocketStream s) {
    ByteBuffer buf = ByteBuffer.allocateDirect(16384);
    try {
      while (true) {
        buf.clear();
        if (s.receiveSome(buf) < 0) {
          return;
        }
        buf.flip();
        s.sendAll(buf);
      }
    } catch (BrokenResourceException clientGone) {
      // the load generator resets its connections when it stops
    }
  }

  /**
   * Serves Trio style on 127.0.0.1:{@code port} for {@code seconds}.
   *
   * @param port the port; 0 for any
   * @param seconds how long
   * @throws Exception if serving fails
   */
  static void serveTrioStyle(int port, double seconds) throws Exception {
    Weft.run(
        () ->
            Timeouts.moveOnAfter(
                Duration.ofNanos((long) (seconds * 1e9)),
                () ->
                    Nursery.open(
                        n -> {
                          List<SocketListener> ls =
                              n.start(st -> Tcp.serve(EchoServers::echo, port, "127.0.0.1", st));
                          ServerProbe.start(ls.get(0).localAddress().getPort());
                        })));
  }

  /**
   * Serves asyncio style on 127.0.0.1:{@code port} for {@code seconds}. Each request allocates
   * the {@code byte[]} that {@code read} returns.
   *
   * @param port the port; 0 for any
   * @param seconds how long
   * @throws Exception if serving fails
   */
  static void serveAsyncioStyle(int port, double seconds) throws Exception {
    Asyncio.run(
        () -> {
          Server server =
              Asyncio.startServer(
                  (reader, writer) -> {
                    byte[] data;
                    while ((data = reader.read(16384)).length > 0) {
                      writer.write(data);
                      writer.drain();
                    }
                  },
                  "127.0.0.1",
                  port);
          ServerProbe.start(server.sockets().get(0).localAddress().getPort());
          Asyncio.sleep(Duration.ofNanos((long) (seconds * 1e9)));
          server.close();
          return null;
        });
  }
}
