package dev.weft.stress;

import dev.weft.Engine;
import java.util.List;

/**
 * Runs every suite under both engines and prints a table: {@code ./weft stress} (the full
 * profile, 10^6 operations per structure), or {@code ./weft stress OPS} for another size.
 */
public final class Stress {
  /** The full profile's operations per suite. */
  static final int FULL = 1_000_000;

  private Stress() {}

  /** {@return every suite, in the order of the table} */
  static List<Suite> suites() {
    return List.of(
        new ChannelSuite(0),
        new ChannelSuite(1),
        new ChannelSuite(64),
        new QueueSuite("Fifo"),
        new QueueSuite("Lifo"),
        new QueueSuite("Priority"),
        new PermitSuite("Lock"),
        new PermitSuite("Semaphore"),
        new PermitSuite("CapacityLimiter"),
        new FailureSuite(),
        new CrossThreadSuite(),
        new DeterminismSuite());
  }

  /**
   * Runs the suites.
   *
   * @param args optionally the operations per suite, then the seed
   * @throws Exception if a suite fails
   */
  public static void main(String[] args) throws Exception {
    int ops = args.length > 0 ? Integer.parseInt(args[0]) : FULL;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261127L;
    System.out.printf("%-18s %-9s %10s %9s  %s%n", "suite", "engine", "ops", "seconds", "result");
    int failures = 0;
    for (Suite s : suites()) {
      for (Engine e : Engine.values()) {
        long t0 = System.nanoTime();
        String result;
        try {
          result = s.run(e, ops, seed);
        } catch (Throwable t) {
          failures++;
          result = "FAILED: " + t;
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            "%-18s %-9s %10d %9.2f  %s%n",
            s.name(), e.name().toLowerCase(java.util.Locale.ROOT), ops, secs, result);
      }
    }
    if (failures > 0) {
      System.out.println(failures + " suite runs failed");
      System.exit(1);
    }
  }
}
