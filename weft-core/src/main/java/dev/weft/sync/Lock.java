package dev.weft.sync;

import dev.weft.cancel.CancelledError;

/**
 * A <em>lock</em> (mutex): at most one task holds it at a time (Trio's {@code trio.Lock},
 * asyncio's {@code asyncio.Lock}).
 *
 * <p>Tasks of one loop never run at the same time and switch only at checkpoints, so code between
 * two checkpoints needs no lock. A lock is for the other case: shared state that must stay
 * consistent across a checkpoint, such as a read, a {@code sleep} or a network call, then a write.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * Lock lock = new Lock();
 * try (var _ = lock.acquire()) {
 *   int balance = account.read();
 *   Weft.sleep(Duration.ofMillis(10)); // other tasks run, but none can enter here
 *   account.write(balance - 10);
 * }
 * }
 *
 * {@link #acquire()} returns a {@link Held} whose {@code close()} releases; {@link #tryAcquire()}
 * and {@link #release()} are the plain pair. The lock has an owner: only the task that acquired it
 * may release it, and a task that acquires a lock it already holds gets an error rather than a
 * deadlock (the lock is not reentrant). It deliberately does not implement {@code
 * java.util.concurrent.locks.Lock}, whose {@code lockInterruptibly} and timed {@code tryLock}
 * would compete with cancel scopes; put a timeout around {@code acquire} instead.
 *
 * <h2>Cancellation</h2>
 *
 * {@code acquire} is atomic under cancellation: it either returns holding the lock, or throws
 * {@link CancelledError} without it.
 *
 * <h2>Fairness</h2>
 *
 * Waiters get the lock in the order they asked for it, and {@code release} hands it straight to
 * the first of them, so a task that releases and re-acquires at once queues behind them. This is
 * what Trio's {@code Lock} does today; {@link StrictFifoLock} is the same lock, for code that
 * states it relies on strict FIFO order.
 *
 * <h2>Thread rules</h2>
 *
 * A lock belongs to the loop it is used in; call it from that loop's tasks. Calling it from another
 * thread throws {@link IllegalStateException}.
 */
public final class Lock extends AbstractLock {
  /** Creates an unlocked lock. */
  public Lock() {
    super("Lock");
  }
}
