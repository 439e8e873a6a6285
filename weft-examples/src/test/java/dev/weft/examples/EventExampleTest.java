package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Weft;
import dev.weft.testing.WeftTest;
import java.util.List;

/** {@link EventExample}: the listener waits one second for the event. */
class EventExampleTest {
  /** "Waiting for event" at t=0, "Event processed" at t=1, and main ends then. */
  @WeftTest
  void testListenerWaitsForSet() throws Exception {
    var lines = TimedOutput.capture(() -> EventExample.main());
    assertEquals(List.of(at(0, "Waiting for event"), at(1, "Event processed")), lines);
    assertEquals(1.0, Weft.currentTime());
  }
}
