package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.ClosedResourceException;
import dev.weft.Nursery;
import dev.weft.channel.MemoryChannel;
import dev.weft.testing.WeftTest;
import java.util.List;

/**
 * {@link ChannelTwoProducers}: with a clone each, both producers' messages all arrive, in order
 * per producer, and nothing fails; without clones (practice 2) the shared end is closed under the
 * second producer.
 */
class ChannelTwoProducersTest {
  /** Under Trio's policy (a budget of 1): the order Trio prints with its batches in FIFO order. */
  @WeftTest(schedulingBudgets = 1)
  void clonesMakeTwoProducersSafe() throws Exception {
    var lines = TimedOutput.capture(ChannelTwoProducers::main);
    assertEquals(
        List.of(
            at(0, "producer 1: sending a message: 0"),
            at(0, "producer 2: sending a message: 0"),
            at(0, "producer 1: sending a message: 1"),
            at(0, "got value 'message 0 from producer 1'"),
            at(0, "producer 2: sending a message: 1"),
            at(0, "got value 'message 0 from producer 2'"),
            at(0, "producer 1: sending a message: 2"),
            at(0, "got value 'message 1 from producer 1'"),
            at(0, "producer 2: sending a message: 2"),
            at(0, "got value 'message 1 from producer 2'"),
            at(0, "got value 'message 2 from producer 1'"),
            at(0, "got value 'message 2 from producer 2'")),
        lines);
  }

  /**
   * Under the default policy, the one ChannelTwoProducers.main(String[]) runs: the same lines, each
   * producer's messages in its own order (an order Trio prints too: TrioOrdersTest).
   */
  @WeftTest
  void clonesMakeTwoProducersSafeUnderDefaultPolicy() throws Exception {
    var lines = TimedOutput.capture(ChannelTwoProducers::main);
    assertEquals(
        List.of(
            at(0, "producer 1: sending a message: 0"),
            at(0, "producer 2: sending a message: 0"),
            at(0, "got value 'message 0 from producer 1'"),
            at(0, "producer 1: sending a message: 1"),
            at(0, "producer 2: sending a message: 1"),
            at(0, "got value 'message 0 from producer 2'"),
            at(0, "got value 'message 1 from producer 1'"),
            at(0, "producer 1: sending a message: 2"),
            at(0, "producer 2: sending a message: 2"),
            at(0, "got value 'message 1 from producer 2'"),
            at(0, "got value 'message 2 from producer 1'"),
            at(0, "got value 'message 2 from producer 2'")),
        lines);
  }

  /**
   * Practice 2: two producers sharing one send end, each closing it. The seed: "Chances are you
   * will occasionally get some errors."
   */
  static void sharedSendEnd() throws Exception {
    Nursery.open(
        nursery -> {
          MemoryChannel<String> channel = MemoryChannel.open(0);
          nursery.startSoon(() -> ChannelTwoProducers.producer(1, channel.sendChannel()));
          nursery.startSoon(() -> ChannelTwoProducers.producer(2, channel.sendChannel()));
          nursery.startSoon(() -> ChannelExample.consumer(channel.receiveChannel()));
        });
  }

  /**
   * Practice 2's error, under Trio's policy: the first producer to finish closes the shared end
   * while the other waits in send. (Under the default policy this run happens to finish first:
   * both are orders Trio prints, TrioOrdersTest.)
   */
  @WeftTest(schedulingBudgets = 1)
  void sharedSendEndFails() throws Exception {
    ClosedResourceException e =
        assertThrows(
            ClosedResourceException.class,
            () -> TimedOutput.capture(ChannelTwoProducersTest::sharedSendEnd));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }
}
