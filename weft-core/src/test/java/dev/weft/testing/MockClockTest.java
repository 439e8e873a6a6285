package dev.weft.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.lowlevel.Scheduling;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

class MockClockTest {
  /** The clock starts at 0 and autojumps straight to each deadline. */
  @WeftTest
  void testAutojump(MockClock clock) {
    assertEquals(0.0, Weft.currentTime());
    Weft.sleep(Duration.ofSeconds(6));
    assertEquals(6.0, Weft.currentTime());
    Weft.sleep(Duration.ofMillis(1500));
    assertEquals(7.5, clock.currentTime());
  }

  /** Without autojump, time stands still until jump() moves it; deadlines then fire. */
  @WeftTest(autojump = false)
  void testManualJump(MockClock clock) throws Exception {
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      n.startSoon(() -> {
        Weft.sleep(Duration.ofSeconds(10));
        log.add("woke at " + Weft.currentTime());
      });
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      clock.jump(9.5);
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      log.add("still asleep at " + Weft.currentTime());
      clock.jump(Duration.ofMillis(500));
    });
    assertEquals(List.of("still asleep at 9.5", "woke at 10.0"), log);
  }

  /** Autojump can be switched on while the loop runs. */
  @WeftTest(autojump = false)
  void testEnableAutojumpWhileRunning(MockClock clock) {
    assertEquals(Double.POSITIVE_INFINITY, clock.autojumpThreshold());
    clock.setAutojumpThreshold(Duration.ZERO);
    Weft.sleep(Duration.ofSeconds(3));
    assertEquals(3.0, Weft.currentTime());
    assertEquals(0.0, clock.autojumpThreshold());
  }

  /** Bad arguments are rejected. */
  @WeftTest
  void testBadArguments(MockClock clock) {
    assertThrows(IllegalArgumentException.class, () -> clock.jump(-1));
    assertThrows(IllegalArgumentException.class, () -> clock.jump(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> clock.setRate(-1));
    assertThrows(
        IllegalArgumentException.class, () -> clock.setAutojumpThreshold(Duration.ofSeconds(-1)));
  }

  /** deadlineToSleepTime: 0 for the past, forever at rate 0, scaled by the rate otherwise. */
  @WeftTest
  void testDeadlineToSleepTime() {
    MockClock c = new MockClock();
    assertEquals(0.0, c.deadlineToSleepTime(-1));
    assertEquals(Double.POSITIVE_INFINITY, c.deadlineToSleepTime(5));
    c.setRate(2);
    double t = c.deadlineToSleepTime(c.currentTime() + 10);
    assertTrue(t > 4.9 && t <= 5.0, "sleep time " + t);
    c.setAutojumpThreshold(null);
    assertEquals(Double.POSITIVE_INFINITY, c.autojumpThreshold());
    assertTrue(c.toString().contains("rate=2.0"), c.toString());
  }
}
