package dev.weft.sync;

/**
 * A snapshot of a {@link Condition}'s state (Trio's {@code ConditionStatistics}).
 *
 * @param tasksWaiting the tasks blocked in {@code await} that have not been signalled yet
 * @param lockStatistics the state of the condition's lock; tasks that were signalled and now wait
 *     to re-acquire it are counted in its {@code tasksWaiting}
 */
public record ConditionStatistics(int tasksWaiting, LockStatistics lockStatistics) {}
