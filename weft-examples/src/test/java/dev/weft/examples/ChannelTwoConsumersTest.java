package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.testing.WeftTest;
import java.util.List;

/** {@link ChannelTwoConsumers}: each message goes to one consumer; they take turns. */
class ChannelTwoConsumersTest {
  @WeftTest
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
