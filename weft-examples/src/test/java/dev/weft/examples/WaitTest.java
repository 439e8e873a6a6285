package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Engine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Wait}: {@code wait} returns once the task is done, with the task in {@code done}. */
class WaitTest {
  /** The task (not started when {@code wait} is called) is in the done set. */
  @ParameterizedTest
  @MethodSource("dev.weft.examples.OwnLoop#engines")
  void testTaskIsInTheDoneSet(Engine engine) throws Exception {
    assertEquals(List.of(at(0, "work is done")), OwnLoop.capture(engine, Wait::run));
  }
}
