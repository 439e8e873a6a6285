package dev.weft.examples;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.channel.MemoryChannel;
import dev.weft.channel.MemorySendChannel;
import dev.weft.channel.SendChannel;

/**
 * Seed 002, "Tasks communication", practices 2 and 2.1: "What happens if you have two producers
 * as well? Chances are you will occasionally get some errors." "Fix the errors by passing {@code
 * send_channel.clone()} to producers."
 *
 * <pre>{@code
 * async def main():
 *     async with trio.open_nursery() as nursery:
 *         send_channel, receive_channel = trio.open_memory_channel(0)
 *         async with send_channel:
 *             nursery.start_soon(producer, 1, send_channel.clone())
 *             nursery.start_soon(producer, 2, send_channel.clone())
 *         nursery.start_soon(consumer, receive_channel)
 *
 * async def producer(id, send_channel):
 *     async with send_channel:
 *         for i in range(3):
 *             print(f"producer {id}: sending a message: {i}")
 *             await send_channel.send(f"message {i} from producer {id}")
 * }</pre>
 *
 * The consumer is {@link ChannelExample#consumer}. The errors of practice 2 come from sharing one
 * send end: the first producer to finish closes it, and the other producer's next {@code send}
 * throws {@link dev.weft.ClosedResourceException}. With a clone each, every producer closes only
 * its own; {@code main} closes the original as soon as the clones exist, and the consumer's loop
 * ends exactly when the last producer is done. The two producers' messages interleave, and each
 * producer's messages arrive in order.
 *
 * <p>Under weft's default policy it prints:
 *
 * <pre>
 * producer 1: sending a message: 0
 * producer 2: sending a message: 0
 * got value 'message 0 from producer 1'
 * producer 1: sending a message: 1
 * producer 2: sending a message: 1
 * got value 'message 0 from producer 2'
 * got value 'message 1 from producer 1'
 * producer 1: sending a message: 2
 * producer 2: sending a message: 2
 * got value 'message 1 from producer 2'
 * got value 'message 2 from producer 1'
 * got value 'message 2 from producer 2'
 * </pre>
 *
 * Seed 002 never shows this program's output, and Trio's is not fixed: Trio runs each batch of
 * runnable tasks in a random order. Run under real Trio 20,000 times ({@code
 * weft-examples/trio/record_orders.py}), it printed 32 different orders; the lines above are one of
 * them (656 of 20,000 runs), and {@code TrioOrdersTest} checks that this program prints one of
 * Trio's orders under weft's default policy and under Trio's own (a switch at every checkpoint,
 * {@code RunConfig.withSchedulingBudget(1)}). Under Trio's policy it prints the order Trio prints
 * with its batches in FIFO order, where each producer announces its next message before the
 * consumer prints the previous one.
 */
public final class ChannelTwoProducers {
  private ChannelTwoProducers() {}

  /**
   * {@code async def main()}: two producers, each with its own clone of the send end, and one
   * consumer.
   *
   * @throws Exception what a task threw
   */
  public static void main() throws Exception {
    Nursery.open(
        nursery -> {
          MemoryChannel<String> channel = MemoryChannel.open(0);
          try (MemorySendChannel<String> sendChannel = channel.sendChannel()) {
            MemorySendChannel<String> first = sendChannel.clone();
            MemorySendChannel<String> second = sendChannel.clone();
            nursery.startSoon(() -> producer(1, first), "producer 1");
            nursery.startSoon(() -> producer(2, second), "producer 2");
          }
          nursery.startSoon(() -> ChannelExample.consumer(channel.receiveChannel()), "consumer");
        });
  }

  /**
   * {@code async def producer(id, send_channel)}: sends 3 messages, then closes its clone.
   *
   * @param id which producer this is
   * @param sendChannel this producer's own send end
   */
  public static void producer(int id, SendChannel<String> sendChannel) {
    try (sendChannel) {
      for (int i = 0; i < 3; i++) {
        System.out.println("producer " + id + ": sending a message: " + i);
        sendChannel.send("message " + i + " from producer " + id);
      }
    }
  }

  /**
   * {@code trio.run(main)}, under weft's default scheduling policy.
   *
   * @param args ignored
   * @throws Exception if the run fails
   */
  public static void main(String[] args) throws Exception {
    Weft.run(() -> main());
  }
}
