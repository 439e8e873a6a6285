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
  /** Under Trio's policy (the one ChannelTwoProducers.main(String[]) asks for): its order. */
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

  /** Under the default policy: the same lines, each producer's messages in its own order. */
  @WeftTest
  void clonesMakeTwoProducersSafeUnderDefaultPolicy() throws Exception {
    var lines = TimedOutput.capture(ChannelTwoProducers::main);
    assertEquals(
        List.of(
            at(0, "producer 1: sending a message: 0"),
            at(0, "producer 2: sending a message: 0"),
            at(0, "got value 'message 0 from producer 1'"),
            at(0, "got value 'message 0 from producer 2'"),
            at(0, "producer 1: sending a message: 1"),
            at(0, "producer 1: sending a message: 2"),
            at(0, "producer 2: sending a message: 1"),
            at(0, "got value 'message 1 from producer 1'"),
            at(0, "got value 'message 2 from producer 1'"),
            at(0, "got value 'message 1 from producer 2'"),
            at(0, "producer 2: sending a message: 2"),
            at(0, "got value 'message 2 from producer 2'")),
        lines);
  }

  /** Practice 2, the error the clones fix: two producers sharing one send end. */
  @WeftTest
  void sharedSendEndFails() throws Exception {
    ClosedResourceException e =
        assertThrows(
            ClosedResourceException.class,
            () ->
                TimedOutput.capture(
                    () ->
                        Nursery.open(
                            nursery -> {
                              MemoryChannel<String> channel = MemoryChannel.open(0);
                              nursery.startSoon(() -> ChannelTwoProducers.producer(1, channel.sendChannel()));
                              nursery.startSoon(() -> ChannelTwoProducers.producer(2, channel.sendChannel()));
                              nursery.startSoon(() -> ChannelExample.consumer(channel.receiveChannel()));
                            })));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }
}
