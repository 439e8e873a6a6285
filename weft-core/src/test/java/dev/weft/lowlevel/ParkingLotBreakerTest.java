package dev.weft.lowlevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.BrokenResourceException;
import dev.weft.Nursery;
import dev.weft.testing.WeftTest;
import java.time.Duration;

/** Breakers of a parking lot (Trio's add_parking_lot_breaker / break_lot, test_parking_lot_breaker*). */
class ParkingLotBreakerTest {
  /** A breaker that exits breaks the lot: parked tasks are woken with the error, later parks fail. */
  @WeftTest
  void testBreakerExitBreaksLot() throws Exception {
    ParkingLot lot = new ParkingLot();
    Task[] breaker = new Task[1];
    int[] broken = new int[1];
    Nursery.open(n -> {
      n.startSoon(() -> {
        try {
          lot.park();
        } catch (BrokenResourceException e) {
          broken[0]++;
        }
      });
      n.startSoon(() -> {
        breaker[0] = Scheduling.currentTask();
        lot.addBreaker(breaker[0]);
        Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      });
    });
    assertEquals(1, broken[0]);
    assertEquals(breaker[0], lot.brokenBy().orElseThrow());
    assertThrows(BrokenResourceException.class, lot::park);
    assertThrows(BrokenResourceException.class, () -> lot.addBreaker(breaker[0]));
  }

  /** A removed breaker no longer breaks anything; removing one that is not there is an error. */
  @WeftTest
  void testRemovedBreaker() throws Exception {
    ParkingLot lot = new ParkingLot();
    Nursery.open(n -> n.startSoon(() -> {
      lot.addBreaker(Scheduling.currentTask());
      lot.addBreaker(Scheduling.currentTask()); // idempotent
      lot.removeBreaker(Scheduling.currentTask());
    }));
    assertTrue(lot.brokenBy().isEmpty());
    assertThrows(IllegalArgumentException.class, () -> lot.removeBreaker(Scheduling.currentTask()));
  }

  /** Several breakers: the first to exit breaks the lot. */
  @WeftTest
  void testSeveralBreakers() throws Exception {
    ParkingLot lot = new ParkingLot();
    lot.addBreaker(Scheduling.currentTask());
    Nursery.open(n -> n.startSoon(() -> lot.addBreaker(Scheduling.currentTask()), "second"));
    assertEquals("second", lot.brokenBy().orElseThrow().name());
    lot.removeBreaker(Scheduling.currentTask());
  }
}
