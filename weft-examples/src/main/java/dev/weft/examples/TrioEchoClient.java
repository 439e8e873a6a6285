package dev.weft.examples;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.net.SocketStream;
import dev.weft.net.Tcp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Trio echo client of seeds 000, 001 and 002, printing the seed's lines word for word.
 *
 * <pre>{@code
 * PORT = 12345
 * BUFSIZE = 16384
 *
 * async def sender(client_stream):
 *     print("sender: started!")
 *     while True:
 *         data = b"async can sometimes be confusing, but I believe in you!"
 *         print(f"sender: sending {data!r}")
 *         await client_stream.send_all(data)
 *         await trio.sleep(1)
 *
 * async def receiver(client_stream):
 *     print("receiver: started!")
 *     while True:
 *         data = await client_stream.receive_some(BUFSIZE)
 *         print(f"receiver: got data {data!r}")
 *         if not data:
 *             print("receiver: connection closed")
 *             sys.exit()
 *
 * async def parent():
 *     print(f"parent: connecting to 127.0.0.1:{PORT}")
 *     client_stream = await trio.open_tcp_stream("127.0.0.1", PORT)
 *     async with client_stream:
 *         async with trio.open_nursery() as nursery:
 *             print("parent: spawning sender...")
 *             nursery.start_soon(sender, client_stream)
 *
 *             print("parent: spawning receiver...")
 *             nursery.start_soon(receiver, client_stream)
 *
 * trio.run(parent)
 * }</pre>
 *
 * <p>{@code sys.exit()} raises {@code SystemExit}, which cancels the sender on its way out of the
 * nursery and ends the program; {@link SystemExit} does the same here, and {@link #main} catches
 * it. {@code ./weft demo trio-echo-client} connects to port 12345 (run {@code ./weft demo
 * trio-echo-server}, or the seed's Python server, first).
 */
public final class TrioEchoClient {
  /** The seed's port. */
  public static final int PORT = 12345;

  /** How much to read at most per {@code receiveSome}: the seed's {@code BUFSIZE}. */
  public static final int BUFSIZE = 16384;

  /** What the sender sends every second. */
  static final byte[] DATA =
      "async can sometimes be confusing, but I believe in you!".getBytes(StandardCharsets.US_ASCII);

  /** Python's {@code SystemExit}: thrown by {@code sys.exit()} to end the program. */
  public static final class SystemExit extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates it. */
    public SystemExit() {
      super("sys.exit()");
    }
  }

  private TrioEchoClient() {}

  /**
   * {@code async def sender(client_stream)}: sends the message every second, for ever.
   *
   * @param clientStream the connection
   */
  public static void sender(SocketStream clientStream) {
    System.out.println("sender: started!");
    while (true) {
      byte[] data = DATA;
      System.out.println("sender: sending " + PythonRepr.bytes(data));
      clientStream.sendAll(data);
      Weft.sleep(Duration.ofSeconds(1));
    }
  }

  /**
   * {@code async def receiver(client_stream)}: prints what comes back; exits when the server
   * closes the connection.
   *
   * @param clientStream the connection
   * @throws SystemExit when the server has closed the connection
   */
  public static void receiver(SocketStream clientStream) {
    System.out.println("receiver: started!");
    while (true) {
      byte[] data = clientStream.receiveSome(BUFSIZE);
      System.out.println("receiver: got data " + PythonRepr.bytes(data));
      if (data.length == 0) {
        System.out.println("receiver: connection closed");
        throw new SystemExit();
      }
    }
  }

  /**
   * {@code async def parent()}: connects, then runs the sender and the receiver.
   *
   * @param port the server's port
   * @throws SystemExit when the server has closed the connection
   * @throws Exception if it cannot connect
   */
  public static void parent(int port) throws Exception {
    System.out.println("parent: connecting to 127.0.0.1:" + port);
    try (SocketStream clientStream = Tcp.openStream("127.0.0.1", port)) {
      Nursery.open(
          nursery -> {
            System.out.println("parent: spawning sender...");
            nursery.startSoon(() -> sender(clientStream), "sender");

            System.out.println("parent: spawning receiver...");
            nursery.startSoon(() -> receiver(clientStream), "receiver");
          });
    }
  }

  /**
   * {@code trio.run(parent)}: talks to the server on {@link #PORT} until it closes the connection.
   *
   * @param args ignored
   * @throws Exception if it cannot connect
   */
  public static void main(String[] args) throws Exception {
    try {
      Weft.run(() -> parent(PORT));
    } catch (SystemExit done) {
      // sys.exit(): the normal end
    }
  }
}
