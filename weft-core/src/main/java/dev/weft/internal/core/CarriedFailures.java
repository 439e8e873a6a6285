package dev.weft.internal.core;

import dev.weft.CompositeException;
import dev.weft.cancel.CancelledError;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The failures that ride on a {@link CancelledError} as suppressed exceptions: what a scope or a
 * nursery that absorbs the error must pass on instead of dropping.
 */
final class CarriedFailures {
  /*
   * Implementation notes.
   *
   * Java attaches an exception raised while another one propagates as a suppressed exception of
   * the first: a try-with-resources close() that fails while a CancelledError unwinds the body
   * ends up inside the CancelledError. Python chains it the other way (the close's OSError
   * propagates, with Cancelled as its __context__), so in Trio the scope never sees the Cancelled
   * at all and the OSError goes on. We get the same outcome by looking inside: a scope catches
   * the CancelledError it caused (Trio's rule) and rethrows whatever else was riding on it. We
   * look through nested CancelledErrors (one caught, re-raised by a level-triggered scope, with
   * the first attached), and keep the order in which the failures were attached. An identity set
   * guards against a cycle of suppressed exceptions, which user code can build.
   * See CancelScopeFailuresTest and NurseryFailuresTest.
   */

  private CarriedFailures() {}

  /**
   * Appends the failures riding on {@code cancelled} to {@code into}, in order, skipping those
   * already there.
   *
   * @param cancelled the error being absorbed
   * @param into where the failures go
   */
  static void collect(CancelledError cancelled, List<Throwable> into) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<Throwable> todo = new ArrayDeque<>();
    todo.add(cancelled);
    while (!todo.isEmpty()) {
      Throwable c = todo.poll();
      if (!seen.add(c)) {
        continue;
      }
      for (Throwable s : c.getSuppressed()) {
        if (s instanceof CancelledError) {
          todo.add(s);
        } else if (!into.contains(s)) {
          into.add(s);
        }
      }
    }
  }

  /**
   * {@return the failure to rethrow when a scope absorbs {@code cancelled}: null when nothing
   * rides on it, the one failure as itself, or a {@link CompositeException} of several}
   *
   * @param cancelled the error being absorbed
   */
  static Throwable of(CancelledError cancelled) {
    if (cancelled.getSuppressed().length == 0) {
      return null; // the common case, without allocating
    }
    List<Throwable> failures = new ArrayList<>(2);
    collect(cancelled, failures);
    return combine(failures);
  }

  /**
   * {@return null for no failure, the one failure as itself, or a composite of several}
   *
   * @param failures the failures, in order
   */
  static Throwable combine(List<Throwable> failures) {
    return switch (failures.size()) {
      case 0 -> null;
      case 1 -> failures.get(0);
      default -> new CompositeException(failures);
    };
  }
}
