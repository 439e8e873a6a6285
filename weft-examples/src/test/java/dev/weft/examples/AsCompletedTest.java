package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Engine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link AsCompleted}: results in completion order, each as soon as its work finishes. */
class AsCompletedTest {
  /**
   * All start at t=0 (in list order, see the class Javadoc of {@link AsCompleted}); b is printed
   * at 1 s, a at 2 s, c at 3 s, each right after its work finishes. In list order the results
   * would be a, b, c; one after the other, the times would be 1, 3 and 6 s.
   */
  @ParameterizedTest
  @MethodSource("dev.weft.examples.OwnLoop#engines")
  void testResultsComeInCompletionOrder(Engine engine) throws Exception {
    assertEquals(
        List.of(
            at(0, "A: started"),
            at(0, "B: started"),
            at(0, "C: started"),
            at(1, "B: finished"),
            at(1, "b"),
            at(2, "A: finished"),
            at(2, "a"),
            at(3, "C: finished"),
            at(3, "c")),
        OwnLoop.capture(engine, AsCompleted::run));
  }
}
