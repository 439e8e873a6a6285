package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Engine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Coroutine}: the two smallest programs of seed 001. */
class CoroutineTest {
  /** "Running Program" prints {@code hello} after its 1 s sleep. */
  @ParameterizedTest
  @MethodSource("dev.weft.examples.OwnLoop#engines")
  void testHelloAfterOneSecond(Engine engine) throws Exception {
    assertEquals(List.of(at(1, "hello")), OwnLoop.capture(engine, Coroutine::runHello));
  }

  /** "Coroutines" prints what {@code work} returned, at once. */
  @ParameterizedTest
  @MethodSource("dev.weft.examples.OwnLoop#engines")
  void testAwaitedCoroutineGivesItsResult(Engine engine) throws Exception {
    assertEquals(List.of(at(0, "done")), OwnLoop.capture(engine, Coroutine::runWork));
  }
}
