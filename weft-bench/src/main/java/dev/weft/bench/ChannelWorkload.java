package dev.weft.bench;

import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.channel.MemoryChannel;
import dev.weft.channel.MemoryReceiveChannel;
import dev.weft.channel.MemorySendChannel;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.SynchronousQueue;

/**
 * {@code channel} and {@code channel_buffered}: one producer task sends 200k ints (1M for {@code
 * channel_buffered}) through a memory channel to one consumer task; reports {@code ns_per_msg}, the nursery's open time divided by the
 * messages. {@code channel} is unbuffered (capacity 0: every message is a rendezvous),
 * {@code channel_buffered} has a 64-slot buffer.
 *
 * <p>Both use the blocking {@code send}/{@code receive}, which are checkpoints on every call, as
 * the peer programs use their channels' plain send and receive. The JVM peer runs in the same
 * JVM: a {@link SynchronousQueue} ({@code channel}) or an {@link ArrayBlockingQueue} of 64 ({@code
 * channel_buffered}) between two virtual threads on the JDK's default scheduler.
 */
final class ChannelWorkload implements Workload {
  /** Messages a round of {@code channel}: each costs about one task switch. */
  static final int MESSAGES = 200_000;
  /**
   * Messages a round of {@code channel_buffered}: a message costs tens of nanoseconds, so a round
   * of 200k would last a few milliseconds, too short to time reliably on a shared machine.
   */
  static final int BUFFERED_MESSAGES = 1_000_000;

  // immutable state
  private final int capacity;
  private final int messages;

  ChannelWorkload(int capacity) {
    this.capacity = capacity;
    this.messages = capacity == 0 ? MESSAGES : BUFFERED_MESSAGES;
  }

  @Override
  public List<Figure> run(Engine engine) throws Exception {
    long nanos =
        Rounds.median(
            "channel capacity " + capacity + " " + Macro.engineName(engine),
            () -> oneRound(engine, capacity, messages));
    return List.of(new Figure("ns_per_msg", Math.round((double) nanos / messages)));
  }

  @Override
  public List<Peer> peers() throws Exception {
    String impl = capacity == 0 ? "jdk_synchronous_queue" : "jdk_array_blocking_queue";
    long nanos =
        Rounds.median(
            impl + " " + capacity,
            () ->
                Peers.queuePair(
                    capacity == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(capacity),
                    messages));
    return List.of(new Peer(impl, new Figure("ns_per_msg", Math.round((double) nanos / messages))));
  }

  /**
   * Runs one loop in which a producer sends {@code messages} ints to a consumer.
   *
   * @return the nanoseconds the nursery was open
   */
  static long oneRound(Engine engine, int capacity, int messages) throws Exception {
    return Weft.run(
        c -> Macro.configure(c, engine),
        () -> {
          MemoryChannel<Integer> channel = MemoryChannel.open(capacity);
          long[] sum = new long[1];
          long start = System.nanoTime();
          Nursery.open(
              n -> {
                n.startSoon(
                    () -> {
                      try (MemorySendChannel<Integer> tx = channel.sendChannel()) {
                        for (int i = 0; i < messages; i++) {
                          tx.send(i);
                        }
                      }
                    },
                    "producer");
                n.startSoon(
                    () -> {
                      try (MemoryReceiveChannel<Integer> rx = channel.receiveChannel()) {
                        for (int v : rx) {
                          sum[0] += v;
                        }
                      }
                    },
                    "consumer");
              });
          long elapsed = System.nanoTime() - start;
          if (sum[0] != (long) messages * (messages - 1) / 2) {
            throw new IllegalStateException("the consumer did not receive every message");
          }
          return elapsed;
        });
  }
}
