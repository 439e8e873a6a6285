package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.ClosedResourceException;
import dev.weft.Nursery;
import dev.weft.RunConfig;
import dev.weft.Weft;
import dev.weft.lowlevel.Io;
import dev.weft.lowlevel.IoStatistics;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.Task;
import dev.weft.stream.Listener;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.WeftTest;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Tcp's clients and servers on real loopback sockets (and, for the accept back-off, a scripted
 * listener on the MockClock). Real-socket tests here have no timers, so @WeftTest's autojumping
 * clock never moves while bytes are in flight.
 */
class TcpTest {
  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static void echo(SocketStream s) {
    byte[] data;
    while ((data = s.receiveSome(16384)).length > 0) {
      s.sendAll(data);
    }
  }

  /** serve on port 0 through nursery.start reports the real port; clients are served concurrently. */
  @WeftTest
  void testServeOnEphemeralPort() throws Exception {
    Nursery.open(
        n -> {
          List<SocketListener> ls =
              n.start(status -> Tcp.serve(TcpTest::echo, 0, "127.0.0.1", status));
          assertEquals(1, ls.size());
          int port = ls.get(0).localAddress().getPort();
          assertTrue(port > 0);
          try (SocketStream a = Tcp.openStream("127.0.0.1", port);
              SocketStream b = Tcp.openStream("127.0.0.1", port)) {
            a.sendAll(bytes("from a"));
            b.sendAll(bytes("from b"));
            assertArrayEquals(bytes("from b"), b.receiveSome(100));
            assertArrayEquals(bytes("from a"), a.receiveSome(100));
          }
          n.cancelScope().cancel();
        });
    assertEquals(new IoStatistics(0, 0, 0), Io.statistics());
  }

  /**
   * openStream is a checkpoint, and its checkpoint is a schedule point under the budget (ADR
   * 0008), not an explicit yield: under the default budget a runnable task first runs when the
   * connect waits (the caller is then inside happy eyeballs' nursery), under Trio's policy (budget
   * 1) at openStream's first schedule point, before it starts connecting.
   */
  @WeftTest(schedulingBudgets = {RunConfig.DEFAULT_SCHEDULING_BUDGET, 1})
  void testOpenStreamIsASchedulePoint(RunConfig config) throws Exception {
    try (SocketListener l = Tcp.openListeners(0, "127.0.0.1").get(0)) {
      int port = l.localAddress().getPort();
      Checkpoints.assertCheckpoints(() -> Tcp.openStream("127.0.0.1", port).close());
      Task me = Scheduling.currentTask();
      boolean[] connecting = new boolean[1];
      Nursery.open(
          n -> {
            int open = me.childNurseries().size(); // this one
            n.startSoon(() -> connecting[0] = me.childNurseries().size() > open);
            Tcp.openStream("127.0.0.1", port).close();
          });
      assertEquals(config.schedulingBudget() > 1, connecting[0]);
    }
  }

  /** A name that resolves (localhost) connects, through the resolver thread and happy eyeballs. */
  @WeftTest
  void testOpenStreamByName() throws Exception {
    try (SocketListener l = Tcp.openListeners(0, "127.0.0.1").get(0)) {
      try (SocketStream c = Tcp.openStream("localhost", l.localAddress().getPort());
          SocketStream s = l.accept()) {
        c.sendAll(bytes("hi"));
        assertArrayEquals(bytes("hi"), s.receiveSome(10));
      }
    }
  }

  /** A refused connection names host and port. */
  @WeftTest
  void testRefused() throws Exception {
    int port;
    try (SocketListener l = Tcp.openListeners(0, "127.0.0.1").get(0)) {
      port = l.localAddress().getPort();
    }
    ConnectException e =
        assertThrows(ConnectException.class, () -> Tcp.openStream("127.0.0.1", port));
    assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
  }

  /** An unknown host names host and port. */
  @WeftTest
  void testUnknownHost() throws Exception {
    UnknownHostException e =
        assertThrows(UnknownHostException.class, () -> Tcp.openStream("no-such-host.invalid", 81));
    assertTrue(e.getMessage().contains("no-such-host.invalid") && e.getMessage().contains("81"),
        e.getMessage());
  }

  /** A port in use names host and port and says what to do. */
  @WeftTest
  void testPortInUse() throws Exception {
    try (SocketListener l = Tcp.openListeners(0, "127.0.0.1").get(0)) {
      int port = l.localAddress().getPort();
      BindException e =
          assertThrows(BindException.class, () -> Tcp.openListeners(port, "127.0.0.1"));
      assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
      assertTrue(e.getMessage().contains("Tcp.openListeners"), e.getMessage());
    }
  }

  /** Bad ports are refused before anything is opened. */
  @WeftTest
  void testBadPorts() {
    assertThrows(IllegalArgumentException.class, () -> Tcp.openStream("127.0.0.1", 0));
    assertThrows(IllegalArgumentException.class, () -> Tcp.openStream("127.0.0.1", 70000));
    assertThrows(IllegalArgumentException.class, () -> Tcp.openListeners(-1));
  }

  /** Without a host, one listener takes every interface. */
  @WeftTest
  void testListenOnEveryInterface() throws Exception {
    List<SocketListener> ls = Tcp.openListeners(0);
    try {
      assertEquals(1, ls.size());
      assertTrue(ls.get(0).localAddress().getAddress().isAnyLocalAddress());
      try (SocketStream c = Tcp.openStream("127.0.0.1", ls.get(0).localAddress().getPort());
          SocketStream s = ls.get(0).accept()) {
        assertEquals(c.localAddress().getPort(), s.remoteAddress().getPort());
      }
    } finally {
      ls.forEach(SocketListener::close);
    }
  }

