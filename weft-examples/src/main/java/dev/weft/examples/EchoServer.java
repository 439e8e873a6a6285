package dev.weft.examples;

import dev.weft.RunConfig;
import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Server;
import dev.weft.asyncio.StreamReader;
import dev.weft.asyncio.StreamWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * Seed 001 "Streams": the asyncio TCP echo server, printing the seed's lines.
 *
 * <pre>{@code
 * async def handle_echo(reader, writer):
 *     data = await reader.read(100)
 *     message = data.decode()
 *     addr = writer.get_extra_info('peername')
 *     print(f"Received {message!r} from {addr!r}")
 *     print(f"Send: {message!r}")
 *     writer.write(data)
 *     await writer.drain()
 *     print("Close the connection")
 *     writer.close()
 *
 * async def main():
 *     server = await asyncio.start_server(handle_echo, '127.0.0.1', 8888)
 *     addr = server.sockets[0].getsockname()
 *     print(f'Serving on {addr}')
 *     async with server:
 *         await server.serve_forever()
 *
 * asyncio.run(main())
 * }</pre>
 *
 * {@code ./weft demo echo-server} serves on 127.0.0.1:8888 until stopped, for the seed's client
 * (or {@code ./weft demo echo-client}).
 */
public final class EchoServer {
  /** The seed's port. */
  public static final int PORT = 8888;

  private EchoServer() {}

  /**
   * {@code async def handle_echo(reader, writer)}: echoes one read of up to 100 bytes, then closes.
   *
   * @param reader the connection's reader
   * @param writer the connection's writer
   */
  public static void handleEcho(StreamReader reader, StreamWriter writer) {
    byte[] data = reader.read(100);
    String message = new String(data, StandardCharsets.UTF_8);
    InetSocketAddress addr = (InetSocketAddress) writer.getExtraInfo("peername");
    System.out.println(
        "Received " + PythonRepr.str(message) + " from " + PythonRepr.address(addr));
    System.out.println("Send: " + PythonRepr.str(message));
    writer.write(data);
    writer.drain();
    System.out.println("Close the connection");
    writer.close();
  }

  /**
   * Starts the server on {@code port} of 127.0.0.1 and prints where it serves: the first half of
   * {@code async def main()}.
   *
   * @param port the port; 0 for any free one
   * @return the server, serving
   * @throws Exception if it cannot listen
   */
  public static Server start(int port) throws Exception {
    Server server = Asyncio.startServer(EchoServer::handleEcho, "127.0.0.1", port);
    InetSocketAddress addr = server.sockets().get(0).localAddress();
    System.out.println("Serving on " + PythonRepr.address(addr));
    return server;
  }

  /**
   * {@code async def main()}: serves until cancelled.
   *
   * @param port the port
   * @throws Exception if it cannot listen
   */
  public static void main(int port) throws Exception {
    try (Server server = start(port)) {
      server.serveForever();
    }
  }

  static void run(UnaryOperator<RunConfig> options, int port) throws Exception {
    AsyncioMain.run(options, () -> main(port));
  }

  /**
   * {@code asyncio.run(main())}: serves on 127.0.0.1:8888 until the process is stopped.
   *
   * @param args ignored
   * @throws Exception if it cannot listen
   */
  public static void main(String[] args) throws Exception {
    run(c -> c, PORT);
  }
}
