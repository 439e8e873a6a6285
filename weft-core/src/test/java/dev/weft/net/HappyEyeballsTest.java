package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.testing.WeftTest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Happy eyeballs replayed from Trio's test_open_tcp_stream.py scenarios, with scripted connection
 * attempts on the autojumping MockClock: when each attempt starts, which one wins, when, and that
 * the losers are closed.
 */
class HappyEyeballsTest {
  /** A scripted attempt: how long it takes, and whether it connects. */
  record Script(double seconds, boolean succeeds) {}

  /** A fake connection that records whether it was closed. */
  static final class Conn implements AutoCloseable {
    final String ip;
    boolean closed;

    Conn(String ip) {
      this.ip = ip;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Runs one scenario, recording start times and every connection made. */
  static final class Scenario {
    final Map<String, Script> scripts = new LinkedHashMap<>();
    final Map<String, Double> startTimes = new LinkedHashMap<>();
    final List<Conn> made = new ArrayList<>();

    Scenario add(String ip, double seconds, boolean succeeds) {
      scripts.put(ip, new Script(seconds, succeeds));
      return this;
    }

    Conn run(Duration delay) throws Exception {
      List<InetSocketAddress> targets = new ArrayList<>();
      for (String ip : scripts.keySet()) {
        targets.add(new InetSocketAddress(InetAddress.ofLiteral(ip), 80));
      }
      return HappyEyeballs.connect(
          "test.example", 80, targets, delay, this::attempt, "Tcp.openStream");
    }

    private Conn attempt(InetSocketAddress target) throws IOException {
      String ip = target.getAddress().getHostAddress();
      startTimes.put(ip, Math.round(Weft.currentTime() * 1e6) / 1e6); // float noise off
      Script s = scripts.get(ip);
      Weft.sleep(Duration.ofNanos((long) (s.seconds() * 1e9)));
      if (!s.succeeds()) {
        throw new ConnectException("Connection refused");
      }
      Conn c = new Conn(ip);
      made.add(c);
      return c;
    }
  }

  static final Duration TRIO_DEFAULT = Tcp.DEFAULT_HAPPY_EYEBALLS_DELAY;

  /** One address that connects quickly: no stagger involved. */
  @WeftTest
  void testOneHostQuickSuccess() throws Exception {
    Scenario s = new Scenario().add("1.2.3.4", 0.123, true);
    Conn c = s.run(TRIO_DEFAULT);
    assertEquals("1.2.3.4", c.ip);
    assertEquals(0.123, Weft.currentTime(), 1e-9);
  }

  /** One address that fails: the error names host and port and carries the cause. */
  @WeftTest
  void testOneHostFails() throws Exception {
    Scenario s = new Scenario().add("1.2.3.4", 100, false);
    ConnectException e = assertThrows(ConnectException.class, () -> s.run(TRIO_DEFAULT));
    assertTrue(e.getMessage().contains("test.example:80"), e.getMessage());
    assertTrue(e.getMessage().contains("1.2.3.4:80: Connection refused"), e.getMessage());
    assertEquals(100.0, Weft.currentTime(), 1e-9);
  }

  /** Trio's test_basic_fallthrough: slow, failing, then a quick success 0.5 s in. */
  @WeftTest
  void testBasicFallthrough() throws Exception {
    Scenario s =
        new Scenario().add("1.1.1.1", 1, true).add("2.2.2.2", 1, false).add("3.3.3.3", 0.2, true);
    Conn c = s.run(TRIO_DEFAULT);
    assertEquals("3.3.3.3", c.ip);
    assertEquals(0.7, Weft.currentTime(), 1e-9);
    assertEquals(Map.of("1.1.1.1", 0.0, "2.2.2.2", 0.25, "3.3.3.3", 0.5), s.startTimes);
  }

  /** Trio's test_early_success: the second attempt overtakes the first, which is cancelled. */
  @WeftTest
  void testEarlySuccess() throws Exception {
    Scenario s = new Scenario().add("1.1.1.1", 1, true).add("2.2.2.2", 0.1, true);
    Conn c = s.run(TRIO_DEFAULT);
    assertEquals("2.2.2.2", c.ip);
    assertEquals(0.35, Weft.currentTime(), 1e-9);
    assertEquals(1, s.made.size()); // the first never connected: it was cancelled
  }

  /** Trio's test_custom_delay: a 450 ms stagger. */
  @WeftTest
  void testCustomDelay() throws Exception {
    Scenario s =
        new Scenario().add("1.1.1.1", 1, true).add("2.2.2.2", 1, true).add("3.3.3.3", 1, true);
    Conn c = s.run(Duration.ofMillis(450));
    assertEquals("1.1.1.1", c.ip);
    assertEquals(1.0, Weft.currentTime(), 1e-9);
    assertEquals(Map.of("1.1.1.1", 0.0, "2.2.2.2", 0.45, "3.3.3.3", 0.9), s.startTimes);
  }

  /** A failure starts the next attempt at once, without waiting out the stagger. */
  @WeftTest
  void testFailureStartsNextAtOnce() throws Exception {
    Scenario s =
        new Scenario().add("1.1.1.1", 0.1, false).add("2.2.2.2", 0.05, false).add("3.3.3.3", 1, true);
    Conn c = s.run(TRIO_DEFAULT);
    assertEquals("3.3.3.3", c.ip);
    assertEquals(Map.of("1.1.1.1", 0.0, "2.2.2.2", 0.1, "3.3.3.3", 0.15), s.startTimes);
  }

  /** Trio's test_all_fail: every cause is kept, and it ends when the slowest fails. */
  @WeftTest
  void testAllFail() throws Exception {
    Scenario s =
        new Scenario()
            .add("1.1.1.1", 0.1, false)
            .add("2.2.2.2", 0.2, false)
            .add("3.3.3.3", 10, false)
            .add("4.4.4.4", 0.25, false);
    ConnectException e = assertThrows(ConnectException.class, () -> s.run(TRIO_DEFAULT));
    assertEquals(10.3, Weft.currentTime(), 1e-9);
    assertEquals(4, e.getSuppressed().length);
    assertTrue(e.getMessage().startsWith("Tcp.openStream: all 4 attempts to connect to "
        + "test.example:80 failed"), e.getMessage());
    assertEquals(Map.of("1.1.1.1", 0.0, "2.2.2.2", 0.1, "3.3.3.3", 0.3, "4.4.4.4", 0.55), s.startTimes);
  }

  /** Trio's test_multi_success: attempts that connect after the winner are closed. */
  @WeftTest
  void testLateWinnersAreClosed() throws Exception {
    Scenario s =
        new Scenario().add("1.1.1.1", 0.5, true).add("2.2.2.2", 0.25, true).add("3.3.3.3", 0.5, true);
    // 2.2.2.2 starts at 0.25 and connects at 0.5, the same instant as 1.1.1.1: one wins.
    Conn c = s.run(TRIO_DEFAULT);
    assertEquals(0.5, Weft.currentTime(), 1e-9);
    for (Conn other : s.made) {
      assertEquals(other != c, other.closed, other.ip);
    }
  }

  /** No delay (null in Tcp.openStream): each attempt waits for the previous one to fail. */
  @WeftTest
  void testNoStagger() throws Exception {
    Scenario s =
        new Scenario().add("1.1.1.1", 10, false).add("2.2.2.2", 10, false).add("3.3.3.3", 1, true);
    Conn c = s.run(Duration.ofSeconds(Long.MAX_VALUE));
    assertEquals("3.3.3.3", c.ip);
    assertEquals(21.0, Weft.currentTime(), 1e-9);
  }

  /** Cancelling the caller cancels every attempt; nothing connects or leaks. */
  @WeftTest
  void testCancelledCaller() throws Exception {
    Scenario s = new Scenario().add("1.1.1.1", 10, true).add("2.2.2.2", 10, true);
    CancelScope scope = CancelScope.withRelativeDeadline(Duration.ofSeconds(1));
    scope.run(() -> s.run(TRIO_DEFAULT));
    assertTrue(scope.cancelledCaught());
    assertEquals(List.of(), s.made);
  }

  /** RFC 6555 section 5.4: the first address of the other family moves to second place. */
  @WeftTest
  void testReorder() throws Exception {
    List<InetSocketAddress> in =
        List.of(
            new InetSocketAddress(InetAddress.ofLiteral("::1"), 1),
            new InetSocketAddress(InetAddress.ofLiteral("::2"), 1),
            new InetSocketAddress(InetAddress.ofLiteral("::3"), 1),
            new InetSocketAddress(InetAddress.ofLiteral("4.4.4.4"), 1));
    List<InetSocketAddress> out = HappyEyeballs.reorder(in);
    assertEquals(List.of(in.get(0), in.get(3), in.get(1), in.get(2)), out);
    assertEquals(in.subList(0, 2), HappyEyeballs.reorder(in.subList(0, 2)));
  }
}
