package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Weft;
import dev.weft.testing.WeftTest;
import java.util.List;

/**
 * {@link NurseryExample}: the children run concurrently (child2 ends at t=2, not t=3), and the
 * parent gets past its nursery only after both have ended.
 */
class NurseryExampleTest {
  @WeftTest
  void parentWaitsForBothChildren() throws Exception {
    var lines = TimedOutput.capture(NurseryExample::parent);

    assertEquals(
        List.of(
            at(0, "parent: started!"),
            at(0, "parent: spawning child1..."),
            at(0, "parent: spawning child2..."),
            at(0, "parent: waiting for children to finish..."),
            at(0, "  child1: started! sleeping now..."),
            at(0, "  child2: started! sleeping now..."),
            at(1, "  child1: exiting!"),
            at(2, "  child2: exiting!"),
            at(2, "parent: all done!")),
        lines);
    assertEquals(2.0, Weft.currentTime());
  }
}
