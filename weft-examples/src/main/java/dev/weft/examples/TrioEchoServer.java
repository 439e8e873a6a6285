package dev.weft.examples;

import dev.weft.TaskStatus;
import dev.weft.Weft;
import dev.weft.net.SocketListener;
import dev.weft.net.SocketStream;
import dev.weft.net.Tcp;
import java.util.List;

/**
 * The Trio echo server of seeds 000, 001 and 002 ("3rd Party Library - Trio", the tutorial's
 * {@code echo-server.py}), printing the seed's lines word for word.
 *
 * <pre>{@code
 * PORT = 12345
 * BUFSIZE = 16384
 * CONNECTION_COUNTER = count()
 *
 * async def echo_server(server_stream):
 *     ident = next(CONNECTION_COUNTER)
 *     print("echo_server {}: started".format(ident))
 *     try:
 *         while True:
 *             data = await server_stream.receive_some(BUFSIZE)
 *             print(f"echo_server {ident}: received data {data!r}")
 *             if not data:
 *                 print(f"echo_server {ident}: connection closed")
 *                 return
 *             print(f"echo_server {ident}: sending data {data!r}")
 *             await server_stream.send_all(data)
 *     except Exception as exc:
 *         print(f"echo_server {ident}: crashed: {exc!r}")
 *
 * async def main():
 *     await trio.serve_tcp(echo_server, PORT)
 *
 * trio.run(main)
 * }</pre>
 *
 * <p>{@code ./weft demo trio-echo-server} serves on port 12345 of every interface until stopped
 * (Ctrl-C), so the seed's Python client (or {@code ./weft demo trio-echo-client}) can talk to it.
 * As in Trio, an exception a handler lets out would take the whole server down; the {@code catch
 * (Exception exc)} keeps one bad connection from doing that. A {@code CancelledError} is not an
 * {@code Exception}, so stopping the server still stops every handler.
 */
public final class TrioEchoServer {
  /** The seed's port. */
  public static final int PORT = 12345;

  /** How much to read at most per {@code receiveSome}: the seed's {@code BUFSIZE}. */
  public static final int BUFSIZE = 16384;

  private TrioEchoServer() {}

  /**
   * {@code async def echo_server(server_stream)}: echoes what arrives until the client closes.
   *
   * @param serverStream the connection
   * @param ident the connection's number, from the server's counter
   */
  public static void echoServer(SocketStream serverStream, int ident) {
    System.out.println("echo_server " + ident + ": started");
    try {
      while (true) {
        byte[] data = serverStream.receiveSome(BUFSIZE);
        System.out.println(
            "echo_server " + ident + ": received data " + PythonRepr.bytes(data));
        if (data.length == 0) {
          System.out.println("echo_server " + ident + ": connection closed");
          return;
        }
        System.out.println("echo_server " + ident + ": sending data " + PythonRepr.bytes(data));
        serverStream.sendAll(data);
      }
    } catch (Exception exc) {
      System.out.println("echo_server " + ident + ": crashed: " + PythonRepr.exception(exc));
    }
  }

  /**
   * {@code await trio.serve_tcp(echo_server, port)}, with its own {@code CONNECTION_COUNTER}.
   * Serves until cancelled.
   *
   * @param port the port; 0 for any free one
   * @param status receives the listeners (for {@code nursery.start}); null if nobody waits
   * @throws Exception what stopped the server
   */
  public static void serve(int port, TaskStatus<? super List<SocketListener>> status)
      throws Exception {
    int[] connectionCounter = {0}; // count(): loop-confined, so a plain int does
    Tcp.serve(s -> echoServer(s, connectionCounter[0]++), port, null, status);
  }

  /**
   * {@code trio.run(main)}: serves on {@link #PORT} until the process is stopped.
   *
   * @param args ignored
   * @throws Exception what stopped the server (for example, the port is in use)
   */
  public static void main(String[] args) throws Exception {
    Weft.run(() -> serve(PORT, null));
  }
}
