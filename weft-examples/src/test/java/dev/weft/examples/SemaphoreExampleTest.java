package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.testing.WeftTest;
import java.util.List;

/** {@link SemaphoreExample}: five downloads through a semaphore of two. */
class SemaphoreExampleTest {
  /** Two at a time, in the order they asked; the last finishes at t=3. */
  @WeftTest
  void testAtMostTwoAtATime() throws Exception {
    var lines = TimedOutput.capture(() -> SemaphoreExample.main());
    assertEquals(
        List.of(
            at(0, "download-1 started at t=0"),
            at(0, "download-2 started at t=0"),
            at(1, "download-1 finished at t=1"),
            at(1, "download-2 finished at t=1"),
            at(1, "download-3 started at t=1"),
            at(1, "download-4 started at t=1"),
            at(2, "download-3 finished at t=2"),
            at(2, "download-4 finished at t=2"),
            at(2, "download-5 started at t=2"),
            at(3, "download-5 finished at t=3"),
            at(3, "all 5 downloads done at t=3")),
        lines);
  }
}
