package dev.weft;

/**
 * The handle a task started with {@link Nursery#start} uses to say it is ready.
 *
 * <p>Calling {@link #started(Object)} wakes the caller of {@code start}, which returns the value,
 * and moves the task from under the caller into the nursery {@code start} was called on.
 *
 * @param <T> the type of value the task reports
 */
public sealed interface TaskStatus<T>
    permits dev.weft.internal.core.NurseryImpl.TaskStatusImpl,
        dev.weft.internal.core.IgnoredTaskStatus {
  /**
   * {@return a status whose {@code started} does nothing} (Trio's {@code TASK_STATUS_IGNORED}), so
   * that a function written for {@link Nursery#start} can also be called directly: {@code
   * serve(TaskStatus.ignored())}. Its {@code started} may be called any number of times, from any
   * thread.
   *
   * @param <T> the value type the function reports
   */
  @SuppressWarnings("unchecked")
  static <T> TaskStatus<T> ignored() {
    return (TaskStatus<T>) dev.weft.internal.core.IgnoredTaskStatus.INSTANCE;
  }

  /**
   * Reports readiness with no value ({@code start} returns null). Not a checkpoint.
   *
   * @throws IllegalStateException if called twice, or from outside the loop
   */
  void started();

  /**
   * Reports readiness; {@code start} returns {@code value}. Not a checkpoint.
   *
   * @param value what {@code start} returns (may be null)
   * @throws IllegalStateException if called twice, or from outside the loop
   */
  void started(T value);
}