  /** As in Trio, a handler's exception propagates out of serve and cancels the server. */
  @WeftTest
  void testHandlerExceptionStopsServer() throws Exception {
    IOException boom = new IOException("handler failed");
    IOException got =
        assertThrows(
            IOException.class,
            () ->
                Nursery.open(
                    n -> {
                      List<SocketListener> ls =
                          n.start(
                              status ->
                                  Tcp.serve(
                                      s -> {
                                        s.receiveSome(10);
                                        throw boom;
                                      },
                                      0,
                                      "127.0.0.1",
                                      status));
                      try (SocketStream c =
                          Tcp.openStream("127.0.0.1", ls.get(0).localAddress().getPort())) {
                        c.sendAll(bytes("x"));
                        Weft.sleepForever(); // cancelled by the handler's failure
                      }
                    }));
    assertSame(boom, got);
    assertEquals(new IoStatistics(0, 0, 0), Io.statistics());
  }

  /** Closing the listener while a task accepts wakes it with ClosedResourceException. */
  @WeftTest
  void testListenerClosedWhileAccepting() throws Exception {
    SocketListener l = Tcp.openListeners(0, "127.0.0.1").get(0);
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                ClosedResourceException e = assertThrows(ClosedResourceException.class, l::accept);
                assertTrue(e.getMessage().contains("another task closed"), e.getMessage());
              });
          Scheduling.awaitAllTasksBlocked(Duration.ZERO);
          l.close();
        });
    assertThrows(ClosedResourceException.class, l::accept);
  }

  /** A scripted listener for the accept loop: errors first, then connections, then blocks. */
  static final class ScriptedListener implements Listener<SocketStream> {
    final List<Object> script;
    final List<Double> acceptTimes = new ArrayList<>();
    boolean closed;

    ScriptedListener(List<Object> script) {
      this.script = new ArrayList<>(script);
    }

    @Override
    public SocketStream accept() throws IOException {
      acceptTimes.add(Weft.currentTime());
      Weft.checkpoint();
      if (script.isEmpty()) {
        Weft.sleepForever();
      }
      Object next = script.remove(0);
      if (next instanceof IOException e) {
        throw e;
      }
      throw new AssertionError("unexpected script entry " + next);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Out-of-resources accept errors back off 100 ms and keep serving (Trio's serve_listeners). */
  @WeftTest
  void testAcceptBacksOffWhenOutOfFiles() throws Exception {
    ScriptedListener l =
        new ScriptedListener(
            List.of(
                new IOException("Too many open files"), new IOException("Too many open files")));
    Nursery.open(
        n -> {
          n.start(status -> Tcp.serveListeners(s -> {}, List.of(l), null, status));
          Weft.sleep(Duration.ofSeconds(1));
          n.cancelScope().cancel();
        });
    assertEquals(List.of(0.0, 0.1, 0.2), l.acceptTimes.stream().map(t -> Math.round(t * 10) / 10.0).toList());
    assertTrue(l.closed);
  }

  /** Any other accept error stops the server with that error. */
  @WeftTest
  void testOtherAcceptErrorPropagates() throws Exception {
    IOException odd = new IOException("Invalid argument");
    ScriptedListener l = new ScriptedListener(List.of(odd));
    IOException e =
        assertThrows(
            IOException.class,
            () -> Tcp.serveListeners(s -> {}, List.of(l), null, null));
    assertSame(odd, e);
    assertTrue(l.closed);
  }

  /**
   * Slowloris: a server that gives each connection a deadline drops a client that sends a few
   * bytes and stalls, while a well-behaved client is served. The timer firing is the point here:
   * every task really is blocked (the slow client waits for a reply that never comes), so the
   * autojumping clock reaching the deadline is what would happen on the real clock, only sooner.
   */
  @WeftTest
  void testSlowlorisDroppedByPerConnectionDeadline() throws Exception {
    List<String> events = new ArrayList<>();
    Nursery.open(
        n -> {
          List<SocketListener> ls =
              n.start(
                  status ->
                      Tcp.serve(
                          s -> {
                            var scope =
                                dev.weft.cancel.Timeouts.moveOnAfter(
                                    Duration.ofSeconds(10),
                                    () -> {
                                      StringBuilder req = new StringBuilder();
                                      while (req.indexOf("\n") < 0) {
                                        byte[] b = s.receiveSome(100);
                                        if (b.length == 0) {
                                          return;
                                        }
                                        req.append(new String(b, StandardCharsets.US_ASCII));
                                      }
                                      s.sendAll(bytes("ok\n"));
                                    });
                            if (scope.cancelledCaught()) {
                              events.add("dropped at " + Weft.currentTime());
                            }
                          },
                          0,
                          "127.0.0.1",
                          status));
          int port = ls.get(0).localAddress().getPort();
          try (SocketStream slow = Tcp.openStream("127.0.0.1", port);
              SocketStream good = Tcp.openStream("127.0.0.1", port)) {
            slow.sendAll(bytes("GET / HT")); // ... and never the rest
            good.sendAll(bytes("GET /\n"));
            assertArrayEquals(bytes("ok\n"), good.receiveSome(10));
            assertEquals(0, slow.receiveSome(10).length); // the server hung up at its deadline
            events.add("slow client saw the end at " + Weft.currentTime());
          }
          n.cancelScope().cancel();
        });
    assertEquals(List.of("dropped at 10.0", "slow client saw the end at 10.0"), events);
  }
}
