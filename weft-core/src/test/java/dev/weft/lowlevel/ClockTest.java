package dev.weft.lowlevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The one Duration-to-seconds conversion. */
class ClockTest {
  /** Sub-second parts, negative durations and zero convert exactly enough. */
  @Test
  void testToSeconds() {
    assertEquals(1.5, Clock.toSeconds(Duration.ofMillis(1500)));
    assertEquals(-0.25, Clock.toSeconds(Duration.ofMillis(-250)));
    assertEquals(0.0, Clock.toSeconds(Duration.ZERO));
    assertEquals(1e-9, Clock.toSeconds(Duration.ofNanos(1)));
  }

  /** Durations past toNanos()'s range (about 292 years) convert instead of throwing. */
  @Test
  void testToSecondsNeverOverflows() {
    Duration forever = ChronoUnit.FOREVER.getDuration();
    assertThrows(ArithmeticException.class, forever::toNanos);
    assertTrue(Clock.toSeconds(forever) > 9e18);
    assertTrue(Clock.toSeconds(Duration.ofDays(365L * 1000)) > 3e10);
    assertTrue(Clock.toSeconds(forever.negated()) < -9e18);
  }
}
