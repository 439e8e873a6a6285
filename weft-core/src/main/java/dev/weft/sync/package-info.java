/**
 * Synchronisation primitives for the tasks of one loop: {@link dev.weft.sync.Lock}, {@link
 * dev.weft.sync.StrictFifoLock}, {@link dev.weft.sync.Condition}, {@link dev.weft.sync.Semaphore},
 * {@link dev.weft.sync.BoundedSemaphore}, {@link dev.weft.sync.Event}, {@link
 * dev.weft.sync.CapacityLimiter} and {@link dev.weft.sync.Barrier} (Trio's and asyncio's, by the
 * same names).
 *
 * <p>A loop runs one task at a time and switches only at checkpoints, so code between two
 * checkpoints never needs these. They are for coordinating tasks across checkpoints: waiting for
 * something to happen ({@code Event}, {@code Condition}, {@code Barrier}), keeping shared state
 * consistent while a task waits ({@code Lock}), and limiting how much happens at once ({@code
 * Semaphore}, {@code CapacityLimiter}).
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * try (var _ = lock.acquire()) {     // asyncio: async with lock:
 *   update(shared);
 * }
 * event.await();                     // asyncio: await event.wait()
 * }
 *
 * Every {@code acquire()} returns a {@link dev.weft.sync.Held}, so try-with-resources releases
 * what it acquired (with {@code var _}, Java's unnamed variable, since the body rarely needs it).
 * Each primitive also has {@code tryAcquire()} and a plain {@code release()}.
 *
 * <h2>Checkpoints</h2>
 *
 * Every method that can wait ({@code acquire}, {@code acquireOnBehalfOf}, {@code await}, {@code
 * awaitFor}) is marked {@link dev.weft.Checkpoint} and is a checkpoint on every call, even when it
 * does not have to wait: it checks for cancellation first, and lets other tasks run before it
 * returns. Every other method ({@code try*}, {@code release}, {@code set}, {@code signal}, ...)
 * never blocks and is never a checkpoint. A method that throws a usage error (such as acquiring a
 * lock one holds) may do so before its schedule point, as in Trio.
 *
 * <h2>Cancellation and fairness</h2>
 *
 * Waiting is atomic under cancellation: a cancelled {@code acquire} has acquired nothing, and a
 * cancelled {@code Condition.await} still returns (by throwing) with the lock held. Waiters are
 * served first come, first served: a release hands what it releases straight to the task that has
 * waited longest, so that a task releasing and re-acquiring at once cannot starve the others.
 * Every primitive is written on {@link dev.weft.lowlevel.ParkingLot} or {@link
 * dev.weft.lowlevel.Scheduling} alone, with no Java locks: all its state belongs to its loop.
 *
 * <h2>Introspection</h2>
 *
 * Each primitive has {@code statistics()}, which returns a record ({@link
 * dev.weft.sync.LockStatistics} and so on, as Trio's), and a {@code toString()} showing its state.
 *
 * <h2>Thread rules</h2>
 *
 * A primitive belongs to the loop it is first used in ({@link dev.weft.lowlevel.LoopConfinement})
 * and is not thread-safe. Every method checks that first, before it changes anything: a call
 * from another loop, or from a thread outside every loop, throws {@link
 * java.lang.IllegalStateException} with the same message for every primitive, even a call that
 * would not have to wait (an uncontended {@code tryAcquire}, {@code Event.clear}). Loop callbacks
 * count as the loop. To reach a loop from another thread, post a callback with {@link
 * dev.weft.lowlevel.RunToken#runSyncSoon}.
 */
package dev.weft.sync;
