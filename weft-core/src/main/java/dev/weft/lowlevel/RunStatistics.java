package dev.weft.lowlevel;

/**
 * A snapshot of a loop's state, for debugging and tests (Trio's {@code current_statistics()}).
 *
 * @param tasksLiving tasks that have started and not finished, system tasks included
 * @param tasksRunnable tasks waiting in the run queue for their turn
 * @param secondsToNextDeadline clock seconds until the earliest pending timer; +infinity if none
 * @param runSyncSoonQueueSize callbacks posted through {@link RunToken#runSyncSoon} and not yet run
 */
public record RunStatistics(
    int tasksLiving, int tasksRunnable, double secondsToNextDeadline, int runSyncSoonQueueSize) {}
