package dev.weft.sync;

/**
 * A snapshot of a {@link Semaphore}'s or {@link BoundedSemaphore}'s state.
 *
 * @param value the tokens available now (0 while tasks wait)
 * @param tasksWaiting the tasks blocked in {@code acquire}
 */
public record SemaphoreStatistics(int value, int tasksWaiting) {}
