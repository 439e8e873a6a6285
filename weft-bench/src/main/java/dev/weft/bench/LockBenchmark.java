package dev.weft.bench;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.sync.Lock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of {@link Lock}: an acquire/release pair with nobody else around, and a lock passed
 * back and forth between two tasks, against the JDK's fair {@link ReentrantLock} on virtual
 * threads.
 *
 * <p>Each invocation runs {@value #OPS} acquire/release pairs and JMH divides by that, so the
 * scores are nanoseconds a pair. A weft {@code acquire} is a checkpoint even when the lock is free,
 * so the uncontended figure includes a cancel point and a schedule point, which under the default
 * scheduling budget yields to the loop once every 128 acquires (ADR 0008); the contended one
 * includes a hand-off and a task switch per pair. Run it with {@code ./weft jmh
 * LockBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
      "-Djdk.virtualThreadScheduler.parallelism=1"
    })
public class LockBenchmark {
  /** Acquire/release pairs per invocation. */
  static final int OPS = 20_000;

  /** Creates the benchmark; JMH does. */
  public LockBenchmark() {}

  /**
   * One task acquires and releases a free lock {@code OPS} times.
   *
   * @param state the engine
   * @return a value derived from the run, so that nothing is dead code
   * @throws Exception if the run fails
   */
  @Benchmark
  @OperationsPerInvocation(OPS)
  public int weftUncontended(EngineState state) throws Exception {
    return Weft.run(
        c -> c.withEngine(state.engine),
        () -> {
          Lock lock = new Lock();
          int n = 0;
          for (int i = 0; i < OPS; i++) {
            try (var _ = lock.acquire()) {
              n++;
            }
          }
          return n;
        });
  }

  /**
   * Two tasks each take the lock {@code OPS / 2} times and checkpoint while holding it, so every
   * release hands the lock to the other task, which then runs.
   *
   * @param state the engine
   * @throws Exception if the run fails
   */
  @Benchmark
  @OperationsPerInvocation(OPS)
  public void weftContended(EngineState state) throws Exception {
    Weft.run(
        c -> c.withEngine(state.engine),
        () -> {
          Lock lock = new Lock();
          Nursery.open(
              n -> {
                for (int t = 0; t < 2; t++) {
                  n.startSoon(
                      () -> {
                        for (int i = 0; i < OPS / 2; i++) {
                          try (var _ = lock.acquire()) {
                            Weft.checkpoint();
                          }
                        }
                      });
                }
              });
        });
  }

  /**
   * JDK baseline: one virtual thread locks and unlocks a free fair {@link ReentrantLock} {@code
   * OPS} times.
   *
   * @return a value derived from the run
   * @throws InterruptedException if interrupted while joining
   */
  @Benchmark
  @OperationsPerInvocation(OPS)
  public int jdkUncontended() throws InterruptedException {
    ReentrantLock lock = new ReentrantLock(true);
    int[] n = new int[1];
    Thread t =
        Thread.ofVirtual()
            .start(
                () -> {
                  for (int i = 0; i < OPS; i++) {
                    lock.lock();
                    try {
                      n[0]++;
                    } finally {
                      lock.unlock();
                    }
                  }
                });
    t.join();
    return n[0];
  }

  /**
   * JDK baseline: two virtual threads on one carrier each take a fair {@link ReentrantLock}
   * {@code OPS / 2} times and yield while holding it, the same shape as {@link #weftContended}.
   *
   * @throws InterruptedException if interrupted while joining
   */
  @Benchmark
  @OperationsPerInvocation(OPS)
  public void jdkContended() throws InterruptedException {
    ReentrantLock lock = new ReentrantLock(true);
    Runnable body =
        () -> {
          for (int i = 0; i < OPS / 2; i++) {
            lock.lock();
            try {
              Thread.yield();
            } finally {
              lock.unlock();
            }
          }
        };
    Thread a = Thread.ofVirtual().start(body);
    Thread b = Thread.ofVirtual().start(body);
    a.join();
    b.join();
  }
}
