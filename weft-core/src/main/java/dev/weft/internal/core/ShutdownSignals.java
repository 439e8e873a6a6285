package dev.weft.internal.core;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SIGINT and SIGTERM for the runs made with {@code RunConfig.withCancelOnShutdown}: the first
 * signal cancels them, a second one (or the end of the grace period) goes to the JVM's own
 * handler, which exits.
 */
final class ShutdownSignals {
  private static final List<String> SIGNALS = List.of("INT", "TERM");
  private static final System.Logger LOG = System.getLogger("dev.weft");

  // sun.misc.Signal, reached reflectively: javac warns about every direct use of sun.misc (a
  // warning no @SuppressWarnings silences), and the build treats warnings as errors.
  private static final Class<?> SIGNAL;
  private static final Class<?> HANDLER;
  private static final MethodHandle NEW_SIGNAL; // (String) Signal
  private static final MethodHandle HANDLE; // (Signal, SignalHandler) SignalHandler
  private static final MethodHandle CALL_HANDLER; // (SignalHandler, Signal) void
  private static final MethodHandle NAME; // (Signal) String
  private static final MethodHandle NUMBER; // (Signal) int
  private static final Object SIG_DFL;
  private static final Object SIG_IGN;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.publicLookup();
      SIGNAL = Class.forName("sun.misc.Signal");
      HANDLER = Class.forName("sun.misc.SignalHandler");
      NEW_SIGNAL =
          l.findConstructor(SIGNAL, MethodType.methodType(void.class, String.class))
              .asType(MethodType.methodType(Object.class, String.class));
      HANDLE =
          l.findStatic(SIGNAL, "handle", MethodType.methodType(HANDLER, SIGNAL, HANDLER))
              .asType(MethodType.methodType(Object.class, Object.class, Object.class));
      CALL_HANDLER =
          l.findVirtual(HANDLER, "handle", MethodType.methodType(void.class, SIGNAL))
              .asType(MethodType.methodType(void.class, Object.class, Object.class));
      NAME =
          l.findVirtual(SIGNAL, "getName", MethodType.methodType(String.class))
              .asType(MethodType.methodType(String.class, Object.class));
      NUMBER =
          l.findVirtual(SIGNAL, "getNumber", MethodType.methodType(int.class))
              .asType(MethodType.methodType(int.class, Object.class));
      SIG_DFL = HANDLER.getField("SIG_DFL").get(null);
      SIG_IGN = HANDLER.getField("SIG_IGN").get(null);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Our handler, a sun.misc.SignalHandler. */
  private static final Object OUR_HANDLER =
      Proxy.newProxyInstance(
          ShutdownSignals.class.getClassLoader(),
          new Class<?>[] {HANDLER},
          (proxy, method, args) -> {
            if (method.getName().equals("handle") && args != null && args.length == 1) {
              onSignal(args[0]);
              return null;
            }
            return switch (method.getName()) {
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == args[0];
              default -> "weft's shutdown signal handler";
            };
          });

  // mutable state, guarded by LOCK
  private static final ReentrantLock LOCK = new ReentrantLock();
  /** The runs that asked for it, with their grace periods. */
  private static final Map<RunHandleImpl<?>, Duration> RUNS = new LinkedHashMap<>();
  /** The runs a signal has cancelled: the next signal goes to the JVM. */
  private static final Map<RunHandleImpl<?>, Boolean> SIGNALLED = new HashMap<>();
  /** The handlers we replaced, to hand signals on to and to put back. */
  private static final Map<String, Object> PREVIOUS = new HashMap<>();

  /*
   * Implementation notes.
   *
   * sun.misc.Signal (module jdk.unsupported) is the JDK's supported way for libraries to handle
   * signals; a shutdown hook cannot do this job, because once a hook runs the JVM is already
   * exiting: a second Ctrl-C could not end the wait, and the program could not go on after the run.
   * Handlers are process-wide, so we install ours when the first run that wants them starts and
   * put the JVM's back when the last one ends. A signal is handled on a thread of the JVM's own;
   * it only posts cancels into the runs' inboxes and starts a daemon watchdog per run that waits at
   * most the grace period for the run to end, then hands the signal on. The JVM's default handler
   * for INT and TERM calls Shutdown.exit(128 + signal number): status 130 or 143, hooks run. This
   * is asyncio.Runner's SIGINT handling (cancel the main task; a second Ctrl-C raises
   * KeyboardInterrupt at once) with a grace period added. See ShutdownSignalTest (real child JVMs,
   * real kill -INT / -TERM).
   */

