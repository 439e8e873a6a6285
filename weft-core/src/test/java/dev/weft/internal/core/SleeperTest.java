package dev.weft.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Scheduling;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Weft.sleep's own timer and abort function (Sleeper): woken by the deadline or a cancellation. */
class SleeperTest {
  /** A sleep cancelled from outside ends with CancelledError and leaves no timer behind. */
  @WeftTest
  void testCancelledSleepLeavesNoTimer() throws Exception {
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(
              () ->
                  assertThrows(
                      CancelledError.class, () -> Weft.sleep(Duration.ofSeconds(100))));
          Weft.sleep(Duration.ofSeconds(1));
          n.cancelScope().cancel();
          log.add("cancelled at " + Weft.currentTime());
        });
    assertEquals(List.of("cancelled at 1.0"), log);
    assertEquals(
        Double.POSITIVE_INFINITY, Scheduling.currentStatistics().secondsToNextDeadline());
  }

  /** Sleepers wake in deadline order, equal deadlines in the order they went to sleep. */
  @WeftTest
  void testWakeOrder() throws Exception {
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          for (String name : List.of("b2", "a1", "c2", "d0")) {
            n.startSoon(
                () -> {
                  Weft.sleep(Duration.ofSeconds(name.charAt(1) - '0'));
                  log.add(name + "@" + Weft.currentTime());
                });
          }
        });
    assertEquals(List.of("d0@0.0", "a1@1.0", "b2@2.0", "c2@2.0"), log);
  }

  /** A sleep in an already cancelled scope parks once and ends with CancelledError. */
  @WeftTest
  void testSleepInCancelledScopeIsCancelled() throws Exception {
    Nursery.open(
        n -> {
          n.cancelScope().cancel();
          assertThrows(CancelledError.class, () -> Weft.sleep(Duration.ofSeconds(5)));
          assertEquals(0.0, Weft.currentTime());
        });
  }
}
