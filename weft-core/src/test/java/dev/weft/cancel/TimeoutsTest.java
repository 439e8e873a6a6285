package dev.weft.cancel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

class TimeoutsTest {
  /** moveOnAfter gives up quietly and reports it through the scope. */
  @WeftTest
  void testMoveOnAfter() throws Exception {
    CancelScope s = Timeouts.moveOnAfter(Duration.ofSeconds(5), () -> Weft.sleep(Duration.ofSeconds(10)));
    assertTrue(s.cancelledCaught());
    assertEquals(5.0, Weft.currentTime());
  }

  /** moveOnAfter with a value: the value if in time, empty otherwise. */
  @WeftTest
  void testMoveOnAfterValue() throws Exception {
    assertEquals(Optional.of("fast"), Timeouts.moveOnAfter(Duration.ofSeconds(5), () -> {
      Weft.sleep(Duration.ofSeconds(1));
      return "fast";
    }));
    assertEquals(Optional.empty(), Timeouts.moveOnAfter(Duration.ofSeconds(5), () -> {
      Weft.sleep(Duration.ofSeconds(10));
      return "slow";
    }));
    assertEquals(6.0, Weft.currentTime());
  }

  /** moveOnAt uses an absolute deadline. */
  @WeftTest
  void testMoveOnAt() throws Exception {
    CancelScope s = Timeouts.moveOnAt(Weft.currentTime() + 2, Weft::sleepForever);
    assertTrue(s.cancelledCaught());
    assertEquals(2.0, Weft.currentTime());
  }

  /** failAfter throws TooSlowException, a TimeoutException, after the body has been cancelled. */
  @WeftTest
  void testFailAfter() throws Exception {
    boolean[] cleanedUp = new boolean[1];
    TimeoutException e = assertThrows(TimeoutException.class, () -> Timeouts.failAfter(Duration.ofSeconds(3), () -> {
      try {
        Weft.sleepForever();
      } finally {
        cleanedUp[0] = true;
      }
    }));
    assertTrue(e instanceof TooSlowException);
    assertTrue(cleanedUp[0]);
    assertEquals(3.0, Weft.currentTime());
  }

  /** failAfter returns the value when the body is in time. */
  @WeftTest
  void testFailAfterInTime() throws Exception {
    assertEquals(7, Timeouts.failAfter(Duration.ofSeconds(3), () -> 7));
    Timeouts.failAt(Weft.currentTime() + 1, () -> {});
    assertEquals(0.0, Weft.currentTime());
  }

  /** failAt throws when the absolute deadline passes. */
  @WeftTest
  void testFailAt() {
    assertThrows(TooSlowException.class, () -> Timeouts.failAt(4.0, () -> {
      Weft.sleep(Duration.ofSeconds(5));
      return 1;
    }));
  }

  /** A zero timeout cancels at the first checkpoint; code before it still runs. */
  @WeftTest
  void testZeroTimeout() throws Exception {
    boolean[] ran = new boolean[1];
    CancelScope s = Timeouts.moveOnAfter(Duration.ZERO, () -> {
      ran[0] = true;
      Weft.checkpoint();
      ran[0] = false;
    });
    assertTrue(ran[0]);
    assertTrue(s.cancelledCaught());
  }

  /** A negative timeout is an error. */
  @WeftTest
  void testNegativeTimeout() {
    assertThrows(IllegalArgumentException.class, () -> Timeouts.moveOnAfter(Duration.ofSeconds(-1), () -> {}));
  }

  /** An outer timeout is not mistaken for an inner failAfter's. */
  @WeftTest
  void testOuterTimeoutIsNotTooSlow() throws Exception {
    CancelScope outer = Timeouts.moveOnAfter(Duration.ofSeconds(1), () ->
        Timeouts.failAfter(Duration.ofSeconds(5), () -> Weft.sleepForever()));
    assertTrue(outer.cancelledCaught());
    assertFalse(Double.isNaN(outer.deadline()));
  }
}
