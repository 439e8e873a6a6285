package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.BrokenResourceException;
import dev.weft.BusyResourceException;
import dev.weft.ClosedResourceException;
import dev.weft.Nursery;
import dev.weft.RunConfig;
import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.cancel.Timeouts;
import dev.weft.lowlevel.Io;
import dev.weft.lowlevel.IoStatistics;
import dev.weft.lowlevel.Scheduling;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.WeftTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SocketStream on real loopback connections, under both engines. The clock is @WeftTest's
 * autojumping MockClock: where a test has a timer (a timeout around a send the peer never
 * reads), every task is really blocked (the kernel buffers are full), so jumping is right; no test
 * has a timer racing bytes in flight.
 */
class SocketStreamTest {
  /** A connected pair: client and server ends, both SocketStreams of the current loop. */
  record Pair(SocketStream client, SocketStream server) implements AutoCloseable {
    static Pair open() throws IOException {
      try (SocketListener l = Tcp.openListeners(0, "127.0.0.1").get(0)) {
        SocketStream c = Tcp.openStream("127.0.0.1", l.localAddress().getPort());
        return new Pair(c, l.accept());
      }
    }

    @Override
    public void close() {
      client.close();
      server.close();
    }
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static void assertNoLeaks() {
    assertEquals(new IoStatistics(0, 0, 0), Io.statistics());
  }

  /** Bytes go both ways; addresses and TCP_NODELAY are as documented. */
  @WeftTest
  void testRoundTrip() throws Exception {
    try (Pair p = Pair.open()) {
      p.client().sendAll(bytes("hello"));
      assertArrayEquals(bytes("hello"), p.server().receiveSome(100));
      p.server().sendAll(ByteBuffer.wrap(bytes("back")));
      ByteBuffer in = ByteBuffer.allocateDirect(16);
      assertEquals(4, p.client().receiveSome(in));
      assertEquals("back", StandardCharsets.UTF_8.decode(in.flip()).toString());
      assertEquals(p.client().localAddress(), p.server().remoteAddress());
      assertEquals(p.server().localAddress(), p.client().remoteAddress());
      assertTrue(p.client().getOption(StandardSocketOptions.TCP_NODELAY));
      assertTrue(p.server().getOption(StandardSocketOptions.TCP_NODELAY));
    }
    assertNoLeaks();
  }

  /** receiveSome returns at most maxBytes and the rest stays for the next call. */
  @WeftTest
  void testReceiveSomeHonoursMaxBytes() throws Exception {
    try (Pair p = Pair.open()) {
      p.client().sendAll(bytes("abcdef"));
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      byte[] got = p.server().receiveSome(2);
      assertArrayEquals(bytes("ab"), got);
      StringBuilder rest = new StringBuilder();
      while (rest.length() < 4) {
        rest.append(new String(p.server().receiveSome(100), StandardCharsets.UTF_8));
      }
      assertEquals("cdef", rest.toString());
      assertThrows(IllegalArgumentException.class, () -> p.server().receiveSome(0));
      assertThrows(
          IllegalArgumentException.class, () -> p.server().receiveSome(ByteBuffer.allocate(0)));
    }
  }

  /** A big send goes through whole, in order, while the peer receives concurrently. */
  @WeftTest
  void testLargeSendAll() throws Exception {
    byte[] big = new byte[3 * 1024 * 1024 + 17];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    try (Pair p = Pair.open()) {
      ByteBuffer got = ByteBuffer.allocate(big.length);
      Nursery.open(
          n -> {
            n.startSoon(() -> p.client().sendAll(big));
            while (got.hasRemaining()) {
              p.server().receiveSome(got);
            }
          });
      assertArrayEquals(big, got.array());
    }
  }

