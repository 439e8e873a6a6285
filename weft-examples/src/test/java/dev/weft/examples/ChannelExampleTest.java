package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.testing.WeftTest;
import java.util.List;

/**
 * {@link ChannelExample}: three messages pass from producer to consumer through an unbuffered
 * channel, at t=0, and the consumer's loop ends when the producer closes its end.
 */
class ChannelExampleTest {
  /**
   * Under Trio's policy (a budget of 1): the order Trio prints with its batches in FIFO order, the
   * consumer's receive letting the producer announce the next message first.
   */
  @WeftTest(schedulingBudgets = 1)
  void producerAndConsumer() throws Exception {
    var lines = TimedOutput.capture(ChannelExample::main);
    assertEquals(
        List.of(
            at(0, "sending a message: 0"),
            at(0, "sending a message: 1"),
            at(0, "got value 'message 0'"),
            at(0, "sending a message: 2"),
            at(0, "got value 'message 1'"),
            at(0, "got value 'message 2'")),
        lines);
  }

  /**
   * Under the default policy, the one ChannelExample.main(String[]) runs: the consumer prints each
   * value before the producer goes on (an order Trio prints too: TrioOrdersTest).
   */
  @WeftTest
  void producerAndConsumerUnderDefaultPolicy() throws Exception {
    var lines = TimedOutput.capture(ChannelExample::main);
    assertEquals(
        List.of(
            at(0, "sending a message: 0"),
            at(0, "got value 'message 0'"),
            at(0, "sending a message: 1"),
            at(0, "sending a message: 2"),
            at(0, "got value 'message 1'"),
            at(0, "got value 'message 2'")),
        lines);
  }
}
