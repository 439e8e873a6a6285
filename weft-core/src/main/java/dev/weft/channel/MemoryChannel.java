package dev.weft.channel;

/**
 * A memory channel: a send end and a receive end joined by a buffer of a fixed size, for passing
 * values between the tasks of one loop. Trio's {@code open_memory_channel}.
 *
 * <p>{@link #open(int)} makes the two ends; this record only holds them so that they can be
 * handed out separately, usually each to a different task (as Trio's tuple is unpacked). A
 * record pattern unpacks it in one step.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * MemoryChannel<String> channel = MemoryChannel.open(0);
 * Nursery.open(n -> {
 *   n.startSoon(() -> {
 *     try (var tx = channel.sendChannel()) {          // async with send_channel:
 *       for (int i = 0; i < 3; i++) tx.send("message " + i);
 *     }
 *   });
 *   n.startSoon(() -> {
 *     try (var rx = channel.receiveChannel()) {
 *       for (String value : rx) System.out.println("got value " + value);
 *     }
 *   });
 * });
 * // or: if (MemoryChannel.<String>open(0) instanceof MemoryChannel<String>(var tx, var rx)) { ... }
 * }
 *
 * <h2>Buffering</h2>
 *
 * With capacity 0 the channel is a rendezvous: {@code send} waits until a receiver takes the
 * value, which goes straight from the sender to the receiver. With a positive capacity {@code
 * send} returns as soon as the value is buffered and waits only while the buffer is full. Trio's
 * advice holds: start unbuffered, and add a buffer only where the producer must not wait, since a
 * buffer hides backpressure. {@link #openUnbounded()} never makes a sender wait.
 *
 * <h2>Cloning and closing</h2>
 *
 * Either end can be {@code clone()}d; each clone is closed independently. Receivers see {@link
 * EndOfChannelException} (a {@code for} loop ends) once <em>every</em> send end is closed and the
 * buffer is drained; senders get {@link dev.weft.BrokenResourceException} once every receive end
 * is closed. So several producers each get a clone and close it when done, and the consumers end
 * exactly when the last one has finished. See {@link SendChannel} and {@link ReceiveChannel} for
 * the full rules.
 *
 * <h2>Memory consistency effects</h2>
 *
 * All use is confined to one loop thread; a value received was sent earlier in the same loop, so
 * everything the sender did before {@code send} is visible to the receiver after {@code receive}.
 *
 * @param sendChannel the end values are sent into
 * @param receiveChannel the end values are received from
 * @param <T> the type of the values
 */
public record MemoryChannel<T>(
    MemorySendChannel<T> sendChannel, MemoryReceiveChannel<T> receiveChannel) {
  /** The capacity that means "no limit": {@code open(UNBOUNDED)} is {@link #openUnbounded()}. */
  public static final int UNBOUNDED = Integer.MAX_VALUE;

  /**
   * Pairs two ends of the same channel (normally {@link #open} does this).
   *
   * @param sendChannel a send end
   * @param receiveChannel a receive end of the same channel
   * @throws IllegalArgumentException if the two ends belong to different channels
   * @throws NullPointerException if either is null
   */
  public MemoryChannel {
    if (sendChannel.state != receiveChannel.state) {
      throw new IllegalArgumentException(
          "MemoryChannel: the send and receive ends belong to different channels");
    }
  }

  /**
   * Opens a channel with a buffer of {@code capacity} values. Not a checkpoint; it may be called
   * outside a loop (the channel belongs to the loop it is first used in).
   *
   * @param capacity 0 for a rendezvous channel, a positive number for a buffer of that size, or
   *     {@link #UNBOUNDED}
   * @param <T> the type of the values
   * @return the two ends
   * @throws IllegalArgumentException if {@code capacity} is negative
   */
  public static <T> MemoryChannel<T> open(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException(
          "MemoryChannel.open: the capacity must be 0 (rendezvous), positive (a buffer) or"
              + " MemoryChannel.UNBOUNDED, not "
              + capacity);
    }
    ChannelState state = new ChannelState(capacity);
    return new MemoryChannel<>(new MemorySendChannel<>(state), new MemoryReceiveChannel<>(state));
  }

  /**
   * Opens a channel whose buffer has no limit, so {@code send} never waits. Not a checkpoint.
   *
   * @param <T> the type of the values
   * @return the two ends
   * @apiNote An unbounded buffer takes away backpressure: a producer faster than its consumers
   *     fills memory. Prefer a bounded capacity unless the producer must never wait.
   */
  public static <T> MemoryChannel<T> openUnbounded() {
    return open(UNBOUNDED);
  }
}
