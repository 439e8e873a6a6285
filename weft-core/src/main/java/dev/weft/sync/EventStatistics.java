package dev.weft.sync;

/**
 * A snapshot of an {@link Event}'s state (Trio's {@code EventStatistics}).
 *
 * @param tasksWaiting the tasks blocked in {@code await}
 */
public record EventStatistics(int tasksWaiting) {}
