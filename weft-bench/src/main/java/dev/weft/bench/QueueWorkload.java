package dev.weft.bench;

import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.queue.FifoQueue;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * {@code queue_buffered}: one producer task puts 1M ints into a {@code FifoQueue(64)} and one
 * consumer task gets them; reports {@code ns_per_msg}, the nursery's open time divided by the
 * messages. Both use the blocking {@code put}/{@code get}, which are checkpoints on every call.
 *
 * <p>The JVM peer, run in the same JVM, is an {@link ArrayBlockingQueue} of 64 between two virtual
 * threads; DESIGN.md's other peer, asyncio's {@code Queue(64)}, is a Python program.
 */
final class QueueWorkload implements Workload {
  static final int MESSAGES = ChannelWorkload.BUFFERED_MESSAGES;
  static final int CAPACITY = 64;

  @Override
  public List<Figure> run(Engine engine) throws Exception {
    long nanos =
        Rounds.median(
            "queue_buffered " + Macro.engineName(engine), () -> oneRound(engine, MESSAGES));
    return List.of(new Figure("ns_per_msg", Math.round((double) nanos / MESSAGES)));
  }

  @Override
  public List<Peer> peers() throws Exception {
    long nanos =
        Rounds.median(
            "queue_buffered jdk_array_blocking_queue",
            () -> Peers.queuePair(new ArrayBlockingQueue<>(CAPACITY), MESSAGES));
    return List.of(
        new Peer(
            "jdk_array_blocking_queue",
            new Figure("ns_per_msg", Math.round((double) nanos / MESSAGES))));
  }

  /**
   * Runs one loop in which a producer puts {@code messages} ints into a queue of 64 and a consumer
   * gets them.
   *
   * @return the nanoseconds the nursery was open
   */
  static long oneRound(Engine engine, int messages) throws Exception {
    return Weft.run(
        c -> Macro.configure(c, engine),
        () -> {
          FifoQueue<Integer> queue = new FifoQueue<>(CAPACITY);
          long[] sum = new long[1];
          long start = System.nanoTime();
          Nursery.open(
              n -> {
                n.startSoon(
                    () -> {
                      for (int i = 0; i < messages; i++) {
                        queue.put(i);
                      }
                    },
                    "producer");
                n.startSoon(
                    () -> {
                      for (int i = 0; i < messages; i++) {
                        sum[0] += queue.get();
                      }
                    },
                    "consumer");
              });
          long elapsed = System.nanoTime() - start;
          if (sum[0] != (long) messages * (messages - 1) / 2) {
            throw new IllegalStateException("the consumer did not get every message");
          }
          return elapsed;
        });
  }
}
