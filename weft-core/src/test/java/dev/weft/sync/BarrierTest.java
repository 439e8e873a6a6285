package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.lowlevel.Scheduling;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** {@link Barrier}: tripping, indexes, reuse, reset, abort, cancellation. */
class BarrierTest {
  /** Tasks wait until all parties arrive, then go on together with indexes in arrival order. */
  @WeftTest
  void testTripsWhenAllArrive() throws Exception {
    Barrier b = new Barrier(3);
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      for (int i = 0; i < 3; i++) {
        int delay = i;
        n.startSoon(() -> {
          Weft.sleep(Duration.ofSeconds(delay));
          int index = b.await();
          log.add("t" + delay + " index " + index + " at " + Weft.currentTime());
        });
      }
      Weft.sleep(Duration.ofMillis(1500));
      assertEquals(new BarrierStatistics(3, 2, false), b.statistics());
    });
    // The task that trips the barrier wakes the two waiting tasks, so its schedule point yields
    // (two tasks wait to run: ADR 0011) and they go on first, in arrival order, as under Trio's
    // switch-at-every-checkpoint policy. (asyncio's tripping task returns first: AsyncBarrier.)
    assertEquals(
        List.of("t0 index 0 at 2.0", "t1 index 1 at 2.0", "t2 index 2 at 2.0"), log);
    assertEquals(0, b.tasksWaiting());
  }

  /** The barrier is cyclic: it can be used for several rounds. */
  @WeftTest
  void testReusable() throws Exception {
    Barrier b = new Barrier(2);
    List<Integer> indexes = new ArrayList<>();
    Nursery.open(n -> {
      for (int i = 0; i < 2; i++) {
        n.startSoon(() -> {
          for (int round = 0; round < 3; round++) {
            indexes.add(b.await());
          }
        });
      }
    });
    // Each round's tripping task (index 1) goes on before the waiter it woke.
    assertEquals(List.of(1, 0, 1, 0, 1, 0), indexes);
    assertEquals(0, new Barrier(1).await());
  }

  /** abort breaks the barrier for waiters and later callers until reset. */
  @WeftTest
  void testAbortAndReset() throws Exception {
    Barrier b = new Barrier(3);
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      for (int i = 0; i < 2; i++) {
        n.startSoon(() -> {
          try {
            b.await();
          } catch (BrokenBarrierException e) {
            log.add(e.getMessage());
          }
        });
      }
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      b.abort();
      assertTrue(b.isBroken());
    });
    assertEquals(List.of("Barrier.await: the barrier was aborted while this task waited",
        "Barrier.await: the barrier was aborted while this task waited"), log);
    BrokenBarrierException e = assertThrows(BrokenBarrierException.class, b::await);
    assertTrue(e.getMessage().contains("call reset()"), e.getMessage());
    assertEquals(new BarrierStatistics(3, 0, true), b.statistics());
    b.reset();
    assertEquals(new BarrierStatistics(3, 0, false), b.statistics());
  }

  /** reset breaks the current round's waiters and leaves an empty, usable barrier. */
  @WeftTest
  void testResetWhileWaiting() throws Exception {
    Barrier b = new Barrier(2);
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      n.startSoon(() -> {
        try {
          b.await();
        } catch (BrokenBarrierException e) {
          log.add("broken by reset");
        }
        log.add("next round index " + b.await());
      });
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      b.reset();
      assertTrue(!b.isBroken());
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      log.add("main index " + b.await());
    });
    assertEquals(List.of("broken by reset", "main index 1", "next round index 0"), log);
  }

  /** A cancelled waiter leaves without breaking the barrier; indexes stay distinct. */
  @WeftTest
  void testCancelledWaiterLeaves() throws Exception {
    Barrier b = new Barrier(2);
    CancelScope scope = new CancelScope();
    TreeSet<Integer> indexes = new TreeSet<>();
    Nursery.open(n -> {
      n.startSoon(() -> scope.run(b::await));
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      scope.cancel();
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(new BarrierStatistics(2, 0, false), b.statistics());
      n.startSoon(() -> indexes.add(b.await()));
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      indexes.add(b.await());
    });
    assertTrue(scope.cancelledCaught());
    assertEquals(new TreeSet<>(List.of(0, 1)), indexes);
  }

  /** await is a checkpoint, also for the task that trips it; reset and abort are not. */
  @WeftTest
  void testCheckpoints() throws Exception {
    Checkpoints.assertCheckpoints(() -> new Barrier(1).await());
    Barrier b = new Barrier(2);
    Nursery.open(n -> {
      n.startSoon(() -> Checkpoints.assertCheckpoints(b::await));
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      Checkpoints.assertCheckpoints(b::await);
    });
    Checkpoints.assertNoCheckpoints(() -> {
      b.reset();
      b.abort();
    });
    assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
    assertTrue(b.toString().contains("broken"), b.toString());
  }
}
