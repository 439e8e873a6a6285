package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.net.SocketListener;
import dev.weft.net.SocketStream;
import dev.weft.net.Tcp;
import dev.weft.testing.MockClock;
import dev.weft.testing.WeftTest;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The seeds' Trio echo server and client ({@link TrioEcho}, {@link TrioEchoServer}, {@link
 * TrioEchoClient}) over real loopback sockets, on a MockClock that autojumps only after every task
 * has been blocked for 50 ms of real time: the bytes on loopback arrive long before that, so the
 * virtual clock moves only while the sender sleeps, and every line's time is exact.
 */
class TrioEchoTest {
  static final String MSG = "b'async can sometimes be confusing, but I believe in you!'";

  static List<TimedOutput.Line> only(List<TimedOutput.Line> lines, String prefix) {
    return lines.stream().filter(l -> l.text().startsWith(prefix)).toList();
  }

  /** The pair: four round trips at t=0..3, the server stops at 3.5 and the client exits. */
  @WeftTest(autojump = false)
  void testPair(MockClock clock) throws Exception {
    clock.setAutojumpThreshold(Duration.ofMillis(50));
    List<TimedOutput.Line> lines = TimedOutput.capture(() -> TrioEcho.pair(0));
    assertTrue(lines.get(0).text().startsWith("trio-echo: the server listens on port "), lines.get(0).text());
    int port = Integer.parseInt(lines.get(0).text().replaceAll("\\D*(\\d+).*", "$1"));
    assertEquals(
        List.of(
            at(0, "parent: connecting to 127.0.0.1:" + port),
            at(0, "parent: spawning sender..."),
            at(0, "parent: spawning receiver...")),
        only(lines, "parent:"));
    assertEquals(
        List.of(
            at(0, "sender: started!"),
            at(0, "sender: sending " + MSG),
            at(1, "sender: sending " + MSG),
            at(2, "sender: sending " + MSG),
            at(3, "sender: sending " + MSG)),
        only(lines, "sender:"));
    assertEquals(
        List.of(
            at(0, "receiver: started!"),
            at(0, "receiver: got data " + MSG),
            at(1, "receiver: got data " + MSG),
            at(2, "receiver: got data " + MSG),
            at(3, "receiver: got data " + MSG),
            at(3.5, "receiver: got data b''"),
            at(3.5, "receiver: connection closed")),
        only(lines, "receiver:"));
    assertEquals(
        List.of(
            at(0, "echo_server 0: started"),
            at(0, "echo_server 0: received data " + MSG),
            at(0, "echo_server 0: sending data " + MSG),
            at(1, "echo_server 0: received data " + MSG),
            at(1, "echo_server 0: sending data " + MSG),
            at(2, "echo_server 0: received data " + MSG),
            at(2, "echo_server 0: sending data " + MSG),
            at(3, "echo_server 0: received data " + MSG),
            at(3, "echo_server 0: sending data " + MSG)),
        only(lines, "echo_server"));
    assertEquals(at(3.5, "trio-echo: stopping the server"), only(lines, "trio-echo: stopping").get(0));
  }

  /** With the port taken, the pair says so and uses a free one. */
  @WeftTest(autojump = false)
  void testPairOnBusyPort(MockClock clock) throws Exception {
    clock.setAutojumpThreshold(Duration.ofMillis(50));
    try (SocketListener taken = Tcp.openListeners(0).get(0)) {
      int port = taken.localAddress().getPort();
      List<TimedOutput.Line> lines = TimedOutput.capture(() -> TrioEcho.pair(port));
      assertEquals("trio-echo: port " + port + " is in use; the server takes a free port", lines.get(0).text());
      assertTrue(lines.stream().anyMatch(l -> l.text().equals("receiver: connection closed")));
    }
  }

  /**
   * The server's counter numbers connections 0, 1, ...; a client that closes is "connection
   * closed", one that resets is "crashed: BrokenResourceException(...)", and the server serves on.
   */
  @WeftTest
  void testServerCountsAndSurvivesCrashes() throws Exception {
    List<TimedOutput.Line> lines =
        TimedOutput.capture(
            () ->
                Nursery.open(
                    n -> {
                      List<SocketListener> ls = n.start(status -> TrioEchoServer.serve(0, status));
                      int port = ls.get(0).localAddress().getPort();
                      try (SocketStream a = Tcp.openStream("127.0.0.1", port)) {
                        a.sendAll("hi".getBytes(StandardCharsets.US_ASCII));
                        a.receiveSome(10);
                        a.setOption(StandardSocketOptions.SO_LINGER, 0); // reset on close
                      }
                      try (SocketStream b = Tcp.openStream("127.0.0.1", port)) {
                        b.sendAll("x'\"\n\u00ff".getBytes(StandardCharsets.ISO_8859_1));
                        b.receiveSome(10);
                        b.sendEof();
                        assertEquals(0, b.receiveSome(10).length);
                      }
                      n.cancelScope().cancel();
                    }));
    List<String> server = only(lines, "echo_server").stream().map(TimedOutput.Line::text).toList();
    assertEquals("echo_server 0: started", server.get(0));
    assertEquals("echo_server 0: received data b'hi'", server.get(1));
    assertTrue(server.get(3).startsWith("echo_server 0: crashed: BrokenResourceException('SocketStream.receiveSome: "), server.get(3));
    assertEquals(
        List.of(
            "echo_server 1: started",
            "echo_server 1: received data b'x\\'\"\\n\\xff'",
            "echo_server 1: sending data b'x\\'\"\\n\\xff'",
            "echo_server 1: received data b''",
            "echo_server 1: connection closed"),
        server.subList(4, 9));
  }

  /** Python's repr of bytes and str, as the seeds print them. */
  @org.junit.jupiter.api.Test
  void testPythonRepr() {
    assertEquals("b''", PythonRepr.bytes(new byte[0]));
    assertEquals("b\"it's\"", PythonRepr.bytes("it's".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("b'\\'\"'", PythonRepr.bytes("'\"".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("b'\\x00\\t\\\\\\x7f'", PythonRepr.bytes(new byte[] {0, 9, '\\', 0x7f}));
    assertEquals("'Hello World!'", PythonRepr.str("Hello World!"));
    assertEquals("\"it's\"", PythonRepr.str("it's"));
    assertEquals("IllegalStateException('no')", PythonRepr.exception(new IllegalStateException("no")));
  }
}
