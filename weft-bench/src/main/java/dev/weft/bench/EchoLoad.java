package dev.weft.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * The echo workload's load generator: plain java.nio on one thread, {@code connections}
 * connections, one request of {@code size} bytes outstanding on each, every echo checked byte for
 * byte. After a warm-up it prints {@code measure-start}, measures, and prints {@code result
 * requests=N seconds=S p50_us=P p99_us=Q} (latency from the request's write to the last byte of
 * its echo).
 *
 * <p>{@code java dev.weft.bench.EchoLoad PORT [CONNECTIONS SIZE WARMUP_S MEASURE_S]}; it can drive
 * any echo server on 127.0.0.1.
 */
public final class EchoLoad {
  private EchoLoad() {}

  /** One connection's state: the request it sent and how much of the echo has come back. */
  private static final class Conn {
    final SocketChannel ch;
    final byte[] request;
    final ByteBuffer out;
    final ByteBuffer in;
    long sentAt;
    int seq;

    Conn(SocketChannel ch, int size) {
      this.ch = ch;
      this.request = new byte[size];
      this.out = ByteBuffer.allocateDirect(size);
      this.in = ByteBuffer.allocateDirect(size);
    }
  }

  /**
   * Runs the load.
   *
   * @param args PORT [CONNECTIONS SIZE WARMUP_S MEASURE_S]
   * @throws IOException if a connection fails or an echo is wrong
   */
  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int size = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
    double warmup = args.length > 3 ? Double.parseDouble(args[3]) : 2;
    double measure = args.length > 4 ? Double.parseDouble(args[4]) : 5;
    Selector selector = Selector.open();
    Conn[] conns = new Conn[connections];
    for (int i = 0; i < connections; i++) {
      SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      ch.configureBlocking(false);
      conns[i] = new Conn(ch, size);
      conns[i].seq = i * 1000;
      ch.register(selector, SelectionKey.OP_READ, conns[i]);
    }
    long[] histogram = new long[200_000]; // microseconds, last bucket catches the rest
    long start = System.nanoTime();
    long measureStart = start + (long) (warmup * 1e9);
    long measureEnd = measureStart + (long) (measure * 1e9);
    boolean measuring = false;
    long requests = 0;
    for (Conn c : conns) {
      send(c);
    }
    while (true) {
      long now = System.nanoTime();
      if (!measuring && now >= measureStart) {
        measuring = true;
        requests = 0;
        Arrays.fill(histogram, 0);
        System.out.println("measure-start");
        System.out.flush();
        measureStart = now;
      }
      if (now >= measureEnd) {
        break;
      }
      selector.select(10);
      for (SelectionKey k : selector.selectedKeys()) {
        Conn c = (Conn) k.attachment();
        if (c.ch.read(c.in) < 0) {
          throw new IOException("the server closed connection " + c.seq);
        }
        if (c.in.hasRemaining()) {
          continue;
        }
        long done = System.nanoTime();
        c.in.flip();
        for (int i = 0; i < size; i++) {
          if (c.in.get(i) != c.request[i]) {
            throw new IOException("wrong echo on a connection at byte " + i);
          }
        }
        c.in.clear();
        if (measuring) {
          requests++;
          int us = (int) Math.min(histogram.length - 1, (done - c.sentAt) / 1000);
          histogram[us]++;
        }
        send(c);
      }
      selector.selectedKeys().clear();
    }
    double seconds = (System.nanoTime() - measureStart) / 1e9;
    System.out.println(
        "result requests=" + requests + " seconds=" + seconds + " p50_us="
            + percentile(histogram, requests, 0.50) + " p99_us="
            + percentile(histogram, requests, 0.99));
    System.out.flush();
    for (Conn c : conns) {
      c.ch.close();
    }
    selector.close();
  }

  private static void send(Conn c) throws IOException {
    c.seq++;
    byte[] r = c.request;
    for (int i = 0; i < r.length; i++) {
      r[i] = (byte) (c.seq * 31 + i);
    }
    c.out.clear();
    c.out.put(r).flip();
    c.sentAt = System.nanoTime();
    while (c.out.hasRemaining()) {
      // 1 KiB always fits a fresh socket buffer; a partial write would only loop briefly
      c.ch.write(c.out);
    }
  }

  private static long percentile(long[] histogram, long total, double q) {
    long want = (long) Math.ceil(total * q);
    long seen = 0;
    for (int us = 0; us < histogram.length; us++) {
      seen += histogram[us];
      if (seen >= want && want > 0) {
        return us;
      }
    }
    return histogram.length - 1;
  }
}
