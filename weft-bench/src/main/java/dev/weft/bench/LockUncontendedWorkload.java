package dev.weft.bench;

import dev.weft.Engine;
import dev.weft.Weft;
import dev.weft.sync.Lock;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code lock_uncontended}: one task acquires and releases a free {@link Lock} 1M times; reports
 * {@code ns_per_op}, the time of the loop divided by the acquire+release pairs. {@code acquire} is
 * a checkpoint on every call, so this is the cost of a cancel point and a schedule point at which
 * no other task is waiting, plus the lock's own bookkeeping.
 *
 * <p>The JVM peer, run in the same JVM, is a fair {@link ReentrantLock} locked and unlocked by one
 * virtual thread.
 */
final class LockUncontendedWorkload implements Workload {
  static final int OPS = 1_000_000;

  @Override
  public List<Figure> run(Engine engine) throws Exception {
    long nanos =
        Rounds.median("lock_uncontended " + Macro.engineName(engine), () -> oneRound(engine, OPS));
    return List.of(new Figure("ns_per_op", Math.round((double) nanos / OPS)));
  }

  @Override
  public List<Peer> peers() throws Exception {
    long nanos = Rounds.median("lock_uncontended jdk_fair_reentrant_lock", () -> jdkRound(OPS));
    return List.of(
        new Peer(
            "jdk_fair_reentrant_lock", new Figure("ns_per_op", Math.round((double) nanos / OPS))));
  }

  /**
   * Runs one loop whose main task takes and releases a free lock {@code ops} times.
   *
   * @return the nanoseconds the pairs took
   */
  static long oneRound(Engine engine, int ops) throws Exception {
    return Weft.run(
        c -> Macro.configure(c, engine),
        () -> {
          Lock lock = new Lock();
          int n = 0;
          long start = System.nanoTime();
          for (int i = 0; i < ops; i++) {
            try (var _ = lock.acquire()) {
              n++;
            }
          }
          long elapsed = System.nanoTime() - start;
          if (n != ops) {
            throw new IllegalStateException("the loop did not take the lock every time");
          }
          return elapsed;
        });
  }

  /** One virtual thread takes and releases a free fair ReentrantLock {@code ops} times. */
  static long jdkRound(int ops) throws InterruptedException {
    ReentrantLock lock = new ReentrantLock(true);
    long[] elapsed = new long[1];
    int[] n = new int[1];
    Thread t =
        Thread.ofVirtual()
            .start(
                () -> {
                  long start = System.nanoTime();
                  for (int i = 0; i < ops; i++) {
                    lock.lock();
                    try {
                      n[0]++;
                    } finally {
                      lock.unlock();
                    }
                  }
                  elapsed[0] = System.nanoTime() - start;
                });
    t.join();
    if (n[0] != ops) {
      throw new IllegalStateException("the thread did not take the lock every time");
    }
    return elapsed[0];
  }
}
