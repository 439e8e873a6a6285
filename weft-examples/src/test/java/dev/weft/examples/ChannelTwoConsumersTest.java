package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.RunConfig;
import dev.weft.testing.WeftTest;
import java.util.List;

/** {@link ChannelTwoConsumers}: each message goes to one consumer; they take turns. */
class ChannelTwoConsumersTest {
  /**
   * Under the default policy and under Trio's: the consumers take turns, and sharing the receive
   * end is safe because both are waiting when the producer closes its end.
   */
  @WeftTest(schedulingBudgets = {RunConfig.DEFAULT_SCHEDULING_BUDGET, 1})
  void consumersTakeTurns() throws Exception {
    var lines = TimedOutput.capture(ChannelTwoConsumers::main);
    assertEquals(
        List.of(
            at(0, "sending a message: 0"),
            at(0, "sending a message: 1"),
            at(0, "consumer 1: got value 'message 0'"),
            at(0, "consumer 2: got value 'message 1'"),
            at(0, "sending a message: 2"),
            at(0, "consumer 1: got value 'message 2'")),
        lines);
  }
}
