package dev.weft.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens many connections to an echo server on 127.0.0.1, checks one echoed byte on each, prints
 * {@code ready N}, and holds them open until its stdin ends; then closes them all. For the {@code
 * idle_connections} workload (and for trying a server's limits by hand).
 *
 * <p>{@code java dev.weft.bench.ConnectionHolder PORT COUNT}
 */
public final class ConnectionHolder {
  private ConnectionHolder() {}

  /**
   * Holds the connections.
   *
   * @param args PORT COUNT
   * @throws IOException if a connection fails
   */
  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    int count = Integer.parseInt(args[1]);
    InetSocketAddress addr = new InetSocketAddress("127.0.0.1", port);
    List<SocketChannel> conns = new ArrayList<>(count);
    ByteBuffer one = ByteBuffer.allocate(1);
    for (int i = 0; i < count; i++) {
      SocketChannel c = SocketChannel.open(addr);
      conns.add(c);
      one.clear().put((byte) i).flip();
      c.write(one);
      one.clear();
      if (c.read(one) != 1 || one.get(0) != (byte) i) {
        throw new IOException("connection " + i + " was not echoed");
      }
    }
    System.out.println("ready " + conns.size());
    System.out.flush();
    InputStream in = System.in;
    while (in.read() >= 0) {
      // hold until the driver closes our stdin
    }
    for (SocketChannel c : conns) {
      c.close();
    }
  }
}
