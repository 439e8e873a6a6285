package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.testing.WeftTest;
import java.util.List;

/** {@link LockExample}: lost updates without the lock, none with it. */
class LockExampleTest {
  /** Without the lock all three read 100 at t=0 and write 90 at t=1. */
  @WeftTest
  void testWithoutLockLosesUpdates() throws Exception {
    var lines = TimedOutput.capture(() -> LockExample.main(false));
    assertEquals(
        List.of(
            at(0, "without a lock:"),
            at(0, "  worker-0 read balance 100"),
            at(0, "  worker-1 read balance 100"),
            at(0, "  worker-2 read balance 100"),
            at(1, "  worker-0 wrote balance 90"),
            at(1, "  worker-1 wrote balance 90"),
            at(1, "  worker-2 wrote balance 90"),
            at(1, "  final balance: 90 (expected 70)")),
        lines);
  }

  /** With the lock the tasks take turns, one second each, and the balance is right. */
  @WeftTest
  void testWithLockTakesTurns() throws Exception {
    var lines = TimedOutput.capture(() -> LockExample.main(true));
    assertEquals(
        List.of(
            at(0, "with a lock:"),
            at(0, "  worker-0 read balance 100"),
            at(1, "  worker-0 wrote balance 90"),
            at(1, "  worker-1 read balance 90"),
            at(2, "  worker-1 wrote balance 80"),
            at(2, "  worker-2 read balance 80"),
            at(3, "  worker-2 wrote balance 70"),
            at(3, "  final balance: 70 (expected 70)")),
        lines);
  }
}
