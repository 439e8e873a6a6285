package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Weft;
import dev.weft.testing.WeftTest;
import java.util.List;

/** {@link DoubleSleep} prints its two lines 6 s apart and returns 6. */
class DoubleSleepTest {
  @WeftTest
  void printsStartedThenExitingSixSecondsLater() throws Exception {
    int[] slept = new int[1];
    var lines = TimedOutput.capture(() -> slept[0] = DoubleSleep.doubleSleep(3));

    assertEquals(List.of(at(0, "started! sleeping now..."), at(6, "exiting!")), lines);
    assertEquals(6, slept[0]);
    assertEquals(6.0, Weft.currentTime());
  }
}
