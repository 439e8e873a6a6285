package dev.weft.cancel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.weft.Block;
import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.asyncio.AsyncTask;
import dev.weft.asyncio.Asyncio;
import dev.weft.testing.WeftTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Cancelling a task that sits in a plain blocking JDK call (issue 13, item 1). On the fast engine
 * only the task parks, so a cancel scope can interrupt the call; the interrupt weft sent comes out
 * of the scope as that scope's cancellation, stays level-triggered, and leaves no interrupt status
 * behind. The calls are real (loopback sockets, a local HTTP server, Thread.sleep) and each would
 * block for 30 s or for ever; the MockClock autojumps to the deadline as soon as the loop is idle,
 * so every test ends at once when the feature works. The portable engine cannot interrupt a call
 * that holds its turn: {@link #testPortableCancelsAtTheNextCheckpoint()} pins what it does.
 */
class BlockingCallCancellationTest {
  private static final long LONG_MS = 30_000;

  /** Thread.sleep under moveOnAfter: the scope catches the cancellation, no interrupt is left. */
  @WeftTest(engines = Engine.FAST)
  void testThreadSleepUnderMoveOnAfter() throws Exception {
    CancelScope s = Timeouts.moveOnAfter(Duration.ofSeconds(1), () -> Thread.sleep(LONG_MS));
    assertTrue(s.cancelledCaught());
    assertEquals(1.0, Weft.currentTime());
    assertFalse(Thread.currentThread().isInterrupted());
  }

  /** failAfter around an interrupted call throws TooSlowException, not InterruptedException. */
  @WeftTest(engines = Engine.FAST)
  void testThreadSleepUnderFailAfter() {
    TooSlowException e =
        assertThrows(
            TooSlowException.class,
            () -> Timeouts.failAfter(Duration.ofSeconds(1), () -> Thread.sleep(LONG_MS)));
    assertFalse(Thread.currentThread().isInterrupted());
    assertEquals(1.0, Weft.currentTime(), e.toString());
  }

  /** A swallowed InterruptedException cannot lose the cancellation: the next call is interrupted. */
  @WeftTest(engines = Engine.FAST)
  void testSwallowedInterruptIsLevelTriggered() throws Exception {
    List<String> log = new ArrayList<>();
    CancelScope s =
        Timeouts.moveOnAfter(
            Duration.ofSeconds(1),
            () -> {
              for (int i = 0; i < 3; i++) {
                try {
                  Thread.sleep(LONG_MS);
                  log.add("slept");
                } catch (InterruptedException e) {
                  log.add("swallowed");
                }
              }
              Thread.sleep(LONG_MS);
              log.add("unreachable");
            });
    assertEquals(List.of("swallowed", "swallowed", "swallowed"), log);
    assertTrue(s.cancelledCaught());
    assertFalse(Thread.currentThread().isInterrupted());
  }

  /** The usual idiom (restore the flag, wrap, rethrow) is recognised, and the flag is cleared. */
  @WeftTest(engines = Engine.FAST)
  void testWrappedInterruptWithRestoredFlag() throws Exception {
    CancelScope s =
        Timeouts.moveOnAfter(
            Duration.ofSeconds(1),
            () -> {
              try {
                Thread.sleep(LONG_MS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
              }
            });
    assertTrue(s.cancelledCaught());
    assertFalse(Thread.currentThread().isInterrupted());
    Weft.sleep(Duration.ofSeconds(1)); // and later weft waits are not disturbed
  }

  /**
   * A JDBC query over a loopback socket (H2's TCP server, the server-side statement sleeping): the
   * driver's exception keeps the JDK's interrupt as its cause, so the scope catches it as its
   * cancellation; the connection is broken afterwards (discard it, as the README says).
   */
  @WeftTest(engines = Engine.FAST)
  void testJdbcQueryOverLoopback() throws Exception {
    org.h2.tools.Server h2 =
        org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    try (java.sql.Connection c =
        java.sql.DriverManager.getConnection(
            "jdbc:h2:tcp://localhost:" + h2.getPort() + "/mem:weft", "sa", "")) {
      try (java.sql.Statement st = c.createStatement()) {
        st.execute("CREATE ALIAS SLEEP FOR 'java.lang.Thread.sleep'");
      }
      CancelScope s =
          Timeouts.moveOnAfter(
              Duration.ofSeconds(1),
              () -> {
                try (java.sql.Statement st = c.createStatement()) {
                  st.execute("CALL SLEEP(3000)"); // the server's thread sleeps 3 s at most
                }
              });
      assertTrue(s.cancelledCaught());
      assertEquals(1.0, Weft.currentTime());
      assertFalse(Thread.currentThread().isInterrupted());
    } catch (java.sql.SQLException closingABrokenConnection) {
      // close() of the connection whose socket the interrupt closed may complain; it is discarded.
    } finally {
      h2.stop();
    }
  }

  /**
   * A j.u.c Lock.lock() cannot be interrupted: the task waits on while the other tasks run, and
   * its next weft checkpoint raises the scope's cancellation, leaving no interrupt status.
   */
  @WeftTest(engines = Engine.FAST)
  void testUninterruptibleLockCancelsAtTheNextCheckpoint() throws Exception {
    java.util.concurrent.locks.ReentrantLock jucLock = new java.util.concurrent.locks.ReentrantLock();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        Thread.ofPlatform()
            .start(
                () -> {
                  jucLock.lock();
                  try {
                    held.countDown();
                    release.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    jucLock.unlock();
                  }
                });
    held.await();
    List<String> log = new ArrayList<>();
    CancelScope[] scope = new CancelScope[1];
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                scope[0] =
                    Timeouts.moveOnAfter(
                        Duration.ofSeconds(1),
                        () -> {
                          jucLock.lock();
                          try {
                            log.add("locked at " + Weft.currentTime());
                          } finally {
                            jucLock.unlock();
                          }
                          Weft.checkpoint();
                          log.add("unreachable");
                        });
                log.add("interrupted after the scope: " + Thread.currentThread().isInterrupted());
              });
          n.startSoon(
              () -> {
                Weft.sleep(Duration.ofSeconds(2));
                log.add("other ran at " + Weft.currentTime());
                release.countDown();
              });
        });
    holder.join(Duration.ofSeconds(10));
    assertEquals(
        List.of("other ran at 2.0", "locked at 2.0", "interrupted after the scope: false"), log);
    assertTrue(scope[0].cancelledCaught());
  }

  /** A java.net.Socket read: cancelled, and the socket is closed (the JDK's rule for interrupts). */
  @WeftTest(engines = Engine.FAST)
  void testSocketReadOnLoopback() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
      InputStream in = client.getInputStream();
      CancelScope s = Timeouts.moveOnAfter(Duration.ofSeconds(1), () -> {
        in.read();
      });
      assertTrue(s.cancelledCaught());
      assertTrue(client.isClosed(), "an interrupted Socket read closes the socket");
      assertFalse(Thread.currentThread().isInterrupted());
    }
  }

  /** A SocketChannel read: ClosedByInterruptException becomes the scope's cancellation. */
  @WeftTest(engines = Engine.FAST)
  void testSocketChannelReadOnLoopback() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        SocketChannel ch =
            SocketChannel.open(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()))) {
      CancelScope s =
          Timeouts.moveOnAfter(
              Duration.ofSeconds(1),
              () -> {
                ch.read(ByteBuffer.allocate(16));
              });
      assertTrue(s.cancelledCaught());
      assertFalse(ch.isOpen(), "an interrupted channel read closes the channel");
    }
  }

  /** HttpClient.send to a local server that never answers: failAfter throws TooSlowException. */
  @WeftTest(engines = Engine.FAST)
  void testHttpClientSendUnderFailAfter() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService handlers = Executors.newFixedThreadPool(2);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(handlers);
    server.createContext(
        "/slow",
        exchange -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    HttpClient client = HttpClient.newHttpClient();
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slow");
      assertThrows(
          TooSlowException.class,
          () ->
              Timeouts.failAfter(
                  Duration.ofSeconds(1),
                  () -> {
                    client.send(
                        HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
                  }));
      assertFalse(Thread.currentThread().isInterrupted());
      assertEquals(1.0, Weft.currentTime());
    } finally {
      release.countDown();
      client.shutdownNow();
      server.stop(0);
      handlers.shutdownNow();
    }
  }

  private static void failAfterOneSecond() throws IOException {
    Weft.sleep(Duration.ofSeconds(1));
    throw new IOException("boom");
  }

  /** A child blocked in Thread.sleep when its sibling fails is cancelled, not a second failure. */
  @WeftTest(engines = Engine.FAST)
  void testNurseryCancelsChildInBlockingCall() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                Nursery.open(
                    n -> {
                      n.startSoon(() -> Thread.sleep(LONG_MS), "sleeper");
                      n.startSoon(BlockingCallCancellationTest::failAfterOneSecond, "failer");
                    }));
    assertEquals("boom", e.getMessage());
  }

  /** The body of a nursery blocked in a JDK call is cancelled with it, and only the failure shows. */
  @WeftTest(engines = Engine.FAST)
  void testNurseryBodyInBlockingCall() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                Nursery.open(
                    n -> {
                      n.startSoon(BlockingCallCancellationTest::failAfterOneSecond);
                      Thread.sleep(LONG_MS);
                    }));
    assertEquals("boom", e.getMessage());
    assertFalse(Thread.currentThread().isInterrupted());
  }

  /** Outside a shielded scope's reach: a blocking call in a shield inside a cancelled scope runs on. */
  @WeftTest(engines = Engine.FAST)
  void testShieldedBlockingCallIsNotInterrupted() throws Exception {
    CountDownLatch latch = new CountDownLatch(1);
    CancelScope outer = new CancelScope();
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(
              () ->
                  outer.run(
                      () -> {
                        CancelScope.shielded().run(() -> {
                          latch.await();
                          log.add("latch released");
                        });
                        Weft.checkpoint();
                        log.add("unreachable");
                      }));
          n.startSoon(
              () -> {
                Weft.sleep(Duration.ofSeconds(1));
                outer.cancel();
                Weft.sleep(Duration.ofSeconds(1));
                log.add("releasing");
                latch.countDown();
              });
        });
    assertEquals(List.of("releasing", "latch released"), log);
    assertTrue(outer.cancelledCaught());
  }

  /** asyncio's one-shot cancel and waitFor reach a task blocked in a JDK call too. */
  @WeftTest(engines = Engine.FAST)
  void testAsyncioCancelAndWaitFor() throws Exception {
    AsyncTask<String> t =
        Asyncio.createTask(
            () -> {
              Thread.sleep(LONG_MS);
              return "slept";
            });
    Weft.sleep(Duration.ofSeconds(1));
    t.cancel("stop");
    CancelledError e = assertThrows(CancelledError.class, t::await);
    assertEquals("stop", e.getMessage());
    assertThrows(
        TooSlowException.class,
        () ->
            Asyncio.waitFor(
                () -> {
                  Thread.sleep(LONG_MS);
                  return "slept";
                },
                Duration.ofSeconds(1)));
    assertEquals(2.0, Weft.currentTime());
    assertFalse(Thread.currentThread().isInterrupted());
  }

  /** An interrupt that weft did not send stays an InterruptedException, on both engines. */
  @WeftTest
  void testForeignInterruptStaysAnInterrupt() throws Exception {
    Thread me = Thread.currentThread();
    Thread.ofPlatform().start(me::interrupt);
    assertThrows(InterruptedException.class, () -> Thread.sleep(LONG_MS));
    CancelScope s = CancelScope.withRelativeDeadline(Duration.ofSeconds(1));
    InterruptedException own =
        assertThrows(
            InterruptedException.class,
            () ->
                s.run(
                    (Block)
                        () -> {
                          Thread.currentThread().interrupt();
                          throw new InterruptedException("the task's own");
                        }));
    assertEquals("the task's own", own.getMessage());
    assertFalse(s.cancelledCaught(), "no cancellation happened, so none was caught");
    assertTrue(Thread.interrupted(), "the task's own interrupt status is its own");
  }

  /**
   * Portable: a blocking call holds the loop's turn, so a deadline cannot interrupt it; the call
   * runs to its end and the cancellation arrives at the next checkpoint.
   */
  @WeftTest(engines = Engine.PORTABLE)
  void testPortableCancelsAtTheNextCheckpoint() throws Exception {
    List<String> log = new ArrayList<>();
    CancelScope s =
        Timeouts.moveOnAfter(
            Duration.ofSeconds(1),
            () -> {
              CountDownLatch latch = new CountDownLatch(1);
              Thread.ofPlatform().start(latch::countDown);
              latch.await();
              log.add("the call returned");
              Weft.sleep(Duration.ofSeconds(10));
              log.add("unreachable");
            });
    assertEquals(List.of("the call returned"), log);
    assertTrue(s.cancelledCaught());
    assertEquals(1.0, Weft.currentTime());
  }

  /** The cancellation that caught an interrupted call says what it stood for. */
  @WeftTest(engines = Engine.FAST)
  void testCancelledErrorCarriesTheInterruptedCall() throws Exception {
    CancelScope outer = CancelScope.withRelativeDeadline(Duration.ofSeconds(1));
    List<Throwable> seen = new ArrayList<>();
    outer.run(
        () -> {
          try {
            CancelScope.withRelativeDeadline(Duration.ofSeconds(5)).run(() -> Thread.sleep(LONG_MS));
          } catch (CancelledError e) {
            seen.add(e);
            throw e;
          }
        });
    assertTrue(outer.cancelledCaught());
    assertEquals(1, seen.size());
    assertInstanceOf(InterruptedException.class, seen.get(0).getCause());
  }
}
