package dev.weft;

import dev.weft.lowlevel.Clock;
import java.util.Objects;

/**
 * The options of one {@link Weft#run(java.util.function.UnaryOperator, Block) run}: the clock its
 * loop reads time from and the engine that carries its tasks.
 *
 * <p>Runs take a {@code UnaryOperator<RunConfig>} that edits the defaults, for example {@code
 * Weft.run(c -> c.withClock(new MockClock()), main)}.
 *
 * @param clock the loop's clock; {@link Clock#system()} by default
 * @param engine the engine; {@link Engine#defaultEngine()} by default
 */
public record RunConfig(Clock clock, Engine engine) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   */
  public RunConfig {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(engine, "engine");
  }

  /** {@return the configuration a run uses when it changes nothing} */
  public static RunConfig defaults() {
    return new RunConfig(Clock.system(), Engine.defaultEngine());
  }

  /**
   * {@return a copy that uses the given clock}
   *
   * @param clock the clock
   */
  public RunConfig withClock(Clock clock) {
    return new RunConfig(clock, engine);
  }

  /**
   * {@return a copy that uses the given engine}
   *
   * @param engine the engine
   */
  public RunConfig withEngine(Engine engine) {
    return new RunConfig(clock, engine);
  }
}
