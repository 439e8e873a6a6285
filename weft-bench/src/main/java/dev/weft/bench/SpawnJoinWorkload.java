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
