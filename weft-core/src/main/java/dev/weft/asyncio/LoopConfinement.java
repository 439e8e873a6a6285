package dev.weft.asyncio;

import dev.weft.lowlevel.EventLoop;

/**
 * The loop an asyncio stream object (reader, writer, server) belongs to: the one it was made in,
 * or the first to use it. Every other thread and loop is refused with an error naming the way in.
 */
final class LoopConfinement {
  // mutable state
  private EventLoop loop = EventLoop.current().orElse(null);

  /**
   * Checks the caller, binding an unbound object to the caller's loop.
   *
   * @param api the public method, for the error message
   * @param what the object, for the error message
   * @throws IllegalStateException if the caller is not in the object's loop
   */
  void check(String api, Object what) {
    EventLoop current = EventLoop.current().orElse(null);
    if (current != null && (loop == null || loop == current)) {
      loop = current;
      return;
    }
    String where =
        current == null
            ? "thread '" + Thread.currentThread().getName() + "', which runs no weft loop"
            : "a task of another weft loop";
    throw new IllegalStateException(
        api + " was called from " + where + ". " + what + " belongs to the loop that made it: "
            + "call it from that loop, or hand the call over with loop.callSoonThreadsafe(...).");
  }
}
