package dev.weft.internal.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The park-and-unpark I/O manager on its own (no loop, so no engine is involved). */
@Timeout(10)
class ParkingIoManagerTest {
  /** A wake-up that comes before the wait is kept: the wait returns at once and says so. */
  @Test
  void testWakeupBeforeWaitIsKept() {
    ParkingIoManager io = new ParkingIoManager();
    io.wakeup();
    io.wakeup();
    assertTrue(io.waitForEvents(Double.POSITIVE_INFINITY));
  }

  /** A wait that ends by its timeout says no wake-up came, and the wake-up flag stays clear. */
  @Test
  void testTimeoutReportsNoWakeup() {
    ParkingIoManager io = new ParkingIoManager();
    assertFalse(io.waitForEvents(0.001));
    assertFalse(io.waitForEvents(0));
  }

  /** A zero-timeout poll consumes a pending wake-up, so the next real wait is not cut short. */
  @Test
  void testPollClearsPendingWakeup() {
    ParkingIoManager io = new ParkingIoManager();
    io.wakeup();
    assertFalse(io.waitForEvents(0));
    assertFalse(io.waitForEvents(0.001));
  }

  /** A wake-up from another thread ends an unbounded wait. */
  @Test
  void testWakeupFromAnotherThreadEndsWait() throws InterruptedException {
    ParkingIoManager io = new ParkingIoManager();
    Thread waker = Thread.ofPlatform().start(io::wakeup);
    assertTrue(io.waitForEvents(Double.POSITIVE_INFINITY));
    waker.join(Duration.ofSeconds(5));
  }

  /** An interrupt of the waiting thread does not end the wait, and does not stay set. */
  @Test
  void testInterruptDoesNotEndWait() {
    ParkingIoManager io = new ParkingIoManager();
    Thread.currentThread().interrupt();
    assertFalse(io.waitForEvents(0.001));
    assertFalse(Thread.interrupted());
  }
}
