package dev.weft.bench;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.channel.MemoryChannel;
import dev.weft.channel.MemoryReceiveChannel;
import dev.weft.channel.MemorySendChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
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
 * The cost of one message through a channel between one producer and one consumer: weft's memory
 * channel (unbuffered and with a 64-slot buffer) against the JDK's {@link SynchronousQueue} and
 * {@link ArrayBlockingQueue} between two virtual threads.
 *
 * <p>Each invocation passes {@value #MESSAGES} ints and JMH divides by that, so the scores are
 * nanoseconds a message. The weft methods include one {@code Weft.run} per invocation, amortized
 * over the messages; {@link ChannelWorkload} is the same program at the macro scale. Run it with
 * {@code ./weft jmh ChannelBenchmark}.
 *
 * <p>weft's {@code send} and {@code receive} are checkpoints on every call; under the default
 * scheduling budget (ADR 0008) one that did not have to wait switches only once every 128 schedule
 * points, so the buffered figures pay about two switches per buffer-full and the unbuffered one
 * about one a message. {@link #weftBuffered64TryFirst} shows what a producer and consumer that try
 * the non-blocking operation first (and block only when they must) pay.
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
public class ChannelBenchmark {
  /** Messages per invocation. */
  static final int MESSAGES = 20_000;

  /** Creates the benchmark; JMH does. */
  public ChannelBenchmark() {}

  /**
   * weft: an unbuffered memory channel, blocking {@code send} and a {@code for} loop receiving.
   *
   * @param state the engine
   * @return the nanoseconds the nursery was open, so that nothing is dead code
   * @throws Exception if the run fails
   */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long weftUnbuffered(EngineState state) throws Exception {
    return ChannelWorkload.oneRound(state.engine, 0, MESSAGES);
  }

  /**
   * weft: a memory channel with a 64-slot buffer, blocking {@code send} and receive.
   *
   * @param state the engine
   * @return the nanoseconds the nursery was open
   * @throws Exception if the run fails
   */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long weftBuffered64(EngineState state) throws Exception {
    return ChannelWorkload.oneRound(state.engine, 64, MESSAGES);
  }

  /**
   * weft: a 64-slot channel whose producer calls {@code trySend} and whose consumer calls {@code
   * tryReceive}, falling back to the blocking call only when the buffer is full or empty; so
   * they switch about once per buffer-full instead of twice a message.
   *
   * @param state the engine
   * @return the sum received
   * @throws Exception if the run fails
   */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long weftBuffered64TryFirst(EngineState state) throws Exception {
    return Weft.run(
        c -> c.withEngine(state.engine),
        () -> {
          MemoryChannel<Integer> channel = MemoryChannel.open(64);
          long[] sum = new long[1];
          Nursery.open(
              n -> {
                n.startSoon(
                    () -> {
                      try (MemorySendChannel<Integer> tx = channel.sendChannel()) {
                        for (int i = 0; i < MESSAGES; i++) {
                          if (!tx.trySend(i)) {
                            tx.send(i);
                          }
                        }
                      }
                    });
                n.startSoon(
                    () -> {
                      try (MemoryReceiveChannel<Integer> rx = channel.receiveChannel()) {
                        while (true) {
                          Integer v = rx.tryReceive();
                          if (v == null) {
                            try {
                              v = rx.receive();
                            } catch (dev.weft.channel.EndOfChannelException e) {
                              break;
                            }
                          }
                          sum[0] += v;
                        }
                      } catch (dev.weft.channel.EndOfChannelException e) {
                        // tryReceive saw the end
                      }
                    });
              });
          return sum[0];
        });
  }

  /**
   * JDK baseline: a {@link SynchronousQueue} between two virtual threads.
   *
   * @return the sum received
   * @throws InterruptedException if interrupted while joining
   */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long jdkSynchronousQueue() throws InterruptedException {
    return jdkPair(new SynchronousQueue<>());
  }

  /**
   * JDK baseline: an {@link ArrayBlockingQueue} of 64 between two virtual threads.
   *
   * @return the sum received
   * @throws InterruptedException if interrupted while joining
   */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long jdkArrayBlockingQueue64() throws InterruptedException {
    return jdkPair(new ArrayBlockingQueue<>(64));
  }

  private static long jdkPair(BlockingQueue<Integer> queue) throws InterruptedException {
    return Peers.queuePair(queue, MESSAGES);
  }
}
