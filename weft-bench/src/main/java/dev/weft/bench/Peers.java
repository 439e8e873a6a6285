package dev.weft.bench;

import java.util.concurrent.BlockingQueue;

/**
 * The JVM peers the macro workloads are compared with, run in the same JVM and the same {@code
 * ./weft bench} run as weft, so that the ratios do not depend on how loaded the machine was.
 */
final class Peers {
  private Peers() {}

  /**
   * {@return one peer figure as a line in DESIGN.md's format (no engine: the peers have none)}
   *
   * @param impl the peer's name, e.g. {@code jdk_array_blocking_queue}
   * @param workload the workload's name
   * @param f the figure
   */
  static String line(String impl, String workload, Workload.Figure f) {
    return "impl=" + impl + " workload=" + workload + " metric=" + f.metric() + " value="
        + f.value();
  }

  /**
   * Passes {@code messages} ints from one virtual thread to another through {@code queue} (the
   * JDK's default virtual-thread scheduler carries them).
   *
   * @return the nanoseconds from starting the producer to joining both
   */
  static long queuePair(BlockingQueue<Integer> queue, int messages) throws InterruptedException {
    long[] sum = new long[1];
    long start = System.nanoTime();
    Thread producer =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    for (int i = 0; i < messages; i++) {
                      queue.put(i);
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    Thread consumer =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    for (int i = 0; i < messages; i++) {
                      sum[0] += queue.take();
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    producer.join();
    consumer.join();
    long elapsed = System.nanoTime() - start;
    if (sum[0] != (long) messages * (messages - 1) / 2) {
      throw new IllegalStateException("the consumer did not receive every message");
    }
    return elapsed;
  }
}
