package dev.weft.sync;

import dev.weft.lowlevel.Task;
import java.util.Optional;

/**
 * A snapshot of a {@link Lock}'s or {@link StrictFifoLock}'s state (Trio's {@code
 * LockStatistics}).
 *
 * @param locked whether some task holds the lock
 * @param owner the task that holds it, or empty
 * @param tasksWaiting the tasks blocked in {@code acquire}
 */
public record LockStatistics(boolean locked, Optional<Task> owner, int tasksWaiting) {}
