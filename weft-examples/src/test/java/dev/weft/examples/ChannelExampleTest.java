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
  /** Under Trio's policy (the one ChannelExample.main(String[]) asks for): the seed's order. */
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
   * Under the default policy the consumer prints each value before the producer goes on; the
   * lines and each side's own order are the same.
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
