package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Weft;
import dev.weft.testing.WeftTest;
import java.util.List;
import java.util.Random;

/** {@link SimpleTimeout}: the request either answers within 5 s or is given up on at 5 s. */
class SimpleTimeoutTest {
  /** A Random whose randint(1, 10) is the given value. */
  private static Random fixed(int delay) {
    return new Random() {
      private static final long serialVersionUID = 1L;

      @Override
      public int nextInt(int bound) {
        return delay - 1;
      }
    };
  }

  /** A 3-second request answers in time: its result, then the end of the block, at t=3. */
  @WeftTest
  void fastRequestPrintsResult() throws Exception {
    var lines = TimedOutput.capture(() -> SimpleTimeout.main(fixed(3)));
    assertEquals(
        List.of(at(3, "result is <Response [200]>"), at(3, "with block finished")), lines);
  }

  /** A 5-second request is cut off at its deadline: the timeout fires first at the same instant. */
  @WeftTest
  void requestAtTheDeadlineIsCancelled() throws Exception {
    var lines = TimedOutput.capture(() -> SimpleTimeout.main(fixed(5)));
    assertEquals(List.of(at(5, "with block finished")), lines);
  }

  /** A 9-second request is given up on at t=5; no result is printed. */
  @WeftTest
  void slowRequestIsGivenUp() throws Exception {
    var lines = TimedOutput.capture(() -> SimpleTimeout.main(fixed(9)));
    assertEquals(List.of(at(5, "with block finished")), lines);
    assertEquals(5.0, Weft.currentTime());
  }
}