  /** After the peer closes, receiveSome returns empty (and -1 for a buffer), every time. */
  @WeftTest
  void testEndOfStream() throws Exception {
    try (Pair p = Pair.open()) {
      p.client().sendAll(bytes("last"));
      p.client().close();
      assertArrayEquals(bytes("last"), p.server().receiveSome(100));
      assertEquals(0, p.server().receiveSome(100).length);
      assertEquals(0, p.server().receiveSome(100).length);
      assertEquals(-1, p.server().receiveSome(ByteBuffer.allocate(8)));
    }
  }

  /** A cancelled receive takes no byte: the bytes sent later are all received. */
  @WeftTest
  void testCancelledReceiveLosesNothing() throws Exception {
    try (Pair p = Pair.open()) {
      CancelScope scope = new CancelScope();
      Nursery.open(
          n -> {
            n.startSoon(() -> scope.run(() -> p.server().receiveSome(100)));
            Scheduling.awaitAllTasksBlocked(Duration.ZERO);
            scope.cancel();
          });
      assertTrue(scope.cancelledCaught());
      p.client().sendAll(bytes("kept"));
      assertArrayEquals(bytes("kept"), p.server().receiveSome(100));
    }
  }

  /** A sendAll cancelled while waiting for room breaks the stream; later sends say so. */
  @WeftTest
  void testCancelledSendAllBreaksStream() throws Exception {
    try (Pair p = Pair.open()) {
      byte[] tooMuch = new byte[64 * 1024 * 1024]; // more than both kernel buffers hold
      CancelScope scope = Timeouts.moveOnAfter(Duration.ofSeconds(1), () -> p.client().sendAll(tooMuch));
      assertTrue(scope.cancelledCaught());
      BrokenResourceException e =
          assertThrows(BrokenResourceException.class, () -> p.client().sendAll(bytes("x")));
      assertTrue(e.getMessage().contains("SocketStream.sendAll"), e.getMessage());
      // Receiving is unaffected.
      p.server().sendAll(bytes("still here"));
      assertArrayEquals(bytes("still here"), p.client().receiveSome(100));
    }
  }

  /** A sendAll cancelled before it starts sends nothing and leaves the stream usable. */
  @WeftTest
  void testSendAllInCancelledScopeKeepsStream() throws Exception {
    try (Pair p = Pair.open()) {
      CancelScope scope = new CancelScope();
      scope.cancel();
      scope.run(() -> p.client().sendAll(bytes("never")));
      assertTrue(scope.cancelledCaught());
      p.client().sendAll(bytes("ok"));
      assertArrayEquals(bytes("ok"), p.server().receiveSome(100));
    }
  }

  /** close() from another task wakes a blocked receiver and sender with ClosedResourceException. */
  @WeftTest
  void testCloseWakesBlockedTasks() throws Exception {
    try (Pair p = Pair.open()) {
      List<String> errors = new ArrayList<>();
      Nursery.open(
          n -> {
            n.startSoon(
                () -> {
                  ClosedResourceException e =
                      assertThrows(ClosedResourceException.class, () -> p.client().receiveSome(10));
                  errors.add(e.getMessage());
                });
            n.startSoon(
                () -> {
                  ClosedResourceException e =
                      assertThrows(
                          ClosedResourceException.class,
                          () -> p.client().sendAll(new byte[64 * 1024 * 1024]));
                  errors.add(e.getMessage());
                });
            Scheduling.awaitAllTasksBlocked(Duration.ZERO);
            assertEquals(1, Io.statistics().tasksWaitingReadable());
            assertEquals(1, Io.statistics().tasksWaitingWritable());
            p.client().close();
          });
      assertEquals(2, errors.size());
      for (String m : errors) {
        assertTrue(m.contains("another task closed"), m);
      }
      assertThrows(ClosedResourceException.class, () -> p.client().receiveSome(10));
      assertThrows(ClosedResourceException.class, () -> p.client().sendAll(bytes("x")));
      assertThrows(ClosedResourceException.class, () -> p.client().sendEof());
      p.client().close(); // twice is fine
    }
    assertNoLeaks();
  }

