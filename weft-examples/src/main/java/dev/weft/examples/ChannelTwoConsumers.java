package dev.weft.examples;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.channel.MemoryChannel;
import dev.weft.channel.ReceiveChannel;

/**
 * Seed 002, "Tasks communication", practice 1: "Update the code above to have two children
 * processing the messages concurrently. Pass some ID to the {@code consumer} function to be able
 * to tell which child picked which message."
 *
 * <pre>{@code
 * async def main():
 *     async with trio.open_nursery() as nursery:
 *         send_channel, receive_channel = trio.open_memory_channel(0)
 *         nursery.start_soon(producer, send_channel)
 *         nursery.start_soon(consumer, 1, receive_channel)
 *         nursery.start_soon(consumer, 2, receive_channel)
 *
 * async def consumer(id, receive_channel):
 *     async with receive_channel:
 *         async for value in receive_channel:
 *             print(f"consumer {id}: got value {value!r}")
 * }</pre>
 *
 * The producer is {@link ChannelExample#producer}. Each message goes to exactly one consumer:
 * the one that has waited longest, so here they take turns. Both consumers share one receive end
 * and both close it when their loop ends. That is safe in this run, because the producer's close
 * wakes both consumers with the end of the channel at once, but it is fragile: a consumer still
 * busy with a value when the other one closes the shared end would get {@link
 * dev.weft.ClosedResourceException} at its next receive. {@link ChannelFanOut} (practice 3)
 * gives each consumer its own clone instead.
 *
 * <p>The turns, and the safety of sharing the end, come from Trio's policy of a switch at every
 * checkpoint: this program asks for it ({@link #main(String[])} runs with {@code
 * RunConfig.withSchedulingBudget(1)}). Under weft's default policy a task passes up to 128
 * schedule points before it yields, so consumer 1 prints its value and waits again before the
 * producer runs; the producer then hands message 1 to consumer 1 and message 2 to consumer 2 and
 * closes, consumer 1 sees the end and closes the shared receive end, and consumer 2's next
 * receive fails with {@code ClosedResourceException}: exactly the fragility described above.
 * Trio's own order is not fixed either (it runs each batch of runnable tasks in a random order);
 * the cure is practice 3's clones, not the scheduling policy.
 */
public final class ChannelTwoConsumers {
  private ChannelTwoConsumers() {}

  /**
   * {@code async def main()}: one producer, two consumers on the same receive end.
   *
   * @throws Exception what a task threw
   */
  public static void main() throws Exception {
    Nursery.open(
        nursery -> {
          MemoryChannel<String> channel = MemoryChannel.open(0);
          nursery.startSoon(() -> ChannelExample.producer(channel.sendChannel()), "producer");
          nursery.startSoon(() -> consumer(1, channel.receiveChannel()), "consumer 1");
          nursery.startSoon(() -> consumer(2, channel.receiveChannel()), "consumer 2");
        });
  }

  /**
   * {@code async def consumer(id, receive_channel)}: prints every value it gets, with its ID.
   *
   * @param id which consumer this is
   * @param receiveChannel the receive end
   */
  public static void consumer(int id, ReceiveChannel<String> receiveChannel) {
    try (receiveChannel) {
      for (String value : receiveChannel) {
        System.out.println("consumer " + id + ": got value " + ChannelExample.repr(value));
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
