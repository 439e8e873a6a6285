package dev.weft.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The echo workload's baseline: a raw java.nio echo server on one thread (one selector, a direct
 * buffer per connection, no framework), what DESIGN.md's "raw 1-thread NIO" figure measured.
 *
 * <p>{@code java dev.weft.bench.RawNioEchoServer PORT SECONDS}: prints {@code listening PORT}, then
 * serves until SECONDS have passed. It answers the {@link ServerProbe} protocol on stdin.
 */
public final class RawNioEchoServer {
  private RawNioEchoServer() {}

  /**
   * Serves.
   *
   * @param args PORT SECONDS
   * @throws IOException if the socket fails
   */
  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    long end = System.nanoTime() + (long) (Double.parseDouble(args[1]) * 1e9);
    Selector selector = Selector.open();
    ServerSocketChannel server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress("127.0.0.1", port), 1024);
    server.configureBlocking(false);
    server.register(selector, SelectionKey.OP_ACCEPT);
    ServerProbe.start(server.socket().getLocalPort());
    while (System.nanoTime() < end) {
      selector.select(100);
      for (SelectionKey k : selector.selectedKeys()) {
        if (!k.isValid()) {
          continue;
        }
        if (k.isAcceptable()) {
          SocketChannel c = server.accept();
          if (c != null) {
            c.configureBlocking(false);
            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            c.register(selector, SelectionKey.OP_READ, ByteBuffer.allocateDirect(16384));
          }
          continue;
        }
        SocketChannel c = (SocketChannel) k.channel();
        ByteBuffer buf = (ByteBuffer) k.attachment();
        try {
          if (k.isReadable() && buf.position() == 0) {
            if (c.read(buf) < 0) {
              k.cancel();
              c.close();
              continue;
            }
          }
          buf.flip();
          c.write(buf);
          if (buf.hasRemaining()) {
            buf.compact(); // position > 0: wait for writability before reading more
            k.interestOps(SelectionKey.OP_WRITE);
          } else {
            buf.clear();
            k.interestOps(SelectionKey.OP_READ);
          }
        } catch (IOException e) {
          k.cancel();
          c.close();
        }
      }
      selector.selectedKeys().clear();
    }
  }
}