  /** Two receivers (or two senders) at once: the second gets BusyResourceException naming the first. */
  @WeftTest
  void testBusy() throws Exception {
    try (Pair p = Pair.open()) {
      Nursery.open(
          n -> {
            n.startSoon(
                () -> assertThrows(ClosedResourceException.class, () -> p.server().receiveSome(1)),
                "first-receiver");
            n.startSoon(
                () ->
                    assertThrows(
                        ClosedResourceException.class,
                        () -> p.server().sendAll(new byte[64 * 1024 * 1024])),
                "first-sender");
            Scheduling.awaitAllTasksBlocked(Duration.ZERO);
            BusyResourceException r =
                assertThrows(BusyResourceException.class, () -> p.server().receiveSome(1));
            assertTrue(r.getMessage().contains("first-receiver"), r.getMessage());
            BusyResourceException s =
                assertThrows(BusyResourceException.class, () -> p.server().sendAll(bytes("x")));
            assertTrue(s.getMessage().contains("first-sender"), s.getMessage());
            assertThrows(BusyResourceException.class, () -> p.server().sendEof());
            assertThrows(BusyResourceException.class, () -> p.server().waitSendAllMightNotBlock());
            p.server().close();
          });
    }
  }

  /** A peer reset surfaces as BrokenResourceException with the IOException as cause. */
  @WeftTest
  void testPeerResetIsBroken() throws Exception {
    try (Pair p = Pair.open()) {
      p.client().setOption(StandardSocketOptions.SO_LINGER, 0); // close() sends RST
      p.client().close();
      BrokenResourceException e =
          assertThrows(
              BrokenResourceException.class,
              () -> {
                while (p.server().receiveSome(100).length > 0) {
                  // drain until the reset shows
                }
                p.server().receiveSome(100);
              });
      assertInstanceOf(IOException.class, e.getCause());
      assertTrue(e.getMessage().contains("SocketStream.receiveSome"), e.getMessage());
    }
  }

  /** sendEof half-closes: the peer sees the end, can still send back, and we can still receive. */
  @WeftTest
  void testHalfCloseBothDirections() throws Exception {
    try (Pair p = Pair.open()) {
      p.client().sendAll(bytes("question"));
      p.client().sendEof();
      p.client().sendEof(); // again: nothing
      assertArrayEquals(bytes("question"), p.server().receiveSome(100));
      assertEquals(0, p.server().receiveSome(100).length);
      p.server().sendAll(bytes("answer"));
      p.server().sendEof();
      assertArrayEquals(bytes("answer"), p.client().receiveSome(100));
      assertEquals(0, p.client().receiveSome(100).length);
      ClosedResourceException e =
          assertThrows(ClosedResourceException.class, () -> p.client().sendAll(bytes("more")));
      assertTrue(e.getMessage().contains("sendEof"), e.getMessage());
    }
  }

  /** Every blocking operation is a checkpoint even when it need not wait. */
  @WeftTest
  void testCheckpoints() throws Exception {
    try (Pair p = Pair.open()) {
      Checkpoints.assertCheckpoints(() -> p.client().sendAll(bytes("a")));
      Checkpoints.assertCheckpoints(() -> p.client().sendAll(new byte[0]));
      Checkpoints.assertCheckpoints(() -> p.client().sendAll(ByteBuffer.wrap(bytes("b"))));
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      Checkpoints.assertCheckpoints(() -> p.server().receiveSome(1));
      Checkpoints.assertCheckpoints(() -> p.server().receiveSome(ByteBuffer.allocate(1)));
      Checkpoints.assertCheckpoints(() -> p.client().waitSendAllMightNotBlock());
      Checkpoints.assertCheckpoints(() -> p.client().sendEof());
    }
  }

