package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Engine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link CreateTask}: a task's result comes back through await; tasks run concurrently. */
class CreateTaskTest {
  /** The first program prints the task's result, at once. */
  @ParameterizedTest
  @MethodSource("dev.weft.examples.OwnLoop#engines")
  void testAwaitingATaskGivesItsResult(Engine engine) throws Exception {
    assertEquals(List.of(at(0, "done")), OwnLoop.capture(engine, CreateTask::runFirst));
  }

  /**
   * The three tasks start at t=0 and end at 1, 2 and 3 s: B ends while main still awaits {@code
   * t1}. Had {@code createTask} run each to completion, or had main's awaits run them one by one,
   * the finish times would be 2, 3 and 6 s.
   */
  @ParameterizedTest
  @MethodSource("dev.weft.examples.OwnLoop#engines")
  void testThreeTasksRunConcurrently(Engine engine) throws Exception {
    assertEquals(
        AbcLines.CONCURRENT,
        OwnLoop.capture(engine, CreateTask::runSecond));
  }
}
