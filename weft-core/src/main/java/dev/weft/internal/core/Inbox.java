package dev.weft.internal.core;

import dev.weft.internal.io.IoManager;
import dev.weft.lowlevel.RunToken;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A loop's cross-thread inbox: callbacks that other threads hand to the loop, run on the loop
 * thread in the order they were posted. It is the loop's {@link RunToken}.
 */
public final class Inbox implements RunToken {
  // immutable state
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final IoManager io;

  // mutable state
  /** Set once, by the loop thread, when the loop has finished; posts are refused from then on. */
  private volatile boolean closed;

  /*
   * Implementation notes.
   *
   * This is Trio's entry queue (`_core/_entry_queue.py`): a thread-safe queue plus a wake-up of
   * the loop through its I/O manager, so that a loop waiting for I/O or a timer notices a post at
   * once. Posting never blocks and never takes a lock. Only the loop thread drains, and it drains
   * after every wait (RunLoop#cycle), so a callback waits at most one cycle.
   *
   * Closing is racy by nature: a post may pass the `closed` check just before the loop closes and
   * add its callback after the loop's last drain. tryRunSyncSoon() re-checks `closed` after adding
   * and, if the loop closed meanwhile, takes its callback back and says no, so a callback is either
   * run or refused, never silently dropped. (If the final drain took it first, remove() fails and
   * the callback has run: the caller is told yes, which is right.)
   */

  Inbox(IoManager io) {
    this.io = io;
  }

  @Override
  public void runSyncSoon(Runnable callback) {
    if (!tryRunSyncSoon(callback)) {
      throw new IllegalStateException(
          "RunToken.runSyncSoon: this weft run has finished, so nothing can be scheduled on its "
              + "loop any more. Use tryRunSyncSoon where the loop may have ended and there is "
              + "nothing to do then.");
    }
  }

  @Override
  public boolean tryRunSyncSoon(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    if (closed) {
      return false;
    }
    post(callback);
    return !(closed && queue.remove(callback));
  }

  /**
   * Adds a callback and wakes the loop; the runtime's own posts (foreign wake-ups) use this
   * directly, since a task that is still alive keeps its loop open.
   *
   * @param r what to run on the loop thread
   */
  void post(Runnable r) {
    queue.add(r);
    io.wakeup();
  }

  /**
   * Runs every callback posted so far, and those posted while it runs. Loop thread only.
   *
   * @param onFailure what to do with a callback's exception (the loop crashes the run)
   * @return how many callbacks ran
   */
  int drain(Consumer<Throwable> onFailure) {
    int ran = 0;
    Runnable r;
    while ((r = queue.poll()) != null) {
      ran++;
      try {
        r.run();
      } catch (Throwable t) {
        onFailure.accept(t);
      }
    }
    return ran;
  }

  /** Refuses posts from now on; the loop drains once more afterwards. Loop thread only. */
  void close() {
    closed = true;
  }

  /** {@return how many callbacks wait to run} */
  int size() {
    return queue.size();
  }
}