  private ShutdownSignals() {}

  /** Starts handling the signals for {@code run}; the run's thread, before its loop runs. */
  static void register(RunHandleImpl<?> run, Duration grace) {
    LOCK.lock();
    try {
      if (RUNS.isEmpty()) {
        for (String name : SIGNALS) {
          try {
            PREVIOUS.put(name, HANDLE.invokeExact(NEW_SIGNAL.invokeExact(name), OUR_HANDLER));
          } catch (Throwable e) {
            // -Xrs, or a signal the platform or the JVM reserves: leave it to the JVM
            LOG.log(System.Logger.Level.DEBUG, "weft: cannot handle SIG" + name + ": " + e);
          }
        }
      }
      RUNS.put(run, grace);
    } finally {
      LOCK.unlock();
    }
  }

  /** Stops handling them for {@code run}; the run's thread, once its run has ended. */
  static void unregister(RunHandleImpl<?> run) {
    LOCK.lock();
    try {
      RUNS.remove(run);
      SIGNALLED.remove(run);
      if (RUNS.isEmpty()) {
        PREVIOUS.forEach(
            (name, handler) -> {
              try {
                Object unused = HANDLE.invokeExact(NEW_SIGNAL.invokeExact(name), handler);
              } catch (Throwable e) {
                LOG.log(System.Logger.Level.DEBUG, "weft: cannot restore SIG" + name + ": " + e);
              }
            });
        PREVIOUS.clear();
      }
    } finally {
      LOCK.unlock();
    }
  }

  private static void onSignal(Object sig) {
    String name;
    try {
      name = (String) NAME.invokeExact(sig);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
    List<RunHandleImpl<?>> fresh = new ArrayList<>();
    List<Duration> graces = new ArrayList<>();
    boolean again = false;
    Object previous;
    LOCK.lock();
    try {
      previous = PREVIOUS.get(name);
      for (Map.Entry<RunHandleImpl<?>, Duration> e : RUNS.entrySet()) {
        if (SIGNALLED.putIfAbsent(e.getKey(), Boolean.TRUE) == null) {
          fresh.add(e.getKey());
          graces.add(e.getValue());
        } else {
          again = true;
        }
      }
    } finally {
      LOCK.unlock();
    }
    if (again || fresh.isEmpty()) {
      // a second signal while a run winds down: end at once, as the JVM would have
      handOn(sig, previous);
      return;
    }
    for (int i = 0; i < fresh.size(); i++) {
      RunHandleImpl<?> run = fresh.get(i);
      Duration grace = graces.get(i);
      run.cancelWithReason(
          "SIG"
              + name
              + " received: shutting down (RunConfig.withCancelOnShutdown gives the tasks "
              + grace
              + " to finish; a second signal ends the JVM at once)");
      Thread.ofPlatform()
          .daemon()
          .name("weft-shutdown-grace")
          .start(
              () -> {
                try {
                  if (!run.awaitEnded(grace.toNanos())) {
                    handOn(sig, previous);
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
    }
  }

  /** Gives {@code sig} to the handler we replaced: for INT and TERM the JVM's, which exits. */
  private static void handOn(Object sig, Object previous) {
    try {
      if (previous != null && previous != SIG_DFL && previous != SIG_IGN) {
        CALL_HANDLER.invokeExact(previous, sig);
      } else if (previous != SIG_IGN) {
        System.exit(128 + (int) NUMBER.invokeExact(sig));
      }
    } catch (Throwable e) {
      throw new IllegalStateException("weft could not pass a signal on to the JVM", e);
    }
  }
}
