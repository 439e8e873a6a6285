package dev.weft.asyncio;

import dev.weft.Checkpoint;
import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Scheduling;

/**
 * asyncio's {@code Lock}: a mutex with asyncio's rules, for code ported from asyncio.
 *
 * <p>It differs from {@link dev.weft.sync.Lock} (Trio's rules) in the ways asyncio programs rely
 * on: it has no owner, so any task, or a loop callback, may {@link #release()} it; {@link
 * #acquire()} returns {@code true}; and a release does not hand the lock over: it wakes the first
 * waiter, which takes the lock when it runs (no other task can barge in meanwhile). A woken waiter
 * that is cancelled before it runs does not take the lock and wakes the next one instead.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * AsyncLock lock = new AsyncLock();
 * lock.acquire();          // async with lock:
 * try {
 *   update();
 * } finally {
 *   lock.release();
 * }
 * }
 *
 * <h2>Checkpoints</h2>
 *
 * {@code acquire} is a checkpoint on every call, even when the lock is free (asyncio does not
 * yield then; weft's rule is that every blocking call is a checkpoint). {@code release} and
 * {@code locked} never block.
 *
 * <h2>Fairness</h2>
 *
 * Waiters are woken first come, first served.
 *
 * <h2>Thread rules</h2>
 *
 * Loop-bound: call it from the tasks and callbacks of one loop.
 */
public final class AsyncLock {
  // immutable state
  private final WakeQueue waiters = new WakeQueue();

  // mutable state
  private boolean locked;

  /*
   * Implementation notes.
   *
   * asyncio's Lock on WakeQueue. The fast path takes the lock only if it is free and nobody waits,
   * woken waiters included (asyncio's "all(w.cancelled() for w in waiters)"). release() clears
   * `locked` and wakes the first waiter unless one is already woken and on its way. A waiter that
   * leaves without the lock (cancelled while parked or after being woken) wakes the next one if
   * the lock is still free, so a free lock never has waiters nobody will wake.
   * Invariant: !locked && waiters.parked() > 0 implies waiters.woken() > 0, once the loop has run
   * the pending wake-ups. See AsyncLockTest.
   */

  /** Creates an unlocked lock. */
  public AsyncLock() {}

  /**
   * Acquires the lock, waiting while it is held. This method is a checkpoint.
   *
   * @return true
   * @throws CancelledError if cancelled before getting the lock (it is then not held)
   * @throws IllegalStateException if not called from a task
   */
  @Checkpoint
  public boolean acquire() {
    waiters.check("AsyncLock.acquire");
    Scheduling.checkpointIfCancelled();
    if (!locked && waiters.size() == 0) {
      locked = true;
      Scheduling.cancelShieldedCheckpoint();
      return true;
    }
    try {
      waiters.park(() -> {});
    } catch (CancelledError e) {
      if (!locked) {
        wakeUpFirst();
      }
      throw e;
    }
    locked = true;
    return true;
  }

  /**
   * Releases the lock and wakes the first waiter. Any task or loop callback may call it. Never
   * blocks; not a checkpoint.
   *
   * @throws IllegalStateException if the lock is not held (asyncio's RuntimeError)
   */
  public void release() {
    waiters.check("AsyncLock.release");
    if (!locked) {
      throw new IllegalStateException(
          "AsyncLock.release: the lock is not acquired; call release() once per acquire()");
    }
    locked = false;
    wakeUpFirst();
  }

  /** {@return whether the lock is held} */
  public boolean locked() {
    waiters.check("AsyncLock.locked");
    return locked;
  }

  /** {@return the number of tasks waiting, including those woken that have not run yet} */
  int waiting() {
    return waiters.size();
  }

  private void wakeUpFirst() {
    if (waiters.woken() == 0) {
      waiters.wakeFirst();
    }
  }

  @Override
  public String toString() {
    return "AsyncLock[" + (locked ? "locked" : "unlocked") + ", waiters:" + waiters.size() + "]";
  }
}
