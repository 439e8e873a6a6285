package dev.weft.lowlevel;

import dev.weft.Nursery;
import java.util.List;
import java.util.Optional;

/**
 * A task: one unit of concurrent work in a loop, carried by one virtual thread.
 *
 * <p>Tasks are made by {@link Nursery#startSoon}, {@link Nursery#start} and {@link
 * Scheduling#spawnSystemTask}; the runtime creates them and this interface only describes them.
 * Every task but the main task and the system tasks lives in a nursery, so the tasks of a run form
 * a tree: {@link #parentNursery()} goes up, {@link #childNurseries()} and {@link
 * Nursery#childTasks()} go down. A task given a name carries it on its thread too, so thread
 * dumps are readable; a task with the default name "task-N" has an unnamed thread (a name String
 * per spawn cost {@code spawn_join} about a tenth of its allocation).
 *
 * <p>Methods that read the tree must be called from the task's loop.
 */
public sealed interface Task permits dev.weft.internal.core.TaskImpl {
  /** {@return the task's name (given to startSoon, or "task-N"; the root task of a Weft.run is "weft-main", so that a thread dump does not show two "main" threads)} */
  String name();

  /** {@return a number unique within the run, increasing in creation order} */
  long id();

  /** {@return the nursery the task lives in; empty for the main task} */
  Optional<Nursery> parentNursery();

  /**
   * {@return for a task started with {@link Nursery#start} that has not called {@code started}
   * yet, the nursery it will move to; otherwise empty}
   */
  Optional<Nursery> eventualParentNursery();

  /**
   * {@return the nurseries this task has open right now, outermost first}
   *
   * @throws IllegalStateException if called from outside the task's loop
   */
  List<Nursery> childNurseries();

  /** {@return whether the task has finished} */
  boolean isDone();

  /** {@return whether this is a system task (see {@link Scheduling#spawnSystemTask})} */
  boolean isSystemTask();

  /**
   * {@return how many schedule points this task has passed}; testing tools use it to check that
   * an operation is a checkpoint
   */
  long schedulePoints();

  /** {@return how many cancel points this task has passed}; see {@link #schedulePoints()} */
  long cancelPoints();
}
