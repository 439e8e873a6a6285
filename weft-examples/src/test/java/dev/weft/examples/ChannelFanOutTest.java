package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.RunConfig;
import dev.weft.testing.WeftTest;
import java.util.List;

/**
 * {@link ChannelFanOut}: six messages from two producers fan out over two consumers, each message
 * to exactly one, and every task closes only its own clone.
 */
class ChannelFanOutTest {
  /**
   * Under the default policy and under Trio's: the consumers take turns, each message going to the
   * one that has waited longest.
   */
  @WeftTest(schedulingBudgets = {RunConfig.DEFAULT_SCHEDULING_BUDGET, 1})
  void messagesFanOut() throws Exception {
    var lines = TimedOutput.capture(ChannelFanOut::main);
    assertEquals(
        List.of(
            at(0, "producer 1: sending a message: 0"),
            at(0, "producer 2: sending a message: 0"),
            at(0, "producer 1: sending a message: 1"),
            at(0, "consumer 1: got value 'message 0 from producer 1'"),
            at(0, "producer 2: sending a message: 1"),
            at(0, "consumer 2: got value 'message 0 from producer 2'"),
            at(0, "producer 1: sending a message: 2"),
            at(0, "consumer 1: got value 'message 1 from producer 1'"),
            at(0, "producer 2: sending a message: 2"),
            at(0, "consumer 2: got value 'message 1 from producer 2'"),
            at(0, "consumer 1: got value 'message 2 from producer 1'"),
            at(0, "consumer 2: got value 'message 2 from producer 2'")),
        lines);
  }
}
