package dev.weft.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.testing.WeftTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

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
}
