package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Weft;
import dev.weft.testing.WeftTest;
import java.util.List;

/** {@link Shielding}: a cancelled scope stays cancelled, unless a shield hides it. */
class ShieldingTest {
  /**
   * The first request is cancelled at t=2; the second is cancelled at once, at its first
   * checkpoint, since cancellation is level-triggered: "Done." also at t=2, and no success line.
   */
  @WeftTest
  void secondRequestIsCancelledAtOnce() throws Exception {
    var lines = TimedOutput.capture(() -> Shielding.main());

    assertEquals(
        List.of(
            at(0, "Starting a blocking request."),
            at(2, "The first request timed out, try with a smaller delay."),
            at(2, "Done.")),
        lines);
    assertEquals(2.0, Weft.currentTime());
  }

  /** The shielded second request runs its full second, t=2 to t=3, and succeeds. */
  @WeftTest
  void shieldedSecondRequestSucceeds() throws Exception {
    var lines = TimedOutput.capture(Shielding::practice);

    assertEquals(
        List.of(
            at(0, "Starting a blocking request."),
            at(2, "The first request timed out, try with a smaller delay."),
            at(3, "The second request succeeded."),
            at(3, "Done.")),
        lines);
    assertEquals(3.0, Weft.currentTime());
  }
}
