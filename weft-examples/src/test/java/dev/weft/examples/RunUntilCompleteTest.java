package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Engine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link RunUntilComplete}: a loop driven by hand runs its tasks concurrently. */
class RunUntilCompleteTest {
  /** Seed 001: the gather inside {@code runUntilComplete} overlaps a, b and c (ends at 3 s). */
  @ParameterizedTest
  @MethodSource("dev.weft.examples.OwnLoop#engines")
  void testRunUntilCompleteRunsTheGather(Engine engine) throws Exception {
    assertEquals(
        AbcLines.CONCURRENT,
        OwnLoop.capture(engine, RunUntilComplete::eventLoop));
  }

  /**
   * Seed 003: tasks created on the idle loop start when it runs; hello at 0.5 s, world at 1 s
   * (their sleeps overlap: one after the other, world would come at 1.5 s).
   */
  @ParameterizedTest
  @MethodSource("dev.weft.examples.OwnLoop#engines")
  void testTasksCreatedBeforeTheLoopRuns(Engine engine) throws Exception {
    assertEquals(
        List.of(at(0.5, "hello"), at(1, "world")),
        OwnLoop.capture(engine, RunUntilComplete::sayHelloWorld));
  }
}
