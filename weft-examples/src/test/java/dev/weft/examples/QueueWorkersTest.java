package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.testing.WeftTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** {@link QueueWorkers}: 20 sleeps shared by 3 workers, on the mock clock. */
class QueueWorkersTest {
  /** The sleeps random.uniform(0.05, 1.0) returns in this test. */
  private static final double[] SLEEPS = {
    0.27, 0.15, 0.43, 0.2, 0.11, 0.43, 0.92, 0.81, 0.78, 0.26,
    0.56, 0.31, 0.21, 0.15, 0.25, 0.93, 0.84, 0.82, 0.81, 0.23
  };

  /**
   * What the seed's asyncio program prints with {@link #SLEEPS}: captured from CPython 3 with
   * {@code random.uniform} patched to return them. (It measured 3.58 s in parallel with real
   * time; the mock clock has no overhead, so weft prints the exact 3.57.)
   */
  private static final List<String> ASYNCIO_LINES =
      List.of(
          "worker-1 has slept for 0.15 seconds",
          "worker-0 has slept for 0.27 seconds",
          "worker-1 has slept for 0.20 seconds",
          "worker-0 has slept for 0.11 seconds",
          "worker-2 has slept for 0.43 seconds",
          "worker-1 has slept for 0.43 seconds",
          "worker-2 has slept for 0.81 seconds",
          "worker-0 has slept for 0.92 seconds",
          "worker-2 has slept for 0.26 seconds",
          "worker-1 has slept for 0.78 seconds",
          "worker-1 has slept for 0.21 seconds",
          "worker-2 has slept for 0.31 seconds",
          "worker-0 has slept for 0.56 seconds",
          "worker-1 has slept for 0.15 seconds",
          "worker-2 has slept for 0.25 seconds",
          "worker-1 has slept for 0.84 seconds",
          "worker-0 has slept for 0.93 seconds",
          "worker-2 has slept for 0.82 seconds",
          "worker-0 has slept for 0.23 seconds",
          "worker-1 has slept for 0.81 seconds",
          "====",
          "3 workers slept in parallel for 3.57 seconds",
          "total expected sleep time: 9.47 seconds");

  /** A Random whose nextDouble makes uniform(0.05, 1.0) return the given sleeps in turn. */
  private static Random fixed(double... sleeps) {
    return new Random() {
      private static final long serialVersionUID = 1L;
      private int next;

      @Override
      public double nextDouble() {
        return (sleeps[next++] - 0.05) / 0.95;
      }
    };
  }

  /**
   * The same lines as asyncio, in the same order; each worker line is printed when that worker's
   * own sleeps add up (the queue is full from the start, so a worker never waits for work), and
   * the totals when the last item is done.
   */
  @WeftTest
  void testLinesAndTimes() throws Exception {
    var lines = TimedOutput.capture(() -> QueueWorkers.main(fixed(SLEEPS)));

    assertEquals(ASYNCIO_LINES, lines.stream().map(TimedOutput.Line::text).toList());
    Map<String, Double> busyUntil = new HashMap<>();
    for (TimedOutput.Line line : lines.subList(0, 20)) {
      String[] words = line.text().split(" ");
      double end = busyUntil.merge(words[0], Double.parseDouble(words[4]), Double::sum);
      assertEquals(end, line.time(), 1e-9, line.toString());
    }
    for (TimedOutput.Line line : lines.subList(20, 23)) {
      assertEquals(3.57, line.time(), 1e-9, line.toString());
    }
  }

  /** With a real Random the shape holds: 20 worker lines, then the three summary lines. */
  @WeftTest
  void testAnySeed() throws Exception {
    var lines = TimedOutput.capture(() -> QueueWorkers.main(new Random(42)));
    assertEquals(23, lines.size());
    for (TimedOutput.Line line : lines.subList(0, 20)) {
      assertEquals(true, line.text().matches("worker-[012] has slept for [01]\\.\\d\\d seconds"),
          line.text());
    }
    assertEquals("====", lines.get(20).text());
    assertEquals(true, lines.get(21).text().matches("3 workers slept in parallel for \\d\\.\\d\\d seconds"));
    assertEquals(true, lines.get(22).text().matches("total expected sleep time: \\d+\\.\\d\\d seconds"));
  }
}
