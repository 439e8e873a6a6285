package dev.weft.examples;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.channel.MemoryChannel;
import dev.weft.channel.MemoryReceiveChannel;
import dev.weft.channel.MemorySendChannel;

/**
 * Seed 002, "Tasks communication", practice 3: "Pass {@code receive_channel.clone()} to the
 * children to have fan-out behaviour."
 *
 * <pre>{@code
 * async def main():
 *     async with trio.open_nursery() as nursery:
 *         send_channel, receive_channel = trio.open_memory_channel(0)
 *         async with send_channel, receive_channel:
 *             nursery.start_soon(producer, 1, send_channel.clone())
 *             nursery.start_soon(producer, 2, send_channel.clone())
 *             nursery.start_soon(consumer, 1, receive_channel.clone())
 *             nursery.start_soon(consumer, 2, receive_channel.clone())
 * }</pre>
 *
 * Practices 1 and 2.1 together: two producers ({@link ChannelTwoProducers#producer}) and two
 * consumers ({@link ChannelTwoConsumers#consumer}), each with a clone of its own end. The
 * messages fan out over the consumers: each goes to exactly one of them, the one that has waited
 * longest. Every task closes only its own clone, so no task can close an end another task is
 * using, and the consumers' loops end when the last producer closes its clone.
 *
 * <p>The printed interleaving is Trio's switch-at-every-checkpoint one, so this program asks for
 * that policy ({@link #main(String[])} runs with {@code RunConfig.withSchedulingBudget(1)}).
 * Under weft's default policy a task passes up to 128 schedule points before it yields, so the
 * consumer that got a value prints it and waits again at once, and it gets most of the messages:
 * each message still goes to exactly one consumer, the one that has waited longest.
 */
public final class ChannelFanOut {
  private ChannelFanOut() {}

  /**
   * {@code async def main()}: two producers and two consumers, each with its own clone.
   *
   * @throws Exception what a task threw
   */
  public static void main() throws Exception {
    Nursery.open(
        nursery -> {
          MemoryChannel<String> channel = MemoryChannel.open(0);
          try (MemorySendChannel<String> sendChannel = channel.sendChannel();
              MemoryReceiveChannel<String> receiveChannel = channel.receiveChannel()) {
            for (int id = 1; id <= 2; id++) {
              int producer = id;
              MemorySendChannel<String> mine = sendChannel.clone();
              nursery.startSoon(() -> ChannelTwoProducers.producer(producer, mine), "producer " + id);
            }
            for (int id = 1; id <= 2; id++) {
              int consumer = id;
              MemoryReceiveChannel<String> mine = receiveChannel.clone();
              nursery.startSoon(() -> ChannelTwoConsumers.consumer(consumer, mine), "consumer " + id);
            }
          }
        });
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
