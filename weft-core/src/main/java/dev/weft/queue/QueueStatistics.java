package dev.weft.queue;

/**
 * A snapshot of a {@link Queue}'s state.
 *
 * @param size the items in the queue ({@code qsize()})
 * @param maxsize the most items it may hold; 0 or less means no limit
 * @param unfinishedTasks items put and not yet marked done with {@code taskDone()}; {@code join()}
 *     waits for this to reach 0
 * @param tasksWaitingGet tasks blocked in {@code get} (the queue is empty)
 * @param tasksWaitingPut tasks blocked in {@code put} (the queue is full)
 * @param shutDown whether {@code shutdown} has been called
 */
public record QueueStatistics(
    int size,
    int maxsize,
    int unfinishedTasks,
    int tasksWaitingGet,
    int tasksWaitingPut,
    boolean shutDown) {}
