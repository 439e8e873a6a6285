package dev.weft.sync;

/**
 * A snapshot of a {@link Barrier}'s state.
 *
 * @param parties how many tasks must arrive for the barrier to trip
 * @param tasksWaiting the tasks blocked in {@code await} (asyncio's {@code n_waiting})
 * @param broken whether the barrier is broken ({@link Barrier#abort()} was called and no {@link
 *     Barrier#reset()} since)
 */
public record BarrierStatistics(int parties, int tasksWaiting, boolean broken) {}
