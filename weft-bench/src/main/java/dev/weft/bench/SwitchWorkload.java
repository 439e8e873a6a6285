package dev.weft.bench;

import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.Weft;
import java.util.List;

/**
 * {@code switch}: two tasks in one nursery, each calling {@link Weft#checkpoint()} 200k times;
 * reports {@code ns_per_switch}, the nursery's open time divided by the 400k checkpoints. With two
 * runnable tasks every checkpoint hands the loop to the other task, so this is the cost of one
 * task switch (park one, pick the next, resume it) plus a cancel check.
 */
final class SwitchWorkload implements Workload {
  static final int CHECKPOINTS_PER_TASK = 200_000;

  @Override
  public List<Figure> run(Engine engine) throws Exception {
    long nanos =
        Rounds.median(
            "switch " + Macro.engineName(engine), () -> oneRound(engine, CHECKPOINTS_PER_TASK));
    return List.of(
        new Figure("ns_per_switch", Math.round((double) nanos / (2L * CHECKPOINTS_PER_TASK))));
  }

  /**
   * Runs one loop in which two tasks each checkpoint {@code checkpoints} times.
   *
   * @return the nanoseconds the nursery was open
   */
  static long oneRound(Engine engine, int checkpoints) throws Exception {
    return Weft.run(
        c -> Macro.configure(c, engine),
        () -> {
          long start = System.nanoTime();
          Nursery.open(
              n -> {
                for (int t = 0; t < 2; t++) {
                  n.startSoon(
                      () -> {
                        for (int i = 0; i < checkpoints; i++) {
                          Weft.checkpoint();
                        }
                      });
                }
              });
          return System.nanoTime() - start;
        });
  }
}
