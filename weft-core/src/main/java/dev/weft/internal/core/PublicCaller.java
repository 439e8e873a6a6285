package dev.weft.internal.core;

import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.Iterator;

/**
 * Finds the public weft method the user called, for error messages: an error raised deep inside
 * (a primitive's checkpoint, the lookup of the current task) names what the user wrote, {@code
 * Lock.acquire}, not the helper that found the problem, {@code Scheduling.checkpointIfCancelled}.
 */
final class PublicCaller {
  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  /*
   * Implementation notes.
   *
   * Only error paths call this, so a stack walk is affordable. From the innermost frame outwards
   * we skip weft's internals, remember the last public method of a public class of an exported
   * weft package, go through weft's non-public helpers (package-private classes, lambdas), and
   * stop at the first frame outside weft's packages: the user's code. The outermost public weft
   * method before it is the one the user called. Test classes share weft's package names but are
   * not public, so they are passed over like helpers, and the search stops at JUnit's frames.
   * See PublicCallerTest.
   */

  private PublicCaller() {}

  /**
   * {@return the public weft method the current thread's user code called, as {@code
   * Type.method}, or {@code fallback} if there is none on the stack}
   *
   * @param fallback the name the caller of this method knows
   */
  static String name(String fallback) {
    String found =
        WALKER.walk(
            frames -> {
              String last = null;
              for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext(); ) {
                StackWalker.StackFrame f = it.next();
                Class<?> c = f.getDeclaringClass();
                String pkg = c.getPackageName();
                if (!pkg.equals("dev.weft") && !pkg.startsWith("dev.weft.")) {
                  break; // the user's code
                }
                if (pkg.startsWith("dev.weft.internal") || pkg.startsWith("dev.weft.examples")) {
                  continue;
                }
                if (isPublicApi(c, f)) {
                  last = c.getSimpleName() + "." + f.getMethodName();
                }
              }
              return last;
            });
    return found != null ? found : fallback;
  }

  private static boolean isPublicApi(Class<?> c, StackWalker.StackFrame f) {
    for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    MethodType type = f.getMethodType();
    try {
      return Modifier.isPublic(
          c.getDeclaredMethod(f.getMethodName(), type.parameterArray()).getModifiers());
    } catch (NoSuchMethodException e) {
      // a constructor (<init>) of a public class counts: "new Lock()" is called by its name
      return f.getMethodName().equals("<init>");
    }
  }
}