  /**
   * sendEof's checkpoint is a schedule point under the budget (ADR 0008), not an explicit yield:
   * a runnable task does not get to run during it under the default budget, and does under
   * Trio's policy (budget 1).
   */
  @WeftTest(schedulingBudgets = {RunConfig.DEFAULT_SCHEDULING_BUDGET, 1})
  void testSendEofIsASchedulePoint(RunConfig config) throws Exception {
    try (Pair p = Pair.open()) {
      boolean[] ran = new boolean[1];
      Nursery.open(
          n -> {
            n.startSoon(() -> ran[0] = true);
            p.client().sendEof();
            assertEquals(config.schedulingBudget() == 1, ran[0]);
          });
      assertArrayEquals(new byte[0], p.server().receiveSome(1));
    }
  }

  /** Another thread, or a task of another loop, is refused with an error naming the method. */
  @WeftTest
  void testOtherThreadAndLoopRefused() throws Exception {
    try (Pair p = Pair.open()) {
      AtomicReference<Throwable> fromThread = new AtomicReference<>();
      AtomicReference<Throwable> fromLoop = new AtomicReference<>();
      Thread t =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      p.client().receiveSome(1);
                    } catch (Throwable e) {
                      fromThread.set(e);
                    }
                    try {
                      Weft.run(() -> p.client().sendAll(bytes("x")));
                    } catch (Throwable e) {
                      fromLoop.set(e);
                    }
                  });
      t.join();
      assertInstanceOf(IllegalStateException.class, fromThread.get());
      assertTrue(fromThread.get().getMessage().contains("SocketStream.receiveSome"));
      assertTrue(fromThread.get().getMessage().contains("runSyncSoon"));
      assertInstanceOf(IllegalStateException.class, fromLoop.get());
      assertTrue(fromLoop.get().getMessage().contains("another weft loop"));
    }
  }

  /** Bad input: an unconnected channel, a negative size. */
  @WeftTest
  void testBadInput() throws Exception {
    try (SocketChannel unconnected = SocketChannel.open()) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> new SocketStream(unconnected));
      assertTrue(e.getMessage().contains("Tcp.openStream"), e.getMessage());
    }
    try (Pair p = Pair.open()) {
      assertThrows(IllegalArgumentException.class, () -> p.client().receiveSome(-1));
      assertThrows(NullPointerException.class, () -> p.client().sendAll((byte[]) null));
      assertFalse(p.client().isClosed());
      assertTrue(p.client().toString().contains("127.0.0.1"));
    }
  }

  /** A stream made outside any loop binds to the first loop that uses it. */
  @WeftTest
  void testStreamMadeOutsideLoop() throws Exception {
    try (SocketListener l = Tcp.openListeners(0, "127.0.0.1").get(0)) {
      InetSocketAddress addr = l.localAddress();
      AtomicReference<SocketStream> made = new AtomicReference<>();
      Thread t =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      made.set(new SocketStream(SocketChannel.open(addr)));
                    } catch (IOException e) {
                      throw new RuntimeException(e);
                    }
                  });
      t.join();
      try (SocketStream c = made.get();
          SocketStream s = l.accept()) {
        c.sendAll(bytes("hi"));
        assertArrayEquals(bytes("hi"), s.receiveSome(10));
      }
    }
  }

  /** trySend sends what fits now, never blocks and is not a checkpoint; 0 once the kernel is full. */
  @WeftTest
  void testTrySend() throws Exception {
    try (Pair p = Pair.open()) {
      ByteBuffer hello = ByteBuffer.wrap(bytes("hello"));
      Checkpoints.assertNoCheckpoints(() -> assertEquals(5, p.client().trySend(hello)));
      assertFalse(hello.hasRemaining());
      assertArrayEquals(bytes("hello"), p.server().receiveSome(10));
      ByteBuffer big = ByteBuffer.allocateDirect(1024 * 1024);
      int sent;
      do {
        big.clear();
        sent = p.client().trySend(big);
      } while (sent > 0);
      assertEquals(0, sent);
      p.client().close();
      assertThrows(ClosedResourceException.class, () -> p.client().trySend(ByteBuffer.allocate(1)));
    }
  }
}
