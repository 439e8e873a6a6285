package dev.weft.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of starting a task and waiting for it to end: weft's {@code startSoon} into one
 * nursery, against starting and joining raw virtual threads.
 *
 * <p>Each invocation starts {@value #TASKS} empty tasks and waits for all of them; JMH divides by
 * that, so the scores are nanoseconds a task. The weft method includes one {@code Weft.run} per
 * invocation, amortized over the tasks; {@link SpawnJoinWorkload} is the same program at the macro
 * scale. Run it with {@code ./weft jmh SpawnBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"
    })
public class SpawnBenchmark {
  /** Tasks (threads) started and joined per invocation. */
  static final int TASKS = 10_000;

  /** Creates the benchmark; JMH does. */
  public SpawnBenchmark() {}

  /**
   * One nursery that starts {@code TASKS} empty tasks and waits for them.
   *
   * @param state the engine
   * @return the nanoseconds the nursery was open, so that nothing is dead code
   * @throws Exception if the run fails
   */
  @Benchmark
  @OperationsPerInvocation(TASKS)
  public long weftStartSoon(EngineState state) throws Exception {
    return SpawnJoinWorkload.oneRound(state.engine, TASKS);
  }

  /**
   * JDK baseline: start {@code TASKS} empty virtual threads on the default scheduler, then join
   * them all.
   *
   * @throws InterruptedException if interrupted while joining
   */
  @Benchmark
  @OperationsPerInvocation(TASKS)
  public void jdkVirtualThreads() throws InterruptedException {
    Thread[] threads = new Thread[TASKS];
    Runnable empty = () -> {};
    for (int i = 0; i < TASKS; i++) {
      threads[i] = Thread.ofVirtual().start(empty);
    }
    for (Thread t : threads) {
      t.join();
    }
  }

  /**
   * JDK baseline: {@link #jdkVirtualThreads} with the virtual-thread scheduler limited to one
   * carrier thread, in a fork of its own, as a weft loop runs all its tasks on one thread.
   *
   * @throws InterruptedException if interrupted while joining
   */
  @Benchmark
  @OperationsPerInvocation(TASKS)
  @Fork(
      value = 1,
      jvmArgsAppend = {
        "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Djdk.virtualThreadScheduler.parallelism=1"
      })
  public void jdkVirtualThreadsOneCarrier() throws InterruptedException {
    jdkVirtualThreads();
  }
}
