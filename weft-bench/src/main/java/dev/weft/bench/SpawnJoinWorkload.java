package dev.weft.bench;

import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.Weft;
import java.util.List;

/**
 * {@code spawn_join}: 100k tasks that do nothing, started in one nursery; reports {@code
 * ns_per_task}, the time from just before the nursery opens to just after it closes, divided by
 * the number of tasks. That covers creating each task and its virtual thread, running it to the
 * end, and the nursery noticing that it finished.
 *
 * <p>The JVM peer is the same program on raw virtual threads, each started and then joined, with
 * the JDK's scheduler limited to one carrier thread (as a weft loop runs all its tasks on one
 * thread), in a child JVM of its own since the limit is a JVM-wide flag. DESIGN.md's peer is JDK
 * {@code StructuredTaskScope} on one carrier, still a preview API in JDK 25; its threads are
 * virtual threads started and joined the same way (plus the scope's own set of its threads,
 * where the raw threads are in the JDK's registry of all threads).
 */
final class SpawnJoinWorkload implements Workload {
  static final int TASKS = 100_000;

  @Override
  public List<Figure> run(Engine engine) throws Exception {
    long nanos =
        Rounds.median(
            "spawn_join " + Macro.engineName(engine), () -> oneRound(engine, TASKS));
    return List.of(new Figure("ns_per_task", Math.round((double) nanos / TASKS)));
  }

  @Override
  public List<Peer> peers() throws Exception {
    List<Figure> f =
        ChildJvms.run(
            SpawnJoinWorkload.class,
            List.of("-Djdk.virtualThreadScheduler.parallelism=1"),
            "jdk_one_carrier",
            1);
    return List.of(new Peer("jdk_virtual_threads_one_carrier", f.get(0)));
  }

  /**
   * The peer's child JVM: prints {@code ns_per_task=N} for raw virtual threads, measured as weft's
   * rounds are.
   *
   * @param args ignored (the flags say which carrier count)
   * @throws Exception if a round fails
   */
  public static void main(String[] args) throws Exception {
    long nanos = Rounds.median("spawn_join jdk_one_carrier", () -> jdkRound(TASKS));
    System.out.println("ns_per_task=" + Math.round((double) nanos / TASKS));
  }

  /** Starts {@code tasks} empty virtual threads, then joins them all; returns the nanoseconds. */
  static long jdkRound(int tasks) throws InterruptedException {
    long start = System.nanoTime();
    Thread[] threads = new Thread[tasks];
    Runnable empty = () -> {};
    for (int i = 0; i < tasks; i++) {
      threads[i] = Thread.ofVirtual().start(empty);
    }
    for (Thread t : threads) {
      t.join();
    }
    return System.nanoTime() - start;
  }

  /**
   * Runs one loop that starts {@code tasks} empty tasks in one nursery.
   *
   * @return the nanoseconds the nursery was open
   */
  static long oneRound(Engine engine, int tasks) throws Exception {
    return Weft.run(
        c -> Macro.configure(c, engine),
        () -> {
          long start = System.nanoTime();
          Nursery.open(
              n -> {
                for (int i = 0; i < tasks; i++) {
                  n.startSoon(() -> {});
                }
              });
          return System.nanoTime() - start;
        });
  }
}
