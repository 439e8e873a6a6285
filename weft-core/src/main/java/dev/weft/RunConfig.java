package dev.weft;

import dev.weft.lowlevel.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The options of one {@link Weft#run(java.util.function.UnaryOperator, Block) run}: the clock its
 * loop reads time from, the engine that carries its tasks, and the scheduling budget its
 * schedule points apply.
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
  /** The engine chosen with {@link #withEngine}, or null: the run resolves the default. */
  private final Engine engine;
  private final int schedulingBudget;
  /** How long tasks get after SIGINT/SIGTERM, or null: signals are left to the JVM. */
  private final Duration shutdownGrace;

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
    this.schedulingBudget = o.schedulingBudget;
    this.shutdownGrace = o.shutdownGrace;
  }

  /**
   * The scheduling budget a run uses unless told otherwise: 128 schedule points (Tokio's
   * cooperative budget).
   */
  public static final int DEFAULT_SCHEDULING_BUDGET = 128;

  /** {@return the configuration a run uses when it changes nothing} */
  public static RunConfig defaults() {
    Options o = new Options();
    o.clock = Clock.system();
    // Not resolved here: a JVM without the fast engine's flag must still be able to make a
    // configuration that chooses the portable engine (RunTest, EngineSelectionTest).
    o.engine = null;
    o.schedulingBudget = DEFAULT_SCHEDULING_BUDGET;
    return new RunConfig(o);
  }

  /** {@return the loop's clock; {@link Clock#system()} by default} */
  public Clock clock() {
    return clock;
  }

  /**
   * {@return the engine the run uses: the one chosen with {@link #withEngine}, else {@link
   * Engine#defaultEngine()}}
   *
   * @throws IllegalStateException if no engine was chosen and the default cannot be used (see
   *     {@link Engine#defaultEngine()})
   */
  public Engine engine() {
    return engine != null ? engine : Engine.defaultEngine();
  }

  /**
   * {@return the engine chosen with {@link #withEngine}, or empty when the run is to use {@link
   * Engine#defaultEngine()}}
   */
  public Optional<Engine> chosenEngine() {
    return Optional.ofNullable(engine);
  }

  /**
   * {@return how many schedule points a task may pass without yielding; {@value
   * #DEFAULT_SCHEDULING_BUDGET} by default}
   *
   * @see #withSchedulingBudget(int)
   */
  public int schedulingBudget() {
    return schedulingBudget;
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

  /**
   * {@return a copy whose tasks may pass up to {@code budget} schedule points without yielding}
   *
   * <p>Every weft blocking operation is a schedule point, also when it does not block; the
   * scheduler applies its policy there (DESIGN.md, invariant 3). A task may pass {@code budget}
   * schedule points after the loop last resumed it; the one that uses the budget up yields to the
   * loop, which runs every other runnable task before this one again. So other tasks run at least
   * once every {@code budget} schedule points of a task that never blocks. Operations that must
   * wait still park at once, and {@link Weft#checkpoint()} and {@code sleep(Duration.ZERO)}
   * always yield. The budget covers a pair of tasks handing values to each other: while two or
   * more other tasks or callbacks wait to run, every schedule point yields, as under Trio, whatever
   * budget is left (ADR 0011). The budget counts calls, not time, so a run under a mock clock is
   * as deterministic with any budget.
   *
   * <p>A budget of 1 is Trio's policy, a switch at every schedule point: the interleaving weft
   * had before the budget. Trio runs each batch of runnable tasks in a random order, so a Trio
   * program has several possible outputs; the default policy prints one of them for the programs
   * whose two tasks do not alternate at every step, and a budget of 1 prints the one Trio prints
   * with its batches in FIFO order.
   * Larger budgets make operations that did not have to wait (a {@code send} into a channel with
   * room, an uncontended {@code Lock.acquire}) cost a cancel check instead of two task switches.
   *
   * @param budget schedule points per turn, at least 1
   * @throws IllegalArgumentException if {@code budget} is below 1
   */
  public RunConfig withSchedulingBudget(int budget) {
    if (budget < 1) {
      throw new IllegalArgumentException(
          "RunConfig.withSchedulingBudget: the budget must be at least 1 (1 switches at every"
              + " schedule point, as Trio does), got "
              + budget);
    }
    Options o = new Options(this);
    o.schedulingBudget = budget;
    return new RunConfig(o);
  }

  /**
   * {@return a copy whose run is cancelled, as {@link RunHandle#cancel()} does, when the JVM gets
   * SIGINT (Ctrl-C) or SIGTERM}
   *
   * <p>While the run is active weft handles both signals (process-wide, through {@code
   * sun.misc.Signal}; the JVM's own handlers come back when the last such run ends). The first
   * signal cancels the main task's scope with a reason that names the signal, so every task gets
   * {@link dev.weft.cancel.CancelledError} at its next checkpoint and its clean-ups run (shielded
   * ones too). If the run ends within {@code grace}, {@code Weft.run} throws {@link
   * java.util.concurrent.CancellationException} (unless the main task returned normally anyway),
   * and the program decides what to do next: nothing else exits the JVM. If the run has not ended
   * after {@code grace}, or a second signal arrives, weft passes the signal on to the handler it
   * replaced, and the JVM exits as it would have without weft (status 130 for SIGINT, 143 for
   * SIGTERM, after its shutdown hooks).
   *
   * <p>A JVM started with {@code -Xrs}, or one where the signals cannot be handled, runs without
   * this (logged at DEBUG through {@code System.Logger} {@code dev.weft}).
   *
   * @param grace how long tasks get to finish their clean-ups after the first signal
   * @throws NullPointerException if {@code grace} is null
   * @throws IllegalArgumentException if {@code grace} is negative
   */
  public RunConfig withCancelOnShutdown(Duration grace) {
    Objects.requireNonNull(grace, "grace");
    if (grace.isNegative()) {
      throw new IllegalArgumentException(
          "RunConfig.withCancelOnShutdown: the grace period cannot be negative, got " + grace);
    }
    Options o = new Options(this);
    o.shutdownGrace = grace;
    return new RunConfig(o);
  }

  /**
   * {@return the grace period after SIGINT/SIGTERM, if the run is cancelled by them} See {@link
   * #withCancelOnShutdown(Duration)}.
   */
  public Optional<Duration> cancelOnShutdown() {
    return Optional.ofNullable(shutdownGrace);
  }

  @Override
  public String toString() {
    return "RunConfig[clock=" + clock + ", engine=" + (engine != null ? engine : "default")
        + ", schedulingBudget=" + schedulingBudget
        + (shutdownGrace != null ? ", cancelOnShutdown=" + shutdownGrace : "") + "]";
  }

  /** The options while a copy is being made. */
  private static final class Options {
    Clock clock;
    Engine engine;
    int schedulingBudget;
    Duration shutdownGrace;

    Options() {}

    Options(RunConfig c) {
      this.clock = c.clock;
      this.engine = c.engine;
      this.schedulingBudget = c.schedulingBudget;
      this.shutdownGrace = c.shutdownGrace;
    }
  }
}
