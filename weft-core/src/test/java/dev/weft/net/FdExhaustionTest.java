package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.lowlevel.RunToken;
import dev.weft.lowlevel.Scheduling;
import dev.weft.stream.Listener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * File-descriptor exhaustion for real: a weft echo server in a child JVM started with {@code ulimit
 * -n 160} runs out of descriptors while clients keep connecting. It must keep serving the
 * connections it has, log and back off on {@code Too many open files} (Trio's serve_listeners
 * behaviour), and accept the waiting connections once descriptors are free again. Bounded by the
 * suite's 60 s timeout; the child exits when its stdin closes.
 */
class FdExhaustionTest {
  static Stream<Engine> engines() {
    String only = System.getProperty("weft.engine", "").trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(Engine.values())
        .filter(e -> only.isEmpty() || only.equals(e.name().toLowerCase(Locale.ROOT)));
  }

  /**
   * The child: an echo server that reports each accept, and each accept failure, on stdout. It
   * logs nothing first, so the server's own log line for the failure is the first, as in a
   * server that has run quietly until then (java.util.logging then needs a descriptor to format
   * its first timestamp; the server must survive that too).
   */
  public static final class Child {
    private Child() {}

    /**
     * Serves until stdin ends.
     *
     * @param args ignored
     * @throws Exception if the server fails
     */
    public static void main(String[] args) throws Exception {
      preloadClasspathDirectories();
      Weft.run(
          () ->
              Nursery.open(
                  n -> {
                    int[] accepted = {0};
                    SocketListener real = Tcp.openListeners(0, "127.0.0.1").get(0);
                    // Reports accept failures on stdout, which is already open: the log may not
                    // be able to print anything while descriptors are exhausted.
                    Listener<SocketStream> reporting =
                        new Listener<>() {
                          @Override
                          public SocketStream accept() throws IOException {
                            try {
                              SocketStream s = real.accept();
                              // Printed here, in accept order, before the next accept can fail.
                              System.out.println("accepted " + ++accepted[0]);
                              return s;
                            } catch (IOException e) {
                              System.out.println("accept-failed " + e.getMessage());
                              throw e;
                            }
                          }

                          @Override
                          public void close() {
                            real.close();
                          }
                        };
                    List<SocketListener> ls = List.of(real);
                    n.start(
                        st ->
                            Tcp.serveListeners(
                                (SocketStream s) -> {
                                  byte[] d;
                                  while ((d = s.receiveSome(100)).length > 0) {
                                    s.sendAll(d);
                                  }
                                },
                                List.of(reporting),
                                null,
                                st));
                    System.out.println("listening " + ls.get(0).localAddress().getPort());
                    RunToken token = Scheduling.currentRunToken();
                    Thread.ofPlatform()
                        .daemon()
                        .start(
                            () -> {
                              try {
                                InputStream in = System.in;
                                while (in.read() >= 0) {
                                  // until the test closes our stdin
                                }
                              } catch (IOException e) {
                                // same: stop
                              }
                              token.runSyncSoon(() -> n.cancelScope().cancel());
                            });
                  }));
    }
  }

  /**
   * Loads every class of the classpath's directories: a class loaded from a directory needs a new
   * descriptor, which the child will not have; the published jar is open already.
   */
  static void preloadClasspathDirectories() throws IOException {
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      java.nio.file.Path dir = java.nio.file.Path.of(entry);
      if (!java.nio.file.Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
        for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
          String name = dir.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
          try {
            Class.forName(name, false, FdExhaustionTest.class.getClassLoader());
          } catch (Throwable notLoadable) {
            // module-info and the like
          }
        }
      }
    }
  }

  static void echoOnce(SocketChannel c, int i) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(1).put((byte) i).flip();
    c.write(b);
    b.clear();
    while (b.hasRemaining()) {
      if (c.read(b) < 0) {
        throw new IOException("connection " + i + " closed by the server");
      }
    }
    assertEquals((byte) i, b.get(0));
  }

  /** The server serves what it has while out of descriptors, and recovers when some free up. */
  @ParameterizedTest
  @MethodSource("engines")
  void testServesThroughFdExhaustion(Engine engine) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String cmd =
        "ulimit -n 160 && exec '" + java + "' --add-opens java.base/java.lang=ALL-UNNAMED"
            + " -Dweft.engine=" + engine.name().toLowerCase(Locale.ROOT)
            + " -cp '" + System.getProperty("java.class.path") + "' '" + Child.class.getName() + "'";
    Process child =
        new ProcessBuilder("sh", "-c", cmd).redirectErrorStream(true).start();
    List<SocketChannel> conns = new ArrayList<>();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    try {
      InetSocketAddress addr = awaitListening(out);
      // More connections than the child has descriptors: the kernel queues them in the backlog.
      for (int i = 0; i < 200; i++) {
        conns.add(SocketChannel.open(addr));
      }
      int accepted = 0;
      String line;
      while (!(line = out.readLine()).startsWith("accept-failed")) {
        if (line.startsWith("accepted ")) {
          accepted = Integer.parseInt(line.substring("accepted ".length()));
        }
      }
      assertTrue(accepted > 10 && accepted < 200, "accepted " + accepted);
      // Out of descriptors, the server still serves every connection it has.
      for (int i = 0; i < accepted; i++) {
        echoOnce(conns.get(i), i);
      }
      // Free some descriptors: the server accepts again after its back-off, in backlog order.
      for (int i = 0; i < 40; i++) {
        conns.get(i).close();
      }
      int next = accepted;
      while (next < accepted + 20) {
        line = out.readLine();
        if (line.startsWith("accepted ")) {
          next = Integer.parseInt(line.substring("accepted ".length()));
        }
      }
      for (int i = accepted; i < next; i++) {
        echoOnce(conns.get(i), i);
      }
    } catch (Throwable t) {
      for (SocketChannel c : conns) {
        c.close();
      }
      child.getOutputStream().close();
      StringBuilder rest = new StringBuilder();
      String l;
      while ((l = out.readLine()) != null) {
        if (!l.startsWith("accept")) {
          rest.append(l).append('\n');
        }
      }
      t.addSuppressed(new AssertionError("the child's other output:\n" + rest));
      throw t;
    } finally {
      for (SocketChannel c : conns) {
        c.close();
      }
      child.getOutputStream().close();
      child.waitFor();
    }
  }

  /**
   * A portable-engine server on one carrier thread (as in a process pinned to one CPU) serves its
   * first connection: opening the loop's first selector must not wait for anything that needs
   * another carrier. (It once joined a warm-up thread from a class initializer, which pins the
   * carrier: a deadlock.)
   */
  @org.junit.jupiter.api.Test
  void testPortableServerOnOneCarrier() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "--add-opens",
                "java.base/java.lang=ALL-UNNAMED",
                "-Dweft.engine=portable",
                "-Djdk.virtualThreadScheduler.parallelism=1",
                "-Djdk.virtualThreadScheduler.maxPoolSize=1",
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName())
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    try {
      InetSocketAddress addr = awaitListening(out);
      try (SocketChannel c = SocketChannel.open(addr)) {
        echoOnce(c, 7);
      }
    } finally {
      child.getOutputStream().close();
      child.waitFor();
    }
  }

  /** Reads the child's output up to its "listening PORT" line; returns that address. */
  private static InetSocketAddress awaitListening(BufferedReader out) throws IOException {
    String first;
    while ((first = out.readLine()) != null && !first.startsWith("listening ")) {
      // JVM warnings, if any
    }
    assertTrue(first != null, "the child ended before listening");
    return new InetSocketAddress("127.0.0.1", Integer.parseInt(first.substring(10)));
  }
}
