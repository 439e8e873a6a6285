package dev.weft.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.testing.WeftTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Where the engines differ by design (DESIGN.md, "Engines"): what a task blocked in foreign JDK
 * code does to the loop. Each test names the engine it is about.
 */
class EngineBehaviourTest {
  /** Fast: a task blocked in a j.u.c latch parks only itself; another task releases it. */
  @WeftTest(engines = Engine.FAST)
  void testForeignBlockLetsOthersRun() throws Exception {
    CountDownLatch latch = new CountDownLatch(1);
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      n.startSoon(() -> {
        log.add("waiting in foreign code");
        latch.await();
        log.add("released");
        Weft.checkpoint();
      });
      n.startSoon(() -> {
        log.add("other task runs meanwhile");
        latch.countDown();
      });
    });
    assertEquals(List.of("waiting in foreign code", "other task runs meanwhile", "released"), log);
  }

  /** Fast: cancelling a task blocked in foreign code interrupts it (best effort). */
  @WeftTest(engines = Engine.FAST)
  void testCancelInterruptsForeignBlock() throws Exception {
    List<String> log = new ArrayList<>();
    CancelScope scope = new CancelScope();
    Nursery.open(n -> {
      n.startSoon(() -> scope.run(() -> {
        try {
          new CountDownLatch(1).await();
        } catch (InterruptedException e) {
          log.add("interrupted");
        }
        Weft.checkpoint();
        log.add("unreachable");
      }));
      n.startSoon(() -> {
        Weft.checkpoint();
        scope.cancel();
      });
    });
    assertEquals(List.of("interrupted"), log);
    assertTrue(scope.cancelledCaught());
    assertTrue(!Thread.currentThread().isInterrupted());
  }

  /** Portable: a foreign blocking call holds the turn; others run only after it returns. */
  @WeftTest(engines = Engine.PORTABLE)
  void testForeignBlockHoldsTheTurn() throws Exception {
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      n.startSoon(() -> {
        CountDownLatch latch = new CountDownLatch(1);
        Thread.ofPlatform().start(latch::countDown);
        latch.await();
        log.add("foreign call returned");
        Weft.checkpoint();
      });
      n.startSoon(() -> log.add("other task"));
    });
    assertEquals(List.of("foreign call returned", "other task"), log);
  }

  /** Both: an interrupt from outside does not break a task's weft parks, and is kept. */
  @WeftTest
  void testStrayInterruptIsKept() throws Exception {
    Nursery.open(n -> n.startSoon(() -> {
      Thread.currentThread().interrupt();
      Weft.sleep(java.time.Duration.ofSeconds(1));
      assertTrue(Thread.interrupted(), "the task's own interrupt flag survives weft parks");
    }));
    assertEquals(1.0, Weft.currentTime());
  }

  /**
   * A virtual thread that a task starts with the JDK's own builder is an ordinary virtual thread:
   * it outlives the run, and it does not run on the loop. (The JDK gives a virtual thread made by
   * another virtual thread its parent's scheduler; on the fast engine that was the loop, so such a
   * thread, and the JDK's socket pollers when a task did the first socket I/O of the JVM, froze
   * once the run ended.)
   */
  @Test
  void testVirtualThreadStartedInATaskOutlivesTheRun() throws Exception {
    for (Engine engine : List.of(Engine.FAST, Engine.PORTABLE)) {
      CountDownLatch release = new CountDownLatch(1);
      AtomicReference<Thread> started = new AtomicReference<>();
      Weft.run(
          c -> c.withEngine(engine),
          () -> started.set(Thread.ofVirtual().name("plain-vthread").start(() -> {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          })));
      release.countDown();
      assertTrue(started.get().join(Duration.ofSeconds(20)), engine + ": the thread never ran on");
    }
  }

  /** Socket I/O on a task's own virtual thread keeps working in later runs and outside weft. */
  @Test
  void testSocketIoWorksAcrossRuns() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
      Thread echo = Thread.ofPlatform().daemon().start(() -> {
        for (int i = 0; i < 3; i++) {
          try (Socket s = server.accept()) {
            s.getOutputStream().write(s.getInputStream().read());
          } catch (java.io.IOException e) {
            return;
          }
        }
      });
      for (int i = 0; i < 2; i++) {
        assertEquals(7, Weft.run(c -> c.withEngine(Engine.FAST), () -> roundTrip(server)));
      }
      Thread plain = Thread.ofVirtual().start(() -> {
        try {
          assertEquals(7, roundTrip(server));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      assertTrue(plain.join(Duration.ofSeconds(20)), "socket I/O outside weft froze");
      assertTrue(echo.join(Duration.ofSeconds(20)));
    }
  }

  private static int roundTrip(ServerSocket server) throws java.io.IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(7);
      return in.read();
    }
  }
}
