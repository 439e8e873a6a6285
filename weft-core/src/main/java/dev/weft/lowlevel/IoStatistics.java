package dev.weft.lowlevel;

/**
 * A snapshot of a loop's I/O manager (see {@link Io#statistics()}).
 *
 * @param registeredChannels channels the loop's selector watches (a closed channel stops counting
 *     at once, though the selector drops it only at its next select)
 * @param tasksWaitingReadable tasks parked in {@link Io#waitReadable}
 * @param tasksWaitingWritable tasks parked in {@link Io#waitWritable}
 */
public record IoStatistics(
    int registeredChannels, int tasksWaitingReadable, int tasksWaitingWritable) {}
