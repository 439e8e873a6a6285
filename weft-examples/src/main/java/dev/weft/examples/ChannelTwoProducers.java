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
 * <p>The printed interleaving is Trio's switch-at-every-checkpoint one, so this program asks for
 * that policy ({@link #main(String[])} runs with {@code RunConfig.withSchedulingBudget(1)}).
 * Under weft's default policy a task passes up to 128 schedule points before it yields, so a
 * receive or send that did not have to wait lets its task go on, and the lines come in another
 * order (Trio's own order is not fixed either: it runs each batch of runnable tasks in a random
 * order); each producer's messages still arrive in the order it sent them.
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
   * {@code trio.run(main)}, under Trio's scheduling policy (a switch at every checkpoint), so
   * that it prints Trio's interleaving.
   *
   * @param args ignored
   * @throws Exception if the run fails
   */
  public static void main(String[] args) throws Exception {
    Weft.run(c -> c.withSchedulingBudget(1), () -> main());
  }
}
