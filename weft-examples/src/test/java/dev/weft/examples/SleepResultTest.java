package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Engine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link SleepResult}: {@code sleep(1 s, "done")} returns {@code "done"} after 1 s. */
class SleepResultTest {
  /** The result is printed at t=1, not before. */
  @ParameterizedTest
  @MethodSource("dev.weft.examples.OwnLoop#engines")
  void testPrintsTheSleepResultAfterOneSecond(Engine engine) throws Exception {
    assertEquals(List.of(at(1, "done")), OwnLoop.capture(engine, SleepResult::run));
  }
}
