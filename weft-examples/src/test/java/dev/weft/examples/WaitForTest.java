package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Engine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link WaitFor}: the hour-long work is given up on after 1 s. */
class WaitForTest {
  /** {@code timeout!} at t=1, not after an hour; nothing else is printed. */
  @ParameterizedTest
  @MethodSource("dev.weft.examples.OwnLoop#engines")
  void testTimesOutAfterOneSecond(Engine engine) throws Exception {
    assertEquals(List.of(at(1, "timeout!")), OwnLoop.capture(engine, WaitFor::run));
  }
}
