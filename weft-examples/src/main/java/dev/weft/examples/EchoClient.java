package dev.weft.examples;

import dev.weft.RunConfig;
import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.StreamPair;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * Seed 001 "Streams": the asyncio TCP echo client, printing the seed's lines.
 *
 * <pre>{@code
 * async def tcp_echo_client(message):
 *     reader, writer = await asyncio.open_connection('127.0.0.1', 8888)
 *     print(f'Send: {message!r}')
 *     writer.write(message.encode())
 *     await writer.drain()
 *     data = await reader.read(100)
 *     print(f'Received: {data.decode()!r}')
 *     print('Close the connection')
 *     writer.close()
 *     await writer.wait_closed()
 *
 * asyncio.run(tcp_echo_client('Hello World!'))
 * }</pre>
 *
 * {@code ./weft demo echo-client} talks to 127.0.0.1:8888 (start {@code ./weft demo echo-server},
 * or the seed's Python server, first).
 */
public final class EchoClient {
  private EchoClient() {}

  /**
   * {@code async def tcp_echo_client(message)}.
   *
   * @param message what to send
   * @param port the server's port
   * @throws Exception if it cannot connect
   */
  public static void tcpEchoClient(String message, int port) throws Exception {
    StreamPair conn = Asyncio.openConnection("127.0.0.1", port);
    var reader = conn.reader();
    var writer = conn.writer();
    System.out.println("Send: " + PythonRepr.str(message));
    writer.write(message.getBytes(StandardCharsets.UTF_8));
    writer.drain();
    byte[] data = reader.read(100);
    System.out.println("Received: " + PythonRepr.str(new String(data, StandardCharsets.UTF_8)));
    System.out.println("Close the connection");
    writer.close();
    writer.waitClosed();
  }

  static void run(UnaryOperator<RunConfig> options, int port) throws Exception {
    AsyncioMain.run(options, () -> tcpEchoClient("Hello World!", port));
  }

  /**
   * {@code asyncio.run(tcp_echo_client('Hello World!'))} against 127.0.0.1:8888.
   *
   * @param args ignored
   * @throws Exception if it cannot connect
   */
  public static void main(String[] args) throws Exception {
    run(c -> c, EchoServer.PORT);
  }
}
