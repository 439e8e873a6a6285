package dev.weft;

import dev.weft.lowlevel.Clock;
import java.util.Objects;

/**
 * The options of one {@link Weft#run(java.util.function.UnaryOperator, Block) run}: the clock its
 * loop reads time from and the engine that carries its tasks.
 *
 * <p>Runs take a {@code UnaryOperator<RunConfig>} that edits the defaults, for example {@code
 * Weft.run(c -> c.withClock(new MockClock()), main)}. A configuration is immutable: each {@code
 * with...} method returns a copy with one option changed.
 *
 * @apiNote This is a final class rather than a record so that new options can be added without
 *     breaking anyone: a record's canonical constructor and its deconstruction pattern would
 *     change with every option. Start from {@link #defaults()}; there is no public constructor.
 */
public final class RunConfig {
  // immutable state
  private final Clock clock;
  private final Engine engine;

  /*
   * Implementation notes.
   *
   * Options are copied through the private mutable Options twin so that adding one touches only
   * new lines (a field here, a line in each constructor, an accessor and a with-method), never the
   * with-methods of the other options, while the fields here stay final (safe to share between
   * threads without further care). StructuredTaskScope.Configuration has the same shape.
   */

  private RunConfig(Options o) {
    this.clock = o.clock;
    this.engine = o.engine;
  }

  /** {@return the configuration a run uses when it changes nothing} */
  public static RunConfig defaults() {
    Options o = new Options();
    o.clock = Clock.system();
    o.engine = Engine.defaultEngine();
    return new RunConfig(o);
  }

  /** {@return the loop's clock; {@link Clock#system()} by default} */
  public Clock clock() {
    return clock;
  }

  /** {@return the engine; {@link Engine#defaultEngine()} by default} */
  public Engine engine() {
    return engine;
  }

  /**
   * {@return a copy that uses the given clock}
   *
   * @param clock the clock
   * @throws NullPointerException if {@code clock} is null
   */
  public RunConfig withClock(Clock clock) {
    Options o = new Options(this);
    o.clock = Objects.requireNonNull(clock, "clock");
    return new RunConfig(o);
  }

  /**
   * {@return a copy that uses the given engine}
   *
   * @param engine the engine
   * @throws NullPointerException if {@code engine} is null
   */
  public RunConfig withEngine(Engine engine) {
    Options o = new Options(this);
    o.engine = Objects.requireNonNull(engine, "engine");
    return new RunConfig(o);
  }

  @Override
  public String toString() {
    return "RunConfig[clock=" + clock + ", engine=" + engine + "]";
  }

  /** The options while a copy is being made. */
  private static final class Options {
    Clock clock;
    Engine engine;

    Options() {}

    Options(RunConfig c) {
      this.clock = c.clock;
      this.engine = c.engine;
    }
  }
}
