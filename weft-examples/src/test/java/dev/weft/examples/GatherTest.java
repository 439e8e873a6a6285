package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Engine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Gather}: the three sleeps overlap, and the results keep the order of the arguments. */
class GatherTest {
  /**
   * All three start at t=0 in argument order, finish at 1, 2 and 3 s (B, A, C), and the result is
   * printed at 3 s: run one after the other, they would end at 6 s.
   */
  @ParameterizedTest
  @MethodSource("dev.weft.examples.OwnLoop#engines")
  void testRunsConcurrentlyAndKeepsArgumentOrder(Engine engine) throws Exception {
    var lines = OwnLoop.capture(engine, Gather::run);

    assertEquals(AbcLines.CONCURRENT, lines.subList(0, 6));
    assertEquals(List.of(at(3, "Result: ['a', 'b', 'c']")), lines.subList(6, lines.size()));
  }
}
