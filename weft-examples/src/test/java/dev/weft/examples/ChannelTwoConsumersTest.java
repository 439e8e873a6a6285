package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.ClosedResourceException;
import dev.weft.testing.WeftTest;
import java.util.List;

/** {@link ChannelTwoConsumers}: each message goes to one consumer; they take turns. */
class ChannelTwoConsumersTest {
  /** Under Trio's policy (the one ChannelTwoConsumers.main(String[]) asks for): turns. */
  @WeftTest(schedulingBudgets = 1)
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

  /**
   * Under the default policy the shared receive end shows the fragility the example describes:
   * consumer 1 sees the end and closes the end consumer 2 still receives from.
   */
  @WeftTest
  void sharedReceiveEndFailsUnderDefaultPolicy() throws Exception {
    ClosedResourceException e =
        assertThrows(
            ClosedResourceException.class,
            () -> TimedOutput.capture(ChannelTwoConsumers::main));
    assertTrue(e.getMessage().contains("MemoryReceiveChannel.receive"), e.getMessage());
  }
}
