package dev.weft.internal.io;

/**
 * What the loop waits on when it has nothing to run: the seam where I/O plugs in (Trio's {@code
 * IOManager}, Netty's {@code IoHandler}). {@link ParkingIoManager} only parks; {@link
 * SelectorIoManager} blocks in a {@link java.nio.channels.Selector} and wakes the tasks whose
 * channels are ready.
 *
 * <p>The loop thread calls {@link #waitForEvents} and {@link #close}; any thread calls {@link
 * #wakeup} to end a wait early. A loop has exactly one I/O manager for its whole life.
 */
public abstract class IoManager {
  /**
   * Waits this long or longer count as "no limit": a day is far past any real deadline a loop
   * waits for, and keeps the nanosecond arithmetic from overflowing.
   */
  public static final double MAX_WAIT_SECONDS = 86_400;

  // mutable state
  /** Set by {@link #wakeup}, cleared by the loop when its wait ends. */
  private volatile boolean pending;

  /** The thread waiting in {@link #waitForEvents}, or null when nobody waits. */
  private volatile Thread sleeper;

  /*
   * Implementation notes.
   *
   * The wake-up protocol lives here, once, so that every I/O manager gets it right; a subclass
   * only says how to block (blockOnce), how to poll without blocking (poll) and how to end a
   * block in progress (interruptBlock).
   *
   * `pending` and `sleeper` form a Dekker pair: wakeup() writes `pending` then reads `sleeper`;
   * waitForEvents() writes `sleeper` then reads `pending`. Both are volatile, so at least one side
   * sees the other's write: either the waker sees the sleeper and ends its block, or the sleeper
   * sees the wake-up and does not block. A block may also end for no reason (a stray unpark
   * permit: on the portable engine the loop thread parks in its turn hand-offs too; a selector
   * wake-up left over from an earlier post), so the wait loops on `pending` and on the deadline,
   * and a stray return never looks like an idle loop.
   *
   * Anything a subclass needs in order to end a block (SelectorIoManager's lazily opened
   * selector) must be published before the loop next sets `sleeper`; the waker reads it after
   * reading `sleeper`, so it sees the same one the loop blocks in.
   *
   * The loop clears `pending` when its wait ends and before it drains its inbox (RunLoop#cycle),
   * so a post whose wake-up found `pending` already set is still seen by that drain. A wake-up that
   * lands after the drain stays pending and ends the next wait at once: the loop then runs one
   * cycle that finds nothing, which costs a little and, because waitForEvents reports it, never
   * makes the loop believe it was idle (the autojump and awaitAllTasksBlocked priming).
   * See ParkingIoManagerTest.
   */

  /** For subclasses. */
  protected IoManager() {}

  /**
   * Waits until {@link #wakeup} is called, I/O events arrive, or the timeout passes, and handles
   * the events (reschedules the tasks they are for). With a timeout of zero or less it only
   * handles the events that are there now. Loop thread only.
   *
   * <p>A wake-up that comes while nobody waits is kept for the next call, so the wake-up that
   * follows a cross-thread post is never lost (the loop may be between its last look at the inbox
   * and its wait). An interrupt of the loop thread neither ends the wait nor is kept.
   *
   * @param timeoutSeconds how long to wait at most; {@code Double.POSITIVE_INFINITY} for no limit
   * @return whether a wake-up or an event ended the wait or was handled (so the loop was not idle
   *     for the whole timeout)
   */
  public final boolean waitForEvents(double timeoutSeconds) {
    if (timeoutSeconds <= 0) {
      pending = false;
      return poll();
    }
    long deadline =
        timeoutSeconds >= MAX_WAIT_SECONDS
            ? Long.MAX_VALUE
            : System.nanoTime() + (long) (timeoutSeconds * 1e9);
    boolean progress = false;
    sleeper = Thread.currentThread();
    try {
      while (!(progress = pending)) {
        double left =
            deadline == Long.MAX_VALUE
                ? Double.POSITIVE_INFINITY
                : (deadline - System.nanoTime()) / 1e9;
        if (left <= 0) {
          break;
        }
        progress = blockOnce(left);
        // weft never interrupts the loop thread; an interrupt from outside must not turn the
        // block into a spin.
        Thread.interrupted();
        if (progress) {
          break;
        }
      }
    } finally {
      sleeper = null;
    }
    pending = false;
    return progress;
  }

  /** Ends the current or the next {@link #waitForEvents} wait. Any thread; never blocks. */
  public final void wakeup() {
    if (pending) {
      return; // the loop has not consumed the last wake-up yet; it will see this post too
    }
    pending = true;
    Thread s = sleeper;
    if (s != null) {
      interruptBlock(s);
    }
  }

  /**
   * Blocks once, for at most the timeout; may return early for no reason. Loop thread only.
   *
   * @param timeoutSeconds more than zero; {@link #MAX_WAIT_SECONDS} or more means no limit
   * @return whether it handled I/O events (made tasks runnable)
   */
  protected abstract boolean blockOnce(double timeoutSeconds);

  /**
   * Handles the I/O events that are there now, without blocking. Loop thread only.
   *
   * @return whether it handled any
   */
  protected abstract boolean poll();

  /**
   * Ends a {@link #blockOnce} in progress on {@code sleeper}, or the next one. Any thread.
   *
   * @param sleeper the loop thread, blocked or about to block
   */
  protected abstract void interruptBlock(Thread sleeper);

  /** Releases what the manager holds; the loop has no task left. Loop thread only. */
  public void close() {}
}
