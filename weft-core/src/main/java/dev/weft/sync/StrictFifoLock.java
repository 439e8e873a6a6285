package dev.weft.sync;

import dev.weft.cancel.CancelledError;

/**
 * A <em>strictly FIFO lock</em>: a {@link Lock} that guarantees tasks get it in exactly the order
 * they asked for it (Trio's {@code trio.StrictFIFOLock}).
 *
 * <p>{@code release} hands the lock straight to the task that has waited longest, so a task that
 * releases and at once calls {@code acquire} again always queues behind every waiter. Use it when
 * that order is part of a protocol, for example to keep the chunks of several senders on one
 * stream in the order they were submitted (Trio's use for {@code SSLStream}). {@link Lock} behaves
 * the same way today, but only this class promises to.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * StrictFifoLock sendLock = new StrictFifoLock();
 * try (var _ = sendLock.acquire()) {
 *   stream.sendAll(chunk);
 * }
 * }
 *
 * The owner rules are {@link Lock}'s: only the holder may release, and acquiring a lock one holds
 * is an error.
 *
 * <h2>Cancellation</h2>
 *
 * {@code acquire} is atomic under cancellation: it either returns holding the lock, or throws
 * {@link CancelledError} without it, having given up its place in the queue.
 *
 * <h2>Thread rules</h2>
 *
 * The lock belongs to the loop it is used in; call it from that loop's tasks.
 */
public final class StrictFifoLock extends AbstractLock {
  /** Creates an unlocked lock. */
  public StrictFifoLock() {
    super("StrictFifoLock");
  }
}
