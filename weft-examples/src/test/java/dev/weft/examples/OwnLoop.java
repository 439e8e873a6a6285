package dev.weft.examples;

import dev.weft.Block;
import dev.weft.Engine;
import dev.weft.RunConfig;
import dev.weft.testing.MockClock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Support for testing examples that run their own loop ({@code Asyncio.run}, {@code
 * Loop.newEventLoop}), which a {@code @WeftTest} cannot host: such a test is a {@code
 * @ParameterizedTest} over {@link #engines()}, and runs the example's {@code run(options)} with
 * {@link #capture}, on an autojumping {@link MockClock}.
 */
final class OwnLoop {
  private OwnLoop() {}

  /** A program that takes the run options. */
  @FunctionalInterface
  interface Program {
    void run(UnaryOperator<RunConfig> options) throws Exception;
  }

  /**
   * {@return every engine, or only the one {@code -Dweft.engine} names} (as {@code @WeftTest}
   * chooses them)
   */
  static Stream<Engine> engines() {
    String only = System.getProperty("weft.engine", "").trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(Engine.values())
        .filter(e -> only.isEmpty() || only.equals(e.name().toLowerCase(Locale.ROOT)));
  }

  /**
   * Runs {@code program} on {@code engine} and a new autojumping mock clock, and returns what it
   * printed, each line timed by that clock.
   *
   * @param engine the engine
   * @param program the example's {@code run(options)}
   * @return the printed lines
   * @throws Exception what the program threw
   */
  static List<TimedOutput.Line> capture(Engine engine, Program program) throws Exception {
    MockClock clock = MockClock.autojumping();
    Block body = () -> program.run(c -> c.withClock(clock).withEngine(engine));
    return TimedOutput.capture(clock::currentTime, body);
  }
}
