package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.BrokenResourceException;
import dev.weft.ClosedResourceException;
import dev.weft.Nursery;
import dev.weft.lowlevel.Io;
import dev.weft.lowlevel.IoStatistics;
import dev.weft.lowlevel.Scheduling;
import dev.weft.net.SocketListener;
import dev.weft.net.SocketStream;
import dev.weft.net.Tcp;
import dev.weft.testing.WeftTest;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * openConnection, startServer, StreamWriter and Server on real loopback sockets: the seed's echo
 * exchange, a handler that fails (logged, the server serves on), flow control against a slow
 * reader, half-close, close and waitClosed. Timers appear only where every task is really blocked.
 */
class StreamServerTest {
  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Seed 001's echo: the server reads 100 bytes, writes them back, and closes. */
  @WeftTest
  void testEchoExchange() throws Exception {
    List<Object> seen = new ArrayList<>();
    Server server =
        Asyncio.startServer(
            (reader, writer) -> {
              byte[] data = reader.read(100);
              seen.add(writer.getExtraInfo("peername"));
              writer.write(data);
              writer.drain();
              writer.close();
            },
            "127.0.0.1",
            0);
    assertTrue(server.isServing());
    int port = server.sockets().get(0).localAddress().getPort();
    StreamPair c = Asyncio.openConnection("127.0.0.1", port);
    c.writer().write(bytes("Hello World!"));
    c.writer().drain();
    assertEquals("Hello World!", new String(c.reader().read(100), StandardCharsets.UTF_8));
    assertEquals(0, c.reader().read(100).length); // the server closed
    c.writer().close();
    c.writer().waitClosed();
    assertEquals(c.writer().getExtraInfo("sockname"), seen.get(0));
    assertInstanceOf(SocketChannel.class, c.writer().getExtraInfo("socket"));
    assertEquals("fallback", c.writer().getExtraInfo("nope", "fallback"));
    server.close();
    assertFalse(server.isServing());
    assertEquals(List.of(), server.sockets());
    server.waitClosed();
    assertEquals(new IoStatistics(0, 0, 0), Io.statistics());
  }

  /** A failing callback is logged and the server serves the next connection. */
  @WeftTest
  void testFailingCallbackKeepsServing() throws Exception {
    int[] calls = {0};
    Server server =
        Asyncio.startServer(
            (reader, writer) -> {
              if (calls[0]++ == 0) {
                throw new IllegalStateException("first connection fails (expected in this test)");
              }
              writer.write(reader.readline());
            },
            "127.0.0.1",
            0);
    int port = server.sockets().get(0).localAddress().getPort();
    StreamPair a = Asyncio.openConnection("127.0.0.1", port);
    assertEquals(0, a.reader().read(10).length); // closed by the server after the failure
    StreamPair b = Asyncio.openConnection("127.0.0.1", port);
    b.writer().write(bytes("ping\n"));
    assertEquals("ping\n", new String(b.reader().readline(), StandardCharsets.UTF_8));
    a.writer().close();
    b.writer().close();
    server.close();
    server.waitClosed();
  }

  /** drain blocks against a slow reader while over the high-water mark; memory stays bounded. */
  @WeftTest
  void testDrainAppliesBackpressure() throws Exception {
    try (SocketListener l = Tcp.openListeners(0, "127.0.0.1").get(0)) {
      StreamPair c = Asyncio.openConnection("127.0.0.1", l.localAddress().getPort());
      try (SocketStream peer = l.accept()) {
        byte[] chunk = new byte[64 * 1024];
        int[] maxQueued = {0};
        boolean[] blocked = {false};
        Nursery.open(
            n -> {
              n.startSoon(
                  () -> {
                    for (int i = 0; i < 200; i++) { // 12.5 MiB, far more than kernel buffers hold
                      c.writer().write(chunk);
                      maxQueued[0] = Math.max(maxQueued[0], c.writer().writeBufferSize());
                      c.writer().drain();
                    }
                  });
              Scheduling.awaitAllTasksBlocked(Duration.ZERO); // the writer is stuck in drain
              blocked[0] = c.writer().writeBufferSize() > StreamWriter.DEFAULT_HIGH_WATER;
              long got = 0;
              java.nio.ByteBuffer sink = java.nio.ByteBuffer.allocateDirect(256 * 1024);
              while (got < 200L * chunk.length) {
                sink.clear();
                got += peer.receiveSome(sink);
              }
            });
        assertTrue(blocked[0], "drain should have been waiting with more than 64 KiB queued");
        // bounded: never more than what one write adds on top of the high-water mark
        assertTrue(maxQueued[0] <= StreamWriter.DEFAULT_HIGH_WATER + chunk.length, "" + maxQueued[0]);
        c.writer().close();
      }
    }
  }

