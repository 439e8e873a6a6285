package dev.weft.asyncio;

import dev.weft.lowlevel.EventLoop;
import dev.weft.lowlevel.RunVar;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What the asyncio layer keeps per loop: the {@link Loop} face, the live tasks, the failed futures
 * whose exception nobody has looked at yet, and the exception handler.
 */
final class LoopState {
  private static final RunVar<LoopState> STATE = new RunVar<>("asyncio", () -> null);
  private static final System.Logger LOG = System.getLogger("dev.weft.asyncio");

  // immutable state
  final EventLoop eventLoop;
  final Loop loop;
  final Set<AsyncTask<?>> liveTasks = new LinkedHashSet<>();
  final Set<UnretrievedFailure> unretrieved = new LinkedHashSet<>();

  // mutable state
  BiConsumer<String, Throwable> exceptionHandler;

  private LoopState(EventLoop eventLoop) {
    this.eventLoop = eventLoop;
    this.loop = new Loop(this);
  }

  /** {@return the state of the given loop, made on first use} */
  static LoopState of(EventLoop ev) {
    LoopState s = STATE.get(ev);
    if (s == null) {
      s = new LoopState(ev);
      STATE.set(ev, s);
      ev.onClose(s::closed);
    }
    return s;
  }

  /** {@return the state of the running loop} */
  static LoopState current(String what) {
    return of(
        EventLoop.current()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no running event loop: "
                            + what
                            + " must be called from a task of a running loop (inside "
                            + "Asyncio.run(...) or Weft.run(...)); outside one, use the "
                            + "methods of a Loop object")));
  }

  /** Reports an error nobody else will see, through the loop's exception handler. */
  void report(String message, Throwable error) {
    BiConsumer<String, Throwable> h = exceptionHandler;
    if (h != null) {
      try {
        h.accept(message, error);
        return;
      } catch (Throwable t) {
        LOG.log(System.Logger.Level.ERROR, "the asyncio exception handler failed", t);
      }
    }
    LOG.log(System.Logger.Level.ERROR, message, error);
  }

  /**
   * {@return {@code o}'s toString(), or, when that throws, what Python's reprlib shows for a
   * broken repr: the class and identity} A message about a user's error must never fail in its
   * turn: that would lose the error, stop the reports after it, or crash the loop.
   */
  static String repr(Object o) {
    try {
      return String.valueOf(o);
    } catch (Throwable broken) {
      return "<"
          + o.getClass().getName()
          + " instance at 0x"
          + Integer.toHexString(System.identityHashCode(o))
          + ", its toString() threw "
          + broken.getClass().getSimpleName()
          + ">";
    }
  }

  private void closed() {
    // DESIGN.md invariant 6: a failure nobody looked at reaches the log when the loop closes.
    List<UnretrievedFailure> left = new ArrayList<>(unretrieved);
    unretrieved.clear();
    for (UnretrievedFailure u : left) {
      u.reportAtClose();
    }
  }
}
