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
  private static final Executor JDK_SCHEDULER;
  private static final String FAST_UNAVAILABLE;
  private static volatile Engine defaultEngine;

  static {
    MethodHandle ctor = null;
    MethodHandle scheduler = null;
    MethodHandle continuation = null;
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

  /** {@return the JDK's default scheduler for virtual threads} */
  static Executor jdkScheduler() {
    return JDK_SCHEDULER;
  }

  /** {@return whether the fast engine can be used in this JVM} */
  public static boolean fastAvailable() {
    return VIRTUAL_BUILDER_CTOR != null;
  }

  /** {@return the engine chosen by {@code weft.engine}, or the best available one} */
  public static Engine defaultEngine() {
    Engine e = defaultEngine;
    if (e == null) {
      e = chooseDefault();
      defaultEngine = e;
    }
    return e;
  }

  private static Engine chooseDefault() {
    String prop = SystemProps.engine();
    switch (prop) {
      case "fast" -> {
        if (!fastAvailable()) {
          throw fastUnavailable();
        }
        return Engine.FAST;
      }
      case "portable" -> {
        return Engine.PORTABLE;
      }
      case "" -> {
        if (fastAvailable()) {
          return Engine.FAST;
        }
        System.err.println(
            "weft: the fast engine needs the JVM flag "
                + ADD_OPENS
                + " (=dev.weft on the module path); using the portable engine "
                + "(-Dweft.engine=portable chooses it and silences this line)");
        return Engine.PORTABLE;
      }
      default ->
          throw new IllegalArgumentException(
              "-Dweft.engine=" + prop + " names no engine: use fast or portable, or leave it unset");
    }
  }

  /**
   * Makes a fresh driver for one run.
   *
   * @param engine the engine
   * @return the driver
   */
  public static EngineDriver newDriver(Engine engine) {
    if (engine == Engine.PORTABLE) {
      return new PortableEngine();
    }
    if (!fastAvailable()) {
      throw fastUnavailable();
    }
    return new FastEngine();
  }

  private static IllegalStateException fastUnavailable() {
    return new IllegalStateException(
        "the fast engine was asked for but cannot be reached ("
            + FAST_UNAVAILABLE
            + "): start the JVM with "
            + ADD_OPENS
            + " (or =dev.weft on the module path), or use Engine.PORTABLE");
  }

  static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        // The loop has no way to stop half-way; finish it and pass the interrupt on.
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
