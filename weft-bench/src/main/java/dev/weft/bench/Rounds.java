package dev.weft.bench;

import java.util.Arrays;

/** Runs a timed round of a workload several times in one JVM and keeps the median. */
final class Rounds {
  /** Rounds run and thrown away first, so that the JIT has compiled the hot paths. */
  static final int WARMUP = 5;

  /** Rounds timed after the warm-up; odd, so that the median is one of them. */
  static final int MEASURED = 11;

  private Rounds() {}

  /** One round: does the work once and returns the nanoseconds its timed part took. */
  @FunctionalInterface
  interface Round {
    long run() throws Exception;
  }

  /*
   * Implementation notes.
   *
   * We report the median of the measured rounds, not the best. The best round flatters: it is the
   * one no GC pause and no OS hiccup happened to land in, which a user's program cannot count on.
   * The median ignores one or two outliers either way and moves little between runs on a quiet
   * machine. spawn_join's rounds are bimodal, so the median needs more than a handful of them
   * to sit still: we take 11. A round is slow when a young collection lands in it, or when it
   * allocates on heap pages G1 has just grown, whose first touch is expensive on this VM (about
   * 29 against 50 ms). The log line on stderr also gives the mean, which spreads those costs over
   * all rounds.
   *
   * We do not call System.gc() between rounds. It looks tidy, but G1 shrinks the heap to the
   * live set after a full collection (to 28 MB here), so the next spawn_join round paid for four
   * young collections while the heap grew back: about 50 of its 130 ms. Without it each round
   * pays for its own garbage, as a long-running program does. The JVM keeps its default flags, as
   * the peer programs do; README.md shows how to get a pre-touched heap.
   */

  /**
   * Runs {@code round} {@link #WARMUP} + {@link #MEASURED} times and returns the median time of
   * the measured rounds, in nanoseconds. Logs every round's time to stderr.
   *
   * @param label names the workload and engine in the log line
   * @param round the round
   * @return the median nanoseconds of the measured rounds
   * @throws Exception what a round threw
   */
  static long median(String label, Round round) throws Exception {
    long[] warm = new long[WARMUP];
    for (int i = 0; i < WARMUP; i++) {
      warm[i] = round.run();
    }
    long[] measured = new long[MEASURED];
    for (int i = 0; i < MEASURED; i++) {
      measured[i] = round.run();
    }
    long[] sorted = measured.clone();
    Arrays.sort(sorted);
    long median = sorted[MEASURED / 2];
    System.err.printf(
        "%s: warm-up ms %s, measured ms %s, median %.1f ms, mean %.1f ms%n",
        label,
        millis(warm),
        millis(measured),
        median / 1e6,
        Arrays.stream(measured).average().orElse(0) / 1e6);
    return median;
  }

  private static String millis(long[] nanos) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < nanos.length; i++) {
      sb.append(i == 0 ? "" : " ").append(String.format("%.1f", nanos[i] / 1e6));
    }
    return sb.append(']').toString();
  }
}
