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
 *
 * <p>Two peers run, because "one carrier" can mean two things. {@code
 * jdk_virtual_threads_one_carrier} starts and joins from the JVM's main thread, a platform
 * thread: the threads then run on the carrier while main starts the next ones, on a second core,
 * and most end before the next is made. {@code jdk_virtual_threads_one_carrier_vt_owner} starts
 * and joins from a virtual thread on that same carrier, so that, as in a weft loop, one thread
 * does everything and no started thread runs before its starter waits: the like-for-like peer.
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
    List<String> oneCarrier = List.of("-Djdk.virtualThreadScheduler.parallelism=1");
    Figure platformOwner =
        ChildJvms.run(SpawnJoinWorkload.class, oneCarrier, "jdk_one_carrier", 1).get(0);
    Figure virtualOwner =
        ChildJvms.run(SpawnJoinWorkload.class, oneCarrier, "jdk_one_carrier_vt_owner", 1).get(0);
    return List.of(
        new Peer("jdk_virtual_threads_one_carrier", platformOwner),
        new Peer("jdk_virtual_threads_one_carrier_vt_owner", virtualOwner));
  }

  /**
   * The peer's child JVM: prints {@code ns_per_task=N} for raw virtual threads, measured as weft's
   * rounds are.
   *
   * @param args {@code jdk_one_carrier} to start and join from this platform thread, {@code
   *     jdk_one_carrier_vt_owner} from a virtual thread (the flags say which carrier count)
   * @throws Exception if a round fails
   */
  public static void main(String[] args) throws Exception {
    boolean virtualOwner = args.length > 0 && args[0].endsWith("vt_owner");
    String label = "spawn_join " + (args.length > 0 ? args[0] : "jdk_one_carrier");
    long nanos =
        Rounds.median(label, () -> virtualOwner ? onVirtualThread(TASKS) : jdkRound(TASKS));
    System.out.println("ns_per_task=" + Math.round((double) nanos / TASKS));
  }

  /** {@link #jdkRound} run by a virtual thread, which the main thread waits for. */
  private static long onVirtualThread(int tasks) throws Exception {
    long[] nanos = {-1};
    Exception[] failure = {null};
    Thread owner =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    nanos[0] = jdkRound(tasks);
                  } catch (InterruptedException e) {
                    failure[0] = e;
                  }
                });
    owner.join();
    if (failure[0] != null) {
      throw failure[0];
    }
    return nanos[0];
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
