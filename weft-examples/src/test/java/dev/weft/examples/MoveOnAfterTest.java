package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Weft;
import dev.weft.testing.WeftTest;
import java.util.List;

/** {@link MoveOnAfter}: which of two nested timeouts takes effect, and when. */
class MoveOnAfterTest {
  /** The outer scope fires at t=2 and cancels the inner one too, which prints nothing. */
  @WeftTest
  void outerScopeWins() throws Exception {
    var lines = TimedOutput.capture(() -> MoveOnAfter.main());

    assertEquals(
        List.of(at(0, "starting..."), at(2, "move_on_after(2) finished without error")), lines);
    assertEquals(2.0, Weft.currentTime());
  }

  /** Practice 1: with the values swapped the inner scope fires at t=2; the outer one never does. */
  @WeftTest
  void practice1InnerScopeWinsWithSwappedValues() throws Exception {
    var lines = TimedOutput.capture(MoveOnAfter::practice1);

    assertEquals(
        List.of(
            at(0, "starting..."),
            at(2, "move_on_after(2) finished without error"),
            at(2, "move_on_after(4) finished without error")),
        lines);
    assertEquals(2.0, Weft.currentTime());
  }

  /** Practice 2: the outer deadline moved from t=2 to t=5, so the inner scope fires at t=4. */
  @WeftTest
  void practice2InnerScopeWinsOncePushedBack() throws Exception {
    var lines = TimedOutput.capture(MoveOnAfter::practice2);

    assertEquals(
        List.of(
            at(0, "starting..."),
            at(4, "move_on_after(4) finished without error"),
            at(4, "move_on_after(2) finished without error")),
        lines);
    assertEquals(4.0, Weft.currentTime());
  }
}
