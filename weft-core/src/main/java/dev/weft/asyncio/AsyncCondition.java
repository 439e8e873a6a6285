package dev.weft.asyncio;

import dev.weft.Checkpoint;
import dev.weft.cancel.CancelScope;
import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Scheduling;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * asyncio's {@code Condition}: tasks wait for a notification while holding an {@link AsyncLock},
 * with asyncio's rules.
 *
 * <p>{@link #await()} releases the lock, waits for {@link #signal(int)} or {@link #signalAll()},
 * and acquires the lock again before it returns {@code true}. The woken waiters all become
 * runnable at once and take the lock one after another. {@link #awaitFor(Supplier)} returns the
 * predicate's value. Java's {@code Object.wait/notify/notifyAll} are final, so asyncio's {@code
 * wait}, {@code notify(n)}, {@code notify_all} are {@code await}, {@code signal(n)}, {@code
 * signalAll}, as in {@link dev.weft.sync.Condition} (Trio's rules).
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * AsyncCondition cond = new AsyncCondition();
 * cond.acquire();
 * try {
 *   Item item = cond.awaitFor(() -> items.pollFirst());   // waits until it is non-null
 * } finally {
 *   cond.release();
 * }
 * }
 *
 * <h2>Cancellation</h2>
 *
 * A cancelled {@code await} still re-acquires the lock before it throws, so the caller's {@code
 * finally} can release it. If it had been notified, it passes the notification on to another
 * waiter (asyncio 3.13), so none is lost.
 *
 * <h2>Thread rules</h2>
 *
 * Loop-bound: call it from the tasks and callbacks of one loop.
 */
public final class AsyncCondition {
  // immutable state
  private final AsyncLock lock;
  private final WakeQueue waiters = new WakeQueue();

  /** Creates a condition with a lock of its own. */
  public AsyncCondition() {
    this(new AsyncLock());
  }

  /**
   * Creates a condition on an existing lock.
   *
   * @param lock the lock
   */
  public AsyncCondition(AsyncLock lock) {
    this.lock = Objects.requireNonNull(lock, "lock");
  }

  /**
   * Acquires the underlying lock. This method is a checkpoint.
   *
   * @return true
   * @throws CancelledError if cancelled before getting the lock
   */
  @Checkpoint
  public boolean acquire() {
    return lock.acquire();
  }

  /**
   * Releases the underlying lock. Never blocks; not a checkpoint.
   *
   * @throws IllegalStateException if the lock is not held
   */
  public void release() {
    lock.release();
  }

  /** {@return whether the underlying lock is held} */
  public boolean locked() {
    return lock.locked();
  }

  /**
   * Releases the lock, waits to be signalled, and re-acquires the lock. The caller must hold the
   * lock. This method is a checkpoint.
   *
   * @return true
   * @throws CancelledError if cancelled; the lock is held again when it is thrown
   * @throws IllegalStateException if the lock is not held
   */
  @Checkpoint
  public boolean await() {
    waiters.check("AsyncCondition.await");
    if (!lock.locked()) {
      throw new IllegalStateException(
          "AsyncCondition.await: cannot wait on an un-acquired lock; call acquire() first");
    }
    lock.release();
    Throwable err = null;
    try {
      waiters.park(() -> {});
    } catch (Throwable e) {
      err = e;
    }
    // Re-acquire even if cancelled. asyncio retries acquire() in a loop, catching
    // CancelledError; a shield gives the same result without spinning on a level-triggered
    // cancellation, which would throw at every retry.
    try {
      CancelScope.shielded().run(() -> {
        lock.acquire();
      });
    } catch (Exception e) {
      throw new IllegalStateException("AsyncCondition.await: re-acquiring the lock failed", e);
    }
    if (err == null) {
      try {
        // A cancel that arrived while we re-acquired is raised now, as asyncio's loop does.
        Scheduling.checkpointIfCancelled();
      } catch (CancelledError e) {
        err = e;
      }
    }
    if (err != null) {
      // We may have been notified already: pass it on, so that no notification is lost.
      signalUnchecked(1);
      if (err instanceof RuntimeException r) {
        throw r;
      }
      throw (Error) err; // park throws nothing checked
    }
    return true;
  }

  /**
   * Waits until {@code predicate} gives a value that is neither null nor {@code false}, and returns
   * that value (asyncio's {@code wait_for}). The predicate runs with the lock held; the caller must
   * hold it. This method is a checkpoint, even when the predicate holds at once.
   *
   * @param <T> the predicate's type
   * @param predicate the state to wait for
   * @return the predicate's last value
   * @throws CancelledError if cancelled; the lock is held again when it is thrown
   * @throws IllegalStateException if the lock is not held
   */
  @Checkpoint
  public <T> T awaitFor(Supplier<T> predicate) {
    waiters.check("AsyncCondition.awaitFor");
    Objects.requireNonNull(predicate, "predicate");
    Scheduling.checkpointIfCancelled();
    Scheduling.cancelShieldedCheckpoint();
    T result = predicate.get();
    while (result == null || Boolean.FALSE.equals(result)) {
      await();
      result = predicate.get();
    }
    return result;
  }

  /**
   * Wakes up to {@code n} waiters (asyncio's {@code notify(n)}). The caller must hold the lock.
   * Never blocks; not a checkpoint.
   *
   * @param n how many
   * @throws IllegalStateException if the lock is not held
   */
  public void signal(int n) {
    waiters.check("AsyncCondition.signal");
    if (!lock.locked()) {
      throw new IllegalStateException(
          "AsyncCondition.signal: cannot notify on an un-acquired lock; call acquire() first");
    }
    signalUnchecked(n);
  }

  /** Wakes one waiter, as {@link #signal(int) signal(1)}. */
  public void signal() {
    signal(1);
  }

  /**
   * Wakes every waiter (asyncio's {@code notify_all}). The caller must hold the lock.
   *
   * @throws IllegalStateException if the lock is not held
   */
  public void signalAll() {
    signal(waiters.parked());
  }

  private void signalUnchecked(int n) {
    for (int i = 0; i < n && waiters.wakeFirst(); i++) {
      // wake them in the order they came
    }
  }

  @Override
  public String toString() {
    return "AsyncCondition[" + lock + ", waiters:" + waiters.size() + "]";
  }
}
