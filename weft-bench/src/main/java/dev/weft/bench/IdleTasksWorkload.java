package dev.weft.bench;

import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.lowlevel.Scheduling;
import dev.weft.sync.Event;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code idle_tasks}: 100k tasks parked on one {@link Event}; reports {@code bytes_per_task}, the
 * heap in use (after a full collection) with all of them parked, minus the heap in use before they
 * were started, divided by the number of tasks. That covers each task's virtual thread and its
 * parked stack (a virtual thread's stack lives in heap objects while it is unmounted), weft's task
 * record and the Event's parking-lot node.
 */
final class IdleTasksWorkload implements Workload {
  static final int TASKS = 100_000;
  /** Measured rounds; each is a fresh loop. Odd, so the median is one of them. */
  static final int ROUNDS = 3;

  /*
   * Implementation notes.
   *
   * Memory, unlike time, does not need many rounds or a JIT warm-up, but the first round also
   * loads and initialises classes (whose static state lands on the heap), so we run one small
   * round first and throw it away. usedAfterGc calls System.gc() until the figure stops falling
   * (at most five times): one call usually suffices with G1, but a collection can leave garbage
   * that a concurrent phase only releases in the next one. Both measurements are taken from inside
   * the loop's main task, so the loop's own structures are in both and cancel out.
   */

  @Override
  public List<Figure> run(Engine engine) throws Exception {
    oneRound(engine, TASKS / 10);
    long[] perTask = new long[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      perTask[i] = oneRound(engine, TASKS);
    }
    long[] sorted = perTask.clone();
    Arrays.sort(sorted);
    System.err.printf(
        "idle_tasks %s: bytes per task by round %s, median %d%n",
        Macro.engineName(engine), Arrays.toString(perTask), sorted[ROUNDS / 2]);
    return List.of(new Figure("bytes_per_task", sorted[ROUNDS / 2]));
  }

  /**
   * Runs one loop in which {@code tasks} tasks park on one event, and measures them.
   *
   * @return the heap bytes per parked task
   */
  static long oneRound(Engine engine, int tasks) throws Exception {
    return Weft.run(
        c -> Macro.configure(c, engine),
        () -> {
          Event event = new Event();
          long before = usedAfterGc();
          long[] after = new long[1];
          Nursery.open(
              n -> {
                for (int i = 0; i < tasks; i++) {
                  n.startSoon(event::await);
                }
                Scheduling.awaitAllTasksBlocked(Duration.ZERO);
                if (event.statistics().tasksWaiting() != tasks) {
                  throw new IllegalStateException(
                      "expected " + tasks + " parked tasks, found "
                          + event.statistics().tasksWaiting());
                }
                after[0] = usedAfterGc();
                event.set();
              });
          return Math.round((double) (after[0] - before) / tasks);
        });
  }

  /** {@return the heap bytes in use after full collections, once the figure has settled} */
  static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      long now = memory.getHeapMemoryUsage().getUsed();
      if (now >= used) {
        return Math.min(now, used);
      }
      used = now;
    }
    return used;
  }
}
