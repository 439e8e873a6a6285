package dev.weft.lowlevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.cancel.CancelScope;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ParkingLot}: FIFO wake-ups, repark, cancellation, checkpoints. */
class ParkingLotTest {
  /** Starts a task that parks in {@code lot} and logs its name when woken. */
  private static void parker(Nursery n, ParkingLot lot, List<String> log, String name) {
    n.startSoon(() -> {
      lot.park();
      log.add(name);
    }, name);
  }

  private static List<String> names(List<Task> tasks) {
    return tasks.stream().map(Task::name).toList();
  }

  /** unpark wakes the longest-parked task; unpark(n) the next n, in order. */
  @WeftTest
  void testUnparkIsFifo() throws Exception {
    ParkingLot lot = new ParkingLot();
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      for (String name : List.of("a", "b", "c", "d")) {
        parker(n, lot, log, name);
      }
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(4, lot.size());
      assertEquals("a", lot.unpark().orElseThrow().name());
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(List.of("a"), log);
      assertEquals(List.of("b", "c"), names(lot.unpark(2)));
      assertEquals(List.of("d"), names(lot.unpark(5)));
      assertTrue(lot.isEmpty());
    });
    assertEquals(List.of("a", "b", "c", "d"), log);
  }

  /** unparkAll wakes everyone in order; unparking an empty lot wakes nobody. */
  @WeftTest
  void testUnparkAllAndEmpty() throws Exception {
    ParkingLot lot = new ParkingLot();
    assertEquals(Optional.empty(), lot.unpark());
    assertEquals(List.of(), lot.unpark(3));
    assertEquals(List.of(), lot.unparkAll());
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      for (String name : List.of("a", "b", "c")) {
        parker(n, lot, log, name);
      }
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(List.of("a", "b", "c"), names(lot.unparkAll()));
      assertEquals(0, lot.size());
    });
    assertEquals(List.of("a", "b", "c"), log);
  }

  /** A task cancelled while parked leaves the lot; the next unpark wakes the task behind it. */
  @WeftTest
  void testCancelledTaskLeavesLot() throws Exception {
    ParkingLot lot = new ParkingLot();
    List<String> log = new ArrayList<>();
    CancelScope scope = new CancelScope();
    Nursery.open(n -> {
      n.startSoon(() -> {
        scope.run(lot::park);
        log.add("a cancelled " + scope.cancelledCaught());
      }, "a");
      parker(n, lot, log, "b");
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      scope.cancel();
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(1, lot.size());
      assertEquals("b", lot.unpark().orElseThrow().name());
    });
    assertEquals(List.of("a cancelled true", "b"), log);
  }

  /** repark moves tasks without waking them; they wake from the other lot, after its own. */
  @WeftTest
  void testRepark() throws Exception {
    ParkingLot from = new ParkingLot();
    ParkingLot to = new ParkingLot();
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      parker(n, to, log, "x");
      for (String name : List.of("a", "b", "c")) {
        parker(n, from, log, name);
      }
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      from.repark(to, 2);
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(List.of(), log);
      assertEquals(1, from.size());
      assertEquals(3, to.size());
      from.reparkAll(to);
      assertEquals(List.of("x", "a", "b", "c"), names(to.unparkAll()));
    });
    assertEquals(List.of("x", "a", "b", "c"), log);
  }

  /** A task cancelled after a repark leaves the lot it was moved to, not the one it parked in. */
  @WeftTest
  void testCancelAfterRepark() throws Exception {
    ParkingLot from = new ParkingLot();
    ParkingLot to = new ParkingLot();
    CancelScope scope = new CancelScope();
    Nursery.open(n -> {
      n.startSoon(() -> scope.run(from::park), "a");
      n.startSoon(from::park, "b");
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      from.repark(to, 1);
      scope.cancel();
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(0, to.size());
      assertEquals(1, from.size());
      from.unpark();
    });
    assertTrue(scope.cancelledCaught());
  }

  /** An unparked task is no longer cancellable: its park returns normally. */
  @WeftTest
  void testUnparkedTaskIsNotAborted() throws Exception {
    ParkingLot lot = new ParkingLot();
    List<String> log = new ArrayList<>();
    CancelScope scope = new CancelScope();
    Nursery.open(n -> {
      n.startSoon(() -> scope.run(() -> {
        lot.park();
        log.add("park returned");
        dev.weft.Weft.checkpoint();
        log.add("unreachable");
      }));
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      lot.unpark();
      scope.cancel(); // before the woken task runs
    });
    assertEquals(List.of("park returned"), log);
    assertTrue(scope.cancelledCaught());
  }

  /** park is a checkpoint; the unpark and repark methods are not. */
  @WeftTest
  void testCheckpoints() throws Exception {
    ParkingLot lot = new ParkingLot();
    ParkingLot other = new ParkingLot();
    Task me = Scheduling.currentTask();
    Nursery.open(n -> {
      n.startSoon(() -> {
        Scheduling.awaitAllTasksBlocked(Duration.ZERO);
        lot.unpark();
      });
      Checkpoints.assertCheckpoints(lot::park);
    });
    Checkpoints.assertNoCheckpoints(() -> {
      lot.unpark();
      lot.unpark(2);
      lot.unparkAll();
      lot.repark(other, 1);
      lot.reparkAll(other);
    });
    assertTrue(me.schedulePoints() > 0);
  }

  /** Parking inside a cancelled scope throws at once and leaves the lot empty. */
  @WeftTest
  void testParkInCancelledScope() throws Exception {
    ParkingLot lot = new ParkingLot();
    CancelScope scope = new CancelScope();
    scope.cancel();
    scope.run(lot::park);
    assertTrue(scope.cancelledCaught());
    assertEquals(0, lot.size());
  }

  /** Negative counts, reparking into the same lot, and a null lot are rejected. */
  @WeftTest
  void testBadArguments() {
    ParkingLot lot = new ParkingLot();
    assertThrows(IllegalArgumentException.class, () -> lot.unpark(-1));
    assertThrows(IllegalArgumentException.class, () -> lot.repark(new ParkingLot(), -1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> lot.repark(lot, 1));
    assertTrue(e.getMessage().contains("already in"), e.getMessage());
    assertThrows(NullPointerException.class, () -> lot.repark(null, 1));
  }

  /** park outside a task fails with a clear message. */
  @org.junit.jupiter.api.Test
  void testParkOutsideLoop() {
    IllegalStateException e = assertThrows(IllegalStateException.class, new ParkingLot()::park);
    assertTrue(e.getMessage().contains("Weft.run"), e.getMessage());
  }

  /** statistics counts the parked tasks. */
  @WeftTest
  void testStatistics() throws Exception {
    ParkingLot lot = new ParkingLot();
    assertEquals(new ParkingLotStatistics(0), lot.statistics());
    Nursery.open(n -> {
      n.startSoon(lot::park);
      n.startSoon(lot::park);
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(new ParkingLotStatistics(2), lot.statistics());
      assertTrue(lot.toString().contains("2 parked"), lot.toString());
      lot.unparkAll();
    });
  }
}
