package dev.weft;

/**
 * How a loop carries task code: both engines run at most one task of a loop at a time, on
 * virtual threads, and differ in speed and in what a foreign blocking call does.
 *
 * <p>The default comes from the system property {@code weft.engine} ({@code fast} or {@code
 * portable}); when it is unset, weft uses {@link #FAST}. There is no silent fallback: a loop that
 * should run on the fast engine in a JVM that cannot reach it fails to start, with an {@link
 * IllegalStateException} that names the flag to add and how to choose {@link #PORTABLE} knowingly.
 * A run can choose its engine with {@link RunConfig#withEngine(Engine)}, so one JVM can run loops
 * of both kinds.
 */
public enum Engine {
  /**
   * Each task is a virtual thread whose scheduler is the loop itself, so only the loop's thread
   * ever runs task code. Task switches cost a few hundred nanoseconds, and a task that calls a
   * plain blocking JDK API (a socket read, {@code Thread.sleep}) parks only itself: the loop runs
   * the other tasks meanwhile. When a cancel scope around such a call is cancelled, weft
   * interrupts the call, and the {@code InterruptedException} (or {@code
   * ClosedByInterruptException}, ...) it throws is that scope's cancellation: the scope catches
   * it and the task's interrupt status is cleared. Needs {@code --add-opens
   * java.base/java.lang=ALL-UNNAMED} (or {@code =dev.weft} on the module path).
   */
  FAST,

  /**
   * Each task is an ordinary virtual thread and the loop hands a turn token from task to task.
   * Uses public JDK API only; switches cost a few times more than {@link #FAST}, and a foreign
   * blocking call holds the turn and stalls the loop until it returns, as it would in asyncio: no
   * deadline can interrupt it, and its cancellation arrives at the next checkpoint.
   */
  PORTABLE;

  /**
   * {@return the engine runs use when they do not choose one}
   *
   * <p>This reads {@code weft.engine} once per JVM: {@code portable} means {@link #PORTABLE};
   * {@code fast}, or no value, means {@link #FAST}.
   *
   * @throws IllegalStateException if that is {@link #FAST} and this JVM cannot reach it (it was
   *     started without {@code --add-opens java.base/java.lang=ALL-UNNAMED}); the message says
   *     how to add the flag or choose {@link #PORTABLE}
   * @throws IllegalArgumentException if the property names no engine
   */
  public static Engine defaultEngine() {
    return dev.weft.internal.engine.Engines.defaultEngine();
  }

  /** {@return whether this JVM can run loops on this engine} */
  public boolean isAvailable() {
    return this == PORTABLE || dev.weft.internal.engine.Engines.fastAvailable();
  }
}
