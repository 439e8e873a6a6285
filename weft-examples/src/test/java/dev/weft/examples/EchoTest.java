package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Engine;
import dev.weft.Weft;
import dev.weft.net.SocketListener;
import dev.weft.net.Tcp;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seed 001's asyncio echo server and client ({@link Echo}, {@link EchoServer}, {@link
 * EchoClient}) over real loopback sockets, on each engine. The programs have no timers, so the
 * mock clock never moves and every line is printed at t=0.
 */
class EchoTest {
  static List<Engine> engines() {
    return OwnLoop.engines().toList();
  }

  static List<String> texts(List<TimedOutput.Line> lines) {
    return lines.stream().map(TimedOutput.Line::text).toList();
  }

  /** The seed's lines, in the order the two sides print them. */
  @ParameterizedTest
  @MethodSource("engines")
  void testPair(Engine engine) throws Exception {
    List<String> lines = texts(OwnLoop.capture(engine, o -> Echo.run(o, 0)));
    assertTrue(lines.get(0).matches("Serving on \\('127\\.0\\.0\\.1', \\d+\\)"), lines.get(0));
    String received = lines.get(2);
    assertTrue(
        received.matches("Received 'Hello World!' from \\('127\\.0\\.0\\.1', \\d+\\)"), received);
    assertEquals(
        List.of(
            "Send: 'Hello World!'",
            "Send: 'Hello World!'",
            "Close the connection",
            "Received: 'Hello World!'",
            "Close the connection"),
        List.of(lines.get(1), lines.get(3), lines.get(4), lines.get(5), lines.get(6)));
    assertEquals(7, lines.size());
  }

  /** With the port taken, the pair says so and serves on a free one. */
  @ParameterizedTest
  @MethodSource("engines")
  void testPairOnBusyPort(Engine engine) throws Exception {
    int[] port = {0};
    List<String> lines =
        texts(
            OwnLoop.capture(
                engine,
                o ->
                    Weft.run(
                        c -> o.apply(c),
                        () -> {
                          try (SocketListener taken = Tcp.openListeners(0, "127.0.0.1").get(0)) {
                            port[0] = taken.localAddress().getPort();
                            // the pair runs its own loop, so it runs from another thread
                            Thread t =
                                Thread.ofPlatform()
                                    .start(
                                        () -> {
                                          try {
                                            Echo.run(o, port[0]);
                                          } catch (Exception e) {
                                            throw new RuntimeException(e);
                                          }
                                        });
                            t.join();
                          }
                        })));
    assertEquals("echo: port " + port[0] + " is in use; the server takes a free port", lines.get(0));
    assertEquals("Close the connection", lines.get(lines.size() - 1));
  }
}
