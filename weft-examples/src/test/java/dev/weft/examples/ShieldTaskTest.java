package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Engine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ShieldTask}: the shielded work survives the cancellation of its caller. */
class ShieldTaskTest {
  /** Not cancelled, the shield passes the work's result through. */
  @ParameterizedTest
  @MethodSource("dev.weft.examples.OwnLoop#engines")
  void testShieldPassesTheResultThrough(Engine engine) throws Exception {
    assertEquals(List.of(at(0, "done")), OwnLoop.capture(engine, ShieldTask::runMain));
  }

  /**
   * The caller is cancelled at 1 s and falls back to None at once; the work still finishes at 2 s
   * and its task gives its result. Without the shield the work would be cancelled at 1 s: no
   * "work: finished", and awaiting it would throw.
   */
  @ParameterizedTest
  @MethodSource("dev.weft.examples.OwnLoop#engines")
  void testWorkRunsOnWhenTheCallerIsCancelled(Engine engine) throws Exception {
    assertEquals(
        List.of(
            at(0, "work: started"),
            at(1, "caller: res = None"),
            at(2, "work: finished"),
            at(2, "main: work_task gave 'done'")),
        OwnLoop.capture(engine, ShieldTask::runCancelledCaller));
  }
}
