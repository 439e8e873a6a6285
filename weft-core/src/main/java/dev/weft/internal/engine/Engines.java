package dev.weft.internal.engine;

import dev.weft.Engine;
import dev.weft.internal.util.SystemProps;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.concurrent.Executor;

/** Finds out which engines this JVM can run, and makes the driver for one run. */
public final class Engines {
  private static final String ADD_OPENS = "--add-opens java.base/java.lang=ALL-UNNAMED";
  private static final MethodHandle VIRTUAL_BUILDER_CTOR;
  private static final MethodHandle VIRTUAL_BUILDER_SCHEDULER;
  private static final MethodHandle VIRTUAL_THREAD_CONTINUATION;
  private static final MethodHandle VIRTUAL_THREAD_SCHEDULER;
  private static final Executor JDK_SCHEDULER;
  private static final String FAST_UNAVAILABLE;
  private static volatile Engine defaultEngine;
  private static final System.Logger LOG = System.getLogger("dev.weft");

  static {
    MethodHandle ctor = null;
    MethodHandle scheduler = null;
    MethodHandle continuation = null;
    MethodHandle threadScheduler = null;
    Executor jdkScheduler = null;
    String why = null;
    try {
      Class<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
      Constructor<?> k = c.getDeclaredConstructor(Executor.class);
      k.setAccessible(true);
      ctor = MethodHandles.lookup().unreflectConstructor(k);
      try {
        // Optional: lets the fast engine reuse one builder per loop (see FastEngine).
        Field f = c.getDeclaredField("scheduler");
        f.setAccessible(true);
        scheduler =
            MethodHandles.lookup()
                .unreflectSetter(f)
                .asType(MethodType.methodType(void.class, Object.class, Executor.class));
      } catch (ReflectiveOperationException | RuntimeException e) {
        scheduler = null;
      }
      try {
        // Needed so that virtual threads a task starts run on the JDK's scheduler (see
        // FastEngine's notes): each virtual thread's one continuation runnable, and the JDK's
        // default scheduler to hand foreign ones to.
        Class<?> vt = Class.forName("java.lang.VirtualThread");
        Field f = vt.getDeclaredField("runContinuation");
        f.setAccessible(true);
        continuation =
            MethodHandles.lookup()
                .unreflectGetter(f)
                .asType(MethodType.methodType(Runnable.class, Thread.class));
        java.lang.reflect.Method m = vt.getDeclaredMethod("defaultScheduler");
        m.setAccessible(true);
        jdkScheduler = (Executor) m.invoke(null);
        try {
          // Optional: lets a fast-engine task find itself from its thread without binding a
          // ScopedValue (see FastEngine#currentTask).
          Field s = vt.getDeclaredField("scheduler");
          s.setAccessible(true);
          threadScheduler =
              MethodHandles.lookup()
                  .unreflectGetter(s)
                  .asType(MethodType.methodType(Executor.class, Thread.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
          threadScheduler = null;
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        why = "this JDK's java.lang.VirtualThread is not the one weft knows (" + e + ")";
        ctor = null;
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      why = e.toString();
    }
    VIRTUAL_BUILDER_CTOR = ctor;
    VIRTUAL_BUILDER_SCHEDULER = scheduler;
    VIRTUAL_THREAD_CONTINUATION = continuation;
    VIRTUAL_THREAD_SCHEDULER = threadScheduler;
    JDK_SCHEDULER = jdkScheduler;
    FAST_UNAVAILABLE = why;
  }

  private Engines() {}

  static MethodHandle virtualBuilderCtor() {
    return VIRTUAL_BUILDER_CTOR;
  }

  /** {@return a setter for a builder's scheduler, or null if this JDK has no such field} */
  static MethodHandle virtualBuilderScheduler() {
    return VIRTUAL_BUILDER_SCHEDULER;
  }

  /** {@return a getter from a virtual thread to its one continuation runnable} */
  static MethodHandle virtualThreadContinuation() {
    return VIRTUAL_THREAD_CONTINUATION;
  }

  /** {@return a getter from a virtual thread to its scheduler, or null if this JDK has none} */
  static MethodHandle virtualThreadScheduler() {
    return VIRTUAL_THREAD_SCHEDULER;
  }

  /**
   * {@return the runtime's task object of the fast-engine task whose thread is calling, or null}
   * Null on any other thread (a platform thread, a loop thread between steps, a portable-engine
   * task, a virtual thread that task code started): those find their task some other way.
   */
  public static Object currentFastTask() {
    return FastEngine.currentTask();
  }

  /** {@return the JDK's default scheduler for virtual threads} */
  static Executor jdkScheduler() {
    return JDK_SCHEDULER;
  }

  /** {@return whether the fast engine can be used in this JVM} */
  public static boolean fastAvailable() {
    return VIRTUAL_BUILDER_CTOR != null;
  }

  /**
   * {@return the engine chosen by {@code weft.engine}, or the fast one when it is unset}
   *
   * @throws IllegalStateException if the fast engine is meant (named or by default) but cannot be
   *     reached; the message says how to fix it
   * @throws IllegalArgumentException if {@code weft.engine} names no engine
   */
  public static Engine defaultEngine() {
    return defaultEngine("Engine.defaultEngine");
  }

  /**
   * {@return the engine a run will use: {@code chosen}, or the default}
   *
   * @param chosen the engine the run chose, or null
   * @param what the public call that starts the loop, for error messages
   * @throws IllegalStateException if that engine cannot be reached in this JVM
   */
  public static Engine resolve(Engine chosen, String what) {
    Engine e = chosen != null ? chosen : defaultEngine(what);
    if (e == Engine.FAST && !fastAvailable()) {
      throw fastUnavailable(what, false);
    }
    return e;
  }

  private static Engine defaultEngine(String what) {
    Engine e = defaultEngine;
    if (e == null) {
      e = chooseDefault(what);
      defaultEngine = e;
    }
    return e;
  }

  /*
   * Why no silent fallback. Until issue 13, an unset weft.engine without the flag meant "portable,
   * with one line on stderr". In a trial that made a 10-way HTTP fetcher sequential and let a 3 s
   * response pass a 1 s timeout, unnoticed: the portable engine cannot cancel a blocking JDK call.
   * So the default is the fast engine, and a JVM that cannot reach it fails at the call that starts
   * a loop, saying how to get it or how to choose the portable engine knowingly. Choosing it
   * (property or RunConfig) is then silent; weft logs the choice at DEBUG through System.Logger.
   */
  private static Engine chooseDefault(String what) {
    String prop = SystemProps.engine();
    switch (prop) {
      case "fast", "" -> {
        if (!fastAvailable()) {
          throw fastUnavailable(what, prop.isEmpty());
        }
        return Engine.FAST;
      }
      case "portable" -> {
        LOG.log(
            System.Logger.Level.DEBUG,
            "weft: -Dweft.engine=portable: loops default to the portable engine{0}",
            fastAvailable() ? "" : " (the fast engine is not reachable in this JVM)");
        return Engine.PORTABLE;
      }
      default ->
          throw new IllegalArgumentException(
              what
                  + ": -Dweft.engine="
                  + prop
                  + " names no engine: use fast or portable, or leave it unset");
    }
  }

  /**
   * Makes a fresh driver for one run.
   *
   * @param engine the engine the run chose, or null for {@link #defaultEngine()}
   * @param what the public call that starts the loop, for error messages
   * @return the driver
   * @throws IllegalStateException if the engine cannot be reached in this JVM
   */
  public static EngineDriver newDriver(Engine engine, String what) {
    Engine e = engine != null ? engine : defaultEngine(what);
    if (e == Engine.PORTABLE) {
      return new PortableEngine();
    }
    if (!fastAvailable()) {
      throw fastUnavailable(what, false);
    }
    return new FastEngine();
  }

  private static IllegalStateException fastUnavailable(String what, boolean byDefault) {
    return new IllegalStateException(
        what
            + " cannot start a loop: "
            + (byDefault
                ? "no engine was chosen, and the default, fast engine"
                : "the fast engine was chosen, but it")
            + " cannot be reached in this JVM ("
            + FAST_UNAVAILABLE
            + "). It needs the JVM flag "
            + ADD_OPENS
            + " (--add-opens java.base/java.lang=dev.weft when weft is on the module path; for an"
            + " executable jar, the manifest attribute 'Add-Opens: java.base/java.lang'). Or"
            + " accept the portable engine knowingly with -Dweft.engine=portable or"
            + " RunConfig.withEngine(Engine.PORTABLE): it runs the same programs, but its task"
            + " switches cost several times more, and a task blocked in a plain JDK call (a socket"
            + " read, HttpClient.send, Thread.sleep, JDBC) holds the whole loop and cannot be"
            + " cancelled or timed out until the call returns.");
  }

  /** A wait that an interrupt can end early. */
  @FunctionalInterface
  interface InterruptibleWait {
    void await() throws InterruptedException;
  }

  /**
   * Waits for a loop to end, whatever interrupts arrive meanwhile, then passes them on: the loop
   * has no way to stop half-way.
   *
   * @param w the wait ({@code thread::join}, {@code latch::await})
   */
  static void awaitUninterruptibly(InterruptibleWait w) {
    boolean interrupted = false;
    while (true) {
      try {
        w.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  static void rethrow(Throwable t) {
    if (t == null) {
      return;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException("the weft loop failed with a checked exception", t);
  }
}
