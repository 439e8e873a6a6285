package dev.weft.bench;

import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.Weft;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * {@code timers}: 100k tasks, each sleeping a seeded-random 0-1000 ms on the real clock, in one
 * nursery. Reports three figures:
 *
 * <ul>
 *   <li>{@code overhead_ms}: the nursery's open time minus the longest sleep, that is what starting,
 *       timing and waking the tasks cost beyond the wait itself;
 *   <li>{@code lateness_p99_ms}: the 99th percentile of how late each task woke (the time its
 *       sleep returned minus the time it asked to wake at);
 *   <li>{@code peak_rss_mb}: the peak resident set of the JVM that ran it ({@code VmHWM}).
 * </ul>
 *
 * <p>The peer is raw virtual threads calling {@link Thread#sleep(Duration)} on the JDK's default
 * scheduler, measured the same way.
 */
final class TimersWorkload implements Workload {
  static final int TASKS = 100_000;
  static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);
  /** Rounds per child JVM; odd, so the median is one of them. */
  static final int ROUNDS = 3;

  /*
   * Implementation notes.
   *
   * Each implementation runs in a child JVM of its own, started with this JVM's flags: peak RSS is
   * a figure of a whole process, and a JVM that has already run idle_tasks keeps the heap it grew
   * for it. The peer programs DESIGN.md cites were separate processes too. The child runs a round
   * of 10k tasks to warm up, then ROUNDS full rounds, and prints the median of each time figure
   * and the process's peak RSS; the whole takes a few seconds a child.
   */

  @Override
  public List<Figure> run(Engine engine) throws Exception {
    return inChild(Macro.engineName(engine));
  }

  @Override
  public List<Peer> peers() throws Exception {
    List<Peer> out = new ArrayList<>();
    for (Figure f : inChild("jdk")) {
      out.add(new Peer("jdk_virtual_threads", f));
    }
    return out;
  }

  /** Runs {@link #main} in a child JVM and returns its figures. */
  private static List<Figure> inChild(String impl) throws IOException, InterruptedException {
    return ChildJvms.run(TimersWorkload.class, List.of(), impl, 3);
  }

  /**
   * The child JVM: runs the rounds for one implementation and prints {@code metric=value} lines.
   *
   * @param args {@code fast}, {@code portable} or {@code jdk}
   * @throws Exception if a round fails
   */
  public static void main(String[] args) throws Exception {
    String impl = args[0];
    round(impl, TASKS / 10);
    long[] overhead = new long[ROUNDS];
    long[] p99 = new long[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      long[] r = round(impl, TASKS);
      overhead[i] = r[0];
      p99[i] = r[1];
    }
    System.err.printf(
        "timers %s: overhead ms by round %s, lateness p99 ms by round %s%n",
        impl, Arrays.toString(overhead), Arrays.toString(p99));
    Arrays.sort(overhead);
    Arrays.sort(p99);
    System.out.println("overhead_ms=" + overhead[ROUNDS / 2]);
    System.out.println("lateness_p99_ms=" + p99[ROUNDS / 2]);
    System.out.println("peak_rss_mb=" + peakRssMb());
  }

  /**
   * One round of {@code tasks} sleepers.
   *
   * @return the overhead and the p99 lateness, in milliseconds
   */
  static long[] round(String impl, int tasks) throws Exception {
    Random rnd = new Random(42);
    long[] delay = new long[tasks];
    long longest = 0;
    for (int i = 0; i < tasks; i++) {
      delay[i] = (long) (rnd.nextDouble() * MAX_SLEEP_NANOS);
      longest = Math.max(longest, delay[i]);
    }
    long[] late = new long[tasks];
    long elapsed =
        impl.equals("jdk") ? jdkRound(delay, late) : weftRound(engineOf(impl), delay, late);
    Arrays.sort(late);
    long p99 = late[(int) Math.min(tasks - 1, Math.ceil(tasks * 0.99) - 1)];
    return new long[] {
      TimeUnit.NANOSECONDS.toMillis(elapsed - longest), TimeUnit.NANOSECONDS.toMillis(p99)
    };
  }

  private static Engine engineOf(String name) {
    for (Engine e : Engine.values()) {
      if (Macro.engineName(e).equals(name)) {
        return e;
      }
    }
    throw new IllegalArgumentException("no engine named " + name);
  }

  static long weftRound(Engine engine, long[] delay, long[] late) throws Exception {
    return Weft.run(
        c -> Macro.configure(c, engine),
        () -> {
          long start = System.nanoTime();
          Nursery.open(
              n -> {
                for (int i = 0; i < delay.length; i++) {
                  int k = i;
                  n.startSoon(
                      () -> {
                        long due = System.nanoTime() + delay[k];
                        Weft.sleep(Duration.ofNanos(delay[k]));
                        late[k] = System.nanoTime() - due;
                      });
                }
              });
          return System.nanoTime() - start;
        });
  }

  static long jdkRound(long[] delay, long[] late) throws InterruptedException {
    long start = System.nanoTime();
    Thread[] threads = new Thread[delay.length];
    for (int i = 0; i < delay.length; i++) {
      int k = i;
      threads[i] =
          Thread.ofVirtual()
              .start(
                  () -> {
                    long due = System.nanoTime() + delay[k];
                    try {
                      Thread.sleep(Duration.ofNanos(delay[k]));
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    late[k] = System.nanoTime() - due;
                  });
    }
    for (Thread t : threads) {
      t.join();
    }
    return System.nanoTime() - start;
  }

  /** {@return this process's peak resident set in MiB, from /proc, or -1 where there is none} */
  static long peakRssMb() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return -1;
    }
    for (String l : Files.readAllLines(status)) {
      if (l.startsWith("VmHWM:")) {
        long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
        return kb / 1024;
      }
    }
    return -1;
  }
}