  /** writeEof half-closes: the peer sees EOF and can still answer. */
  @WeftTest
  void testWriteEof() throws Exception {
    try (SocketListener l = Tcp.openListeners(0, "127.0.0.1").get(0)) {
      StreamPair c = Asyncio.openConnection("127.0.0.1", l.localAddress().getPort());
      try (SocketStream peer = l.accept()) {
        assertTrue(c.writer().canWriteEof());
        c.writer().write(bytes("q"));
        c.writer().writeEof();
        assertThrows(ClosedResourceException.class, () -> c.writer().write(bytes("more")));
        assertEquals("q", new String(peer.receiveSome(10), StandardCharsets.UTF_8));
        assertEquals(0, peer.receiveSome(10).length);
        peer.sendAll(bytes("a"));
        assertEquals("a", new String(c.reader().read(10), StandardCharsets.UTF_8));
        c.writer().close();
        c.writer().waitClosed();
        assertTrue(c.writer().isClosing());
      }
    }
  }

  /** A peer reset: writes are dropped and drain reports BrokenResourceException. */
  @WeftTest
  void testDrainAfterReset() throws Exception {
    try (SocketListener l = Tcp.openListeners(0, "127.0.0.1").get(0)) {
      StreamPair c = Asyncio.openConnection("127.0.0.1", l.localAddress().getPort());
      SocketStream peer = l.accept();
      peer.setOption(StandardSocketOptions.SO_LINGER, 0);
      peer.close();
      assertThrows(BrokenResourceException.class, () -> {
        for (int i = 0; i < 1000; i++) {
          c.writer().write(new byte[64 * 1024]);
          c.writer().drain();
        }
      });
      c.writer().close();
    }
  }

  /** Cancelling the task in serveForever closes the server; a port in use names itself. */
  @WeftTest
  void testServeForeverAndPortInUse() throws Exception {
    Server server = Asyncio.startServer((r, w) -> {}, "127.0.0.1", 0);
    InetSocketAddress addr = server.sockets().get(0).localAddress();
    java.net.BindException e =
        assertThrows(
            java.net.BindException.class,
            () -> Asyncio.startServer((r, w) -> {}, "127.0.0.1", addr.getPort()));
    assertTrue(e.getMessage().contains(String.valueOf(addr.getPort())), e.getMessage());
    Nursery.open(
        n -> {
          n.startSoon(server::serveForever);
          Scheduling.awaitAllTasksBlocked(Duration.ZERO);
          n.cancelScope().cancel();
        });
    assertFalse(server.isServing());
    server.waitClosed();
  }

  /** Readers, writers and servers refuse other threads, naming the method and the way in. */
  @WeftTest
  void testOtherThreadRefused() throws Exception {
    Server server = Asyncio.startServer((r, w) -> r.read(10), "127.0.0.1", 0);
    StreamPair c =
        Asyncio.openConnection("127.0.0.1", server.sockets().get(0).localAddress().getPort());
    List<Throwable> errors = new ArrayList<>();
    Thread t =
        Thread.ofPlatform()
            .start(
                () -> {
                  for (Runnable call :
                      List.<Runnable>of(
                          () -> c.writer().write(bytes("x")),
                          () -> c.reader().read(1),
                          server::close)) {
                    try {
                      call.run();
                    } catch (Throwable e) {
                      errors.add(e);
                    }
                  }
                });
    t.join();
    assertEquals(3, errors.size());
    for (Throwable e : errors) {
      assertInstanceOf(IllegalStateException.class, e);
      assertTrue(e.getMessage().contains("callSoonThreadsafe"), e.getMessage());
    }
    assertTrue(errors.get(0).getMessage().startsWith("StreamWriter.write"));
    assertTrue(server.isServing());
    c.writer().close();
    server.close();
    server.waitClosed();
  }

  /** drain and waitClosed are checkpoints; write is not. */
  @WeftTest
  void testCheckpoints() throws Exception {
    try (SocketListener l = Tcp.openListeners(0, "127.0.0.1").get(0)) {
      StreamPair c = Asyncio.openConnection("127.0.0.1", l.localAddress().getPort());
      try (SocketStream peer = l.accept()) {
        dev.weft.testing.Checkpoints.assertNoCheckpoints(() -> c.writer().write(bytes("x")));
        dev.weft.testing.Checkpoints.assertCheckpoints(() -> c.writer().drain());
        c.writer().close();
        dev.weft.testing.Checkpoints.assertCheckpoints(() -> c.writer().waitClosed());
        assertEquals("x", new String(peer.receiveSome(10), StandardCharsets.UTF_8));
      }
    }
  }
}
