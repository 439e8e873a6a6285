package dev.weft.examples;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.channel.MemoryChannel;
import dev.weft.channel.ReceiveChannel;
import dev.weft.channel.SendChannel;

/**
 * Seed 002, "Tasks communication": "Use {@code trio.open_memory_channel} to create a pair of send
 * and receive channels."
 *
 * <pre>{@code
 * import trio
 *
 * async def main():
 *     async with trio.open_nursery() as nursery:
 *         # Open a channel:
 *         send_channel, receive_channel = trio.open_memory_channel(0)
 *         # Start a producer and a consumer, passing one end of the channel to
 *         # each of them:
 *         nursery.start_soon(producer, send_channel)
 *         nursery.start_soon(consumer, receive_channel)
 *
 * async def producer(send_channel):
 *     async with send_channel:
 *         # Producer sends 3 messages
 *         for i in range(3):
 *             # The producer sends using 'await send_channel.send(...)'
 *             print(f"sending a message: {i}")
 *             await send_channel.send(f"message {i}")
 *
 * async def consumer(receive_channel):
 *     async with receive_channel:
 *         # The consumer uses an 'async for' loop to receive the values:
 *         async for value in receive_channel:
 *             print(f"got value {value!r}")
 *
 * trio.run(main)
 * }</pre>
 *
 * {@code async with channel:} is try-with-resources, and {@code async for} is a plain {@code for}
 * loop: the receive end is {@code Iterable}, and the loop ends when the producer's {@code try}
 * block closes the send end. Everything happens at t=0. The channel is unbuffered, so the
 * producer announces a message, then waits in {@code send} until the consumer takes it:
 *
 * <pre>
 * sending a message: 0
 * got value 'message 0'
 * sending a message: 1
 * sending a message: 2
 * got value 'message 1'
 * got value 'message 2'
 * </pre>
 *
 * <h2>Which interleaving</h2>
 *
 * Seed 002 never shows this program's output, and Trio's is not fixed: Trio runs each batch of
 * runnable tasks in a random order. Run under real Trio 20,000 times ({@code
 * weft-examples/trio/record_orders.py}), it printed 4 different orders; the lines above are one of
 * them (4,992 of 20,000 runs), and {@code TrioOrdersTest} checks that this program prints one of
 * Trio's orders under weft's default policy and under Trio's own (a switch at every checkpoint,
 * {@code RunConfig.withSchedulingBudget(1)}). Under weft's default policy a receive that found a
 * waiting sender lets the consumer go on (the budget saves that switch: ADR 0008), so it prints
 * {@code message 0} before the producer announces {@code 1}; then the producer hands {@code message
 * 1} to the waiting consumer and goes on to announce {@code 2}. Under Trio's policy the consumer's
 * receive switches at once and the program prints the order Trio prints with its batches in FIFO
 * order: {@code sending 0, sending 1, got 0, sending 2, got 1, got 2}.
 */
public final class ChannelExample {
  private ChannelExample() {}

  /**
   * {@code async def main()}: a producer and a consumer joined by an unbuffered channel.
   *
   * @throws Exception what a task threw
   */
  public static void main() throws Exception {
    Nursery.open(
        nursery -> {
          // Open a channel:
          MemoryChannel<String> channel = MemoryChannel.open(0);
          // Start a producer and a consumer, passing one end of the channel to
          // each of them:
          nursery.startSoon(() -> producer(channel.sendChannel()), "producer");
          nursery.startSoon(() -> consumer(channel.receiveChannel()), "consumer");
        });
  }

  /**
   * {@code async def producer(send_channel)}: sends 3 messages, then closes its end.
   *
   * @param sendChannel the send end
   */
  public static void producer(SendChannel<String> sendChannel) {
    try (sendChannel) {
      // Producer sends 3 messages
      for (int i = 0; i < 3; i++) {
        // The producer sends using 'sendChannel.send(...)'
        System.out.println("sending a message: " + i);
        sendChannel.send("message " + i);
      }
    }
  }

  /**
   * {@code async def consumer(receive_channel)}: prints every value until the channel ends.
   *
   * @param receiveChannel the receive end
   */
  public static void consumer(ReceiveChannel<String> receiveChannel) {
    try (receiveChannel) {
      // The consumer uses a for loop to receive the values:
      for (String value : receiveChannel) {
        System.out.println("got value " + repr(value));
      }
    }
  }

  /**
   * {@return Python's {@code repr} of a plain string: the text in single quotes}
   *
   * @param s a string without quotes or escapes
   */
  static String repr(String s) {
    return "'" + s + "'";
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
