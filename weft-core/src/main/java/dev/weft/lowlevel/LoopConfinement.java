package dev.weft.lowlevel;

import dev.weft.internal.core.Core;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The loop a primitive belongs to: the one it is first used in. Every weft primitive (locks,
 * semaphores, events, conditions, barriers, limiters, queues, channels, parking lots) keeps one
 * and checks it first in every method, before it changes anything, so that use from another loop
 * or from a thread outside every loop fails the same way everywhere, with the same message.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * private final LoopConfinement confinement = new LoopConfinement();
 *
 * public boolean tryAcquire() {
 *   confinement.check("Gate.tryAcquire");
 *   ...
 * }
 * }
 *
 * <h2>Thread rules</h2>
 *
 * {@link #check} may be called from any thread: that is its point. The first call from a task or
 * loop callback binds the object to that loop for good.
 */
public final class LoopConfinement {
  private static final VarHandle LOOP;

  static {
    try {
      LOOP =
          MethodHandles.lookup().findVarHandle(LoopConfinement.class, "loop", EventLoop.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  // mutable state
  /** The loop, once bound; set once, by compare-and-set. */
  private volatile EventLoop loop;

  /*
   * Implementation notes.
   *
   * Objects are made anywhere (a field initialiser, before Weft.run), so binding happens at first
   * use, not at construction. The common case is one volatile read and a comparison with the
   * caller's loop (a scoped-value lookup); binding is a compare-and-set, so two loops racing for a
   * fresh object cannot both win. Loop callbacks (RunToken.runSyncSoon, EventLoop.callAt) count as
   * the loop, since they run on its thread and may reschedule its tasks. See LoopConfinementTest.
   */

  /** Creates an unbound confinement; the first {@link #check} binds it. */
  public LoopConfinement() {}

  /**
   * Creates a confinement bound to the caller's loop when the caller is a task or loop callback,
   * and unbound (bound by the first {@link #check}) otherwise. Objects that are made where they
   * are used, such as sockets and streams, bind at once, so that a hand-over to another loop
   * before their first use is refused too.
   *
   * @return a new confinement
   */
  public static LoopConfinement ofCurrentLoop() {
    LoopConfinement c = new LoopConfinement();
    c.loop = Core.currentLoopOrNull();
    return c;
  }

  /**
   * Checks that the caller runs in this object's loop, binding the object to the caller's loop if
   * this is its first use. Not a checkpoint; never blocks.
   *
   * @param api the public method the user called, as {@code "Type.method"}, for the message
   * @throws IllegalStateException if the caller is not a task or loop callback of any loop, or
   *     belongs to another loop than the one the object was first used in
   */
  public void check(String api) {
    EventLoop current = Core.currentLoopOrNull();
    if (current == null || current != loop) {
      refuseOrBind(current, api);
    }
  }

  /**
   * {@link #check(String)} for a type whose public name is only known at run time (a base class
   * shared by several public ones): the message names {@code type + "." + method}, and the name is
   * only put together when the check fails, so the common path allocates nothing.
   *
   * @param type the simple name of the public type the user called
   * @param method the method the user called
   * @throws IllegalStateException as {@link #check(String)}
   */
  public void check(String type, String method) {
    EventLoop current = Core.currentLoopOrNull();
    if (current == null || current != loop) {
      refuseOrBind(current, type + "." + method);
    }
  }

  /** The uncommon path of a check: binds a fresh object, or throws. */
  private void refuseOrBind(EventLoop current, String api) {
    EventLoop bound = loop;
    if (current != null && current == bound) {
      return;
    }
    if (current == null) {
      throw new IllegalStateException(
          api
              + " must be called from a weft task or loop callback, but thread '"
              + Thread.currentThread().getName()
              + "' is not running one. Use it inside the Weft.run(...) it belongs to; from another"
              + " thread, hand the call to that loop with RunToken.runSyncSoon(...) (asyncio:"
              + " loop.callSoonThreadsafe(...)).");
    }
    if (bound == null && LOOP.compareAndSet(this, null, current)) {
      return;
    }
    throw new IllegalStateException(
        api
            + ": this object belongs to another weft loop (the one it was first used in). weft"
            + " objects are bound to one loop: use it only from that loop's tasks, or hand the"
            + " work to that loop with its RunToken.runSyncSoon(...) (asyncio:"
            + " loop.callSoonThreadsafe(...)).");
  }

  /** {@return the loop this object is bound to, if it has been used yet} */
  public java.util.Optional<EventLoop> loop() {
    return java.util.Optional.ofNullable(loop);
  }
}
