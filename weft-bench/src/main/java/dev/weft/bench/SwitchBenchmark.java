package dev.weft.bench;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one task switch: weft's {@code checkpoint()} between two runnable tasks, against two
 * raw virtual threads handing a turn to each other.
 *
 * <p>Each invocation runs {@value #SWITCHES} switches and JMH divides by that, so the scores are
 * nanoseconds a switch. The weft method includes one {@code Weft.run} and one nursery per
 * invocation, amortized over the switches; {@link SwitchWorkload} is the same program at the
 * macro scale. Run it with {@code ./weft jmh SwitchBenchmark}.
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
public class SwitchBenchmark {
  /** Switches per invocation: two tasks (threads), each giving the turn away this many / 2 times. */
  static final int SWITCHES = 20_000;

  /** Creates the benchmark; JMH does. */
  public SwitchBenchmark() {}

  /**
   * Two weft tasks in one nursery, each calling {@code Weft.checkpoint()} {@code SWITCHES / 2}
   * times.
   *
   * @param state the engine
   * @return the nanoseconds the nursery was open, so that nothing is dead code
   * @throws Exception if the run fails
   */
  @Benchmark
  @OperationsPerInvocation(SWITCHES)
  public long weftCheckpoint(EngineState state) throws Exception {
    return SwitchWorkload.oneRound(state.engine, SWITCHES / 2);
  }

  /**
   * JDK baseline: two virtual threads on the default scheduler take turns through a volatile
   * field and {@link LockSupport} park/unpark, each giving the turn away {@code SWITCHES / 2}
   * times.
   *
   * @throws InterruptedException if interrupted while joining
   */
  @Benchmark
  @OperationsPerInvocation(SWITCHES)
  public void jdkParkUnpark() throws InterruptedException {
    PingPong p = new PingPong();
    Thread a = Thread.ofVirtual().unstarted(() -> p.play(0, SWITCHES / 2));
    Thread b = Thread.ofVirtual().unstarted(() -> p.play(1, SWITCHES / 2));
    p.players[0] = a;
    p.players[1] = b;
    a.start();
    b.start();
    a.join();
    b.join();
  }

  /**
   * JDK baseline: {@link #jdkParkUnpark} with the virtual-thread scheduler limited to one
   * carrier thread, in a fork of its own. A weft loop runs all its tasks on one thread, so this
   * is the like-for-like figure: no hand-off ever crosses cores.
   *
   * @throws InterruptedException if interrupted while joining
   */
  @Benchmark
  @OperationsPerInvocation(SWITCHES)
  @Fork(
      value = 1,
      jvmArgsAppend = {
        "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Djdk.virtualThreadScheduler.parallelism=1"
      })
  public void jdkParkUnparkOneCarrier() throws InterruptedException {
    jdkParkUnpark();
  }

  /**
   * JDK baseline: two virtual threads pass a token back and forth through a pair of {@link
   * SynchronousQueue}s, each handing it on {@code SWITCHES / 2} times.
   *
   * @throws InterruptedException if interrupted while joining
   */
  @Benchmark
  @OperationsPerInvocation(SWITCHES)
  public void jdkSynchronousQueue() throws InterruptedException {
    SynchronousQueue<Integer> ping = new SynchronousQueue<>();
    SynchronousQueue<Integer> pong = new SynchronousQueue<>();
    Thread a =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    for (int i = 0; i < SWITCHES / 2; i++) {
                      ping.put(i);
                      pong.take();
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    Thread b =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    for (int i = 0; i < SWITCHES / 2; i++) {
                      pong.put(ping.take());
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    a.join();
    b.join();
  }

  /** Two threads that own the turn alternately; the owner's index is in {@link #turn}. */
  private static final class PingPong {
    final Thread[] players = new Thread[2];
    volatile int turn;

    /** Waits for the turn, passes it to the other player; {@code rounds} times. */
    void play(int me, int rounds) {
      Thread other = players[1 - me];
      for (int i = 0; i < rounds; i++) {
        while (turn != me) {
          LockSupport.park(this);
        }
        turn = 1 - me;
        LockSupport.unpark(other);
      }
    }
  }
}
