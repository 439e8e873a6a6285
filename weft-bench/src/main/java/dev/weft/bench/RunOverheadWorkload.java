package dev.weft.bench;

import dev.weft.Engine;
import dev.weft.Weft;
import java.util.List;

/**
 * {@code run_overhead}: 2000 {@code Weft.run} calls of an empty main task, made from a platform
 * thread and from a virtual thread; reports {@code ns_per_run} for each ({@code
 * ns_per_run_from_platform}, {@code ns_per_run_from_virtual}). The fast engine cannot run its loop
 * on a virtual thread (a virtual thread cannot carry others), so a run called from one hands the
 * loop to a pooled platform thread.
 *
 * <p>The JVM peer, run in the same JVM, is what a run from a virtual thread used to do: start a
 * platform thread and join it ({@code jdk_platform_thread_start_join}).
 */
final class RunOverheadWorkload implements Workload {
  static final int RUNS = 2000;

  @Override
  public List<Figure> run(Engine engine) throws Exception {
    String name = "run_overhead " + Macro.engineName(engine);
    long platform = Rounds.median(name + " platform", () -> runs(engine));
    long virtual = Rounds.median(name + " virtual", () -> fromVirtual(() -> runs(engine)));
    return List.of(
        new Figure("ns_per_run_from_platform", platform / RUNS),
        new Figure("ns_per_run_from_virtual", virtual / RUNS));
  }

  @Override
  public List<Peer> peers() throws Exception {
    long nanos =
        Rounds.median(
            "run_overhead jdk_platform_thread_start_join",
            () ->
                fromVirtual(
                    () -> {
                      long start = System.nanoTime();
                      for (int i = 0; i < RUNS; i++) {
                        Thread.ofPlatform().start(() -> {}).join();
                      }
                      return System.nanoTime() - start;
                    }));
    return List.of(
        new Peer("jdk_platform_thread_start_join", new Figure("ns_per_run_from_virtual", nanos / RUNS)));
  }

  /** {@return the nanoseconds {@link #RUNS} empty runs take on the calling thread} */
  private static long runs(Engine engine) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < RUNS; i++) {
      Weft.run(c -> Macro.configure(c, engine), () -> null);
    }
    return System.nanoTime() - start;
  }

  /** Runs {@code round} on a new virtual thread and returns its result. */
  private static long fromVirtual(Rounds.Round round) throws Exception {
    long[] out = new long[1];
    Exception[] failure = new Exception[1];
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                out[0] = round.run();
              } catch (Exception e) {
                failure[0] = e;
              }
            })
        .join();
    if (failure[0] != null) {
      throw failure[0];
    }
    return out[0];
  }
}
