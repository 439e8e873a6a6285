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
 * the one that has waited longest, so here they take turns:
 *
 * <pre>
 * sending a message: 0
 * sending a message: 1
 * consumer 1: got value 'message 0'
 * consumer 2: got value 'message 1'
 * sending a message: 2
 * consumer 1: got value 'message 2'
 * </pre>
 *
 * Both consumers share one receive end and both close it when their loop ends. That is safe in
 * this run, because the producer's close wakes both consumers with the end of the channel at once,
 * but it is fragile: a consumer still busy with a value when the other one closes the shared end
 * would get {@link dev.weft.ClosedResourceException} at its next receive. {@link ChannelFanOut}
 * (practice 3) gives each consumer its own clone instead.
 *
 * <h2>Which interleaving</h2>
 *
 * Seed 002 never shows this program's output, and Trio's is not fixed: Trio runs each batch of
 * runnable tasks in a random order. Run under real Trio 20,000 times ({@code
 * weft-examples/trio/record_orders.py}), it printed 8 different orders; the lines above are one of
 * them (2,547 of 20,000 runs), and {@code TrioOrdersTest} checks that this program prints one of
 * Trio's orders under weft's default policy and under Trio's own (a switch at every checkpoint,
 * {@code RunConfig.withSchedulingBudget(1)}). With three tasks, the default policy switches at
 * every schedule point while two or more tasks wait to run (ADR 0011), as Trio does, so both
 * policies print the lines above. Before that rule, the default policy let consumer 1 take two
 * messages in a row, and then close the shared end under consumer 2: an order and a failure Trio
 * never showed.
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
   * {@code trio.run(main)}, under weft's default scheduling policy.
   *
   * @param args ignored
   * @throws Exception if the run fails
   */
  public static void main(String[] args) throws Exception {
    Weft.run(() -> main());
  }
}
