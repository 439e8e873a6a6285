package dev.weft.stress;

import dev.weft.Engine;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bounded profile of the stress suites, part of {@code ./weft test}: every suite under both
 * engines with a few thousand operations ({@code ./weft stress} runs 10^6).
 */
class StressSuitesTest {
  /** Operations per suite in the bounded profile. */
  private static final int BOUNDED = 20_000;

  static Stream<Arguments> cases() {
    return Stress.suites().stream()
        .flatMap(s -> Stream.of(Engine.values()).map(e -> Arguments.of(s.name(), e, s)));
  }

  /** Each suite's accounting holds on a bounded run. */
  @ParameterizedTest(name = "{0} [{1}]")
  @MethodSource("cases")
  void testSuiteHolds(String name, Engine engine, Suite suite) throws Exception {
    suite.run(engine, BOUNDED, 42);
  }
}
