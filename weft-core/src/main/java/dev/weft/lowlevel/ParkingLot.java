package dev.weft.lowlevel;

import dev.weft.BrokenResourceException;
import dev.weft.Checkpoint;
import dev.weft.cancel.CancelledError;
import dev.weft.internal.core.Core;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A <em>parking lot</em>: a fair (FIFO) queue of parked tasks, the building block that weft's
 * locks, semaphores, events and conditions are written on (Trio's {@code
 * trio.lowlevel.ParkingLot}).
 *
 * <p>A task calls {@link #park()} to sleep in the lot; other code calls {@link #unpark()}, {@link
 * #unpark(int)} or {@link #unparkAll()} to wake the tasks that have waited longest, or {@link
 * #repark} to move them to another lot without waking them. The lot holds no other state: the
 * primitive built on it decides who to wake and when, and usually does its bookkeeping (who owns a
 * lock now) on the tasks that {@code unpark} returns.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * // A one-shot gate: every task that arrives before open() waits, later ones pass.
 * final class Gate {
 *   private final ParkingLot lot = new ParkingLot();
 *   private boolean open;
 *
 *   void await() {
 *     if (open) {
 *       // the pass-through path is a checkpoint too: a cancel point, and a schedule point
 *       Scheduling.checkpointIfCancelled();
 *       Scheduling.cancelShieldedCheckpoint();
 *     } else {
 *       lot.park();
 *     }
 *   }
 *
 *   void open() {
 *     open = true;
 *     lot.unparkAll();
 *   }
 * }
 * }
 *
 * <h2>Cancellation</h2>
 *
 * A task cancelled while parked leaves the lot (so nobody can wake it any more) and its {@code
 * park} throws {@link CancelledError}. A task that has already been unparked is no longer
 * cancellable: its {@code park} returns normally, and the cancellation surfaces at its next
 * checkpoint. Primitives rely on this to hand something over (a lock, a token) atomically: either
 * the waiter gets it, or it was never taken from the lot.
 *
 * <h2>Fairness</h2>
 *
 * Tasks are woken in the order they parked; {@link #repark} appends the moved tasks, in order, to
 * the end of the other lot.
 *
 * <h2>Thread rules</h2>
 *
 * A lot belongs to the loop it is first used in ({@link LoopConfinement}): call it from that loop's
 * tasks (or, for the unpark methods, from the loop thread in a {@link RunToken#runSyncSoon}
 * callback). Every method checks that first, before it changes anything, and throws {@link
 * IllegalStateException} for another loop or a thread outside every loop; {@code park} from a
 * loop callback (no task) throws too.
 */
public final class ParkingLot {
  // mutable state
  /** The task whose exit broke the lot, or null while it is usable. */
  private Task brokenBy;
  /** The first breaker and the exit hook that breaks this lot when it ends, or null. */
  private Task soleBreaker;
  private Runnable soleHook;
  /** The reusable exit hook of the sole breaker, made on first use. */
  private Runnable soleExitHook;
  /** Further breakers and their hooks; null until a second one is added. */
  private IdentityHashMap<Task, Runnable> breakers;
  /** The parked tasks, in the order they parked; they carry no value. */
  private final WaitQueue<Void> queue = new WaitQueue<>();
  /** The loop the lot belongs to, checked first by every method. */
  private final LoopConfinement confinement = new LoopConfinement();

  /*
   * Implementation notes.
   *
   * The lot is a WaitQueue whose entries carry no value: the entry is also the task's
   * AbortFunction and records which queue it is in right now, so repark() can move entries between
   * lots and a cancellation unlinks the entry from the lot it is in at that moment, not the one it
   * parked in (Trio keeps the lot in task.custom_sleep_data for the same reason). Parking
   * allocates one entry and no lambda, and every operation but repark(n) and unpark(n) is O(1);
   * cancelling one of 100k parked tasks does not scan the others.
   *
   * Invariant: an entry is queued here exactly while its task is parked here and not yet
   * rescheduled; unpark and repark take or move it before the task can run again, and the abort
   * function only runs while the task is still parked (Scheduling clears it on reschedule).
   * Pinned by ParkingLotTest#testCancelAfterRepark and #testCancelledTaskLeavesLot.
   */

  /** Creates an empty lot. */
  public ParkingLot() {}

  /**
   * Parks the current task in this lot until another task wakes it with one of the unpark
   * methods.
   *
   * <p>This method is a checkpoint: it always parks, so other tasks run, and it is a cancel point.
   * It is atomic under cancellation: if it throws {@link CancelledError}, the task has left the
   * lot and no unpark call has counted it; if an unpark call picked the task, it returns normally.
   *
   * @throws CancelledError if the task is cancelled while parked (or parks in a cancelled scope)
   * @throws IllegalStateException if not called from a weft task
   */
  @Checkpoint
  public void park() {
    confinement.check("ParkingLot.park");
    if (brokenBy != null) {
      Scheduling.checkpointIfCancelled();
      throw new BrokenResourceException(
          "ParkingLot.park: the lot was broken when task '" + brokenBy.name()
              + "' exited; nothing will wake a task parked here");
    }
    queue.park(null);
  }

  /**
   * Wakes the task that has been parked longest, if any. Not a checkpoint; never blocks. The
   * woken task runs at the loop's next turn.
   *
   * @return the task woken, or empty if the lot was empty
   * @throws IllegalStateException if called from outside the lot's loop
   */
  public Optional<Task> unpark() {
    confinement.check("ParkingLot.unpark");
    WaitQueue.Entry<Void> e = queue.peek();
    if (e == null) {
      return Optional.empty();
    }
    wake(e);
    return Optional.of(e.task());
  }

  /**
   * Wakes up to {@code count} tasks, those that have been parked longest, in the order they
   * parked. Not a checkpoint; never blocks.
   *
   * @param count the most tasks to wake; 0 wakes none
   * @return the tasks woken, in the order they parked
   * @throws IllegalArgumentException if {@code count} is negative
   * @throws IllegalStateException if called from outside the lot's loop
   */
  public List<Task> unpark(int count) {
    confinement.check("ParkingLot.unpark");
    checkCount(count, "unpark");
    List<Task> woken = new ArrayList<>(Math.min(count, queue.size()));
    while (woken.size() < count && !queue.isEmpty()) {
      WaitQueue.Entry<Void> e = queue.peek();
      wake(e);
      woken.add(e.task());
    }
    return woken;
  }

  /**
   * Wakes every task in the lot, in the order they parked. Not a checkpoint; never blocks.
   *
   * @return the tasks woken, in the order they parked
   * @throws IllegalStateException if called from outside the lot's loop
   */
  public List<Task> unparkAll() {
    return unpark(queue.size());
  }

  /**
   * Moves up to {@code count} tasks, those parked longest, to the end of another lot, without
   * waking them: they then wait there as if they had parked in it (Trio's {@code repark}; a
   * condition variable uses it to move notified waiters to its lock's lot). Not a checkpoint.
   *
   * @param other the lot to move them to
   * @param count the most tasks to move
   * @throws IllegalArgumentException if {@code count} is negative or {@code other} is this lot
   * @throws NullPointerException if {@code other} is null
   */
  public void repark(ParkingLot other, int count) {
    Objects.requireNonNull(other, "other");
    confinement.check("ParkingLot.repark");
    checkCount(count, "repark");
    if (other == this) {
      throw new IllegalArgumentException(
          "ParkingLot.repark: cannot move tasks to the lot they are already in");
    }
    for (int moved = 0; moved < count && !queue.isEmpty(); moved++) {
      if (other.brokenBy != null) {
        // Moving a task into a broken lot wakes it with the error a park there would throw.
        WaitQueue.Entry<Void> e = queue.poll();
        Scheduling.rescheduleWithError(e.task(), new BrokenResourceException(
            "the parking lot was broken when task '" + other.brokenBy.name() + "' exited"));
        continue;
      }
      queue.moveFirstTo(other.queue, 1);
    }
  }

  /**
   * Moves every task of this lot to the end of {@code other}, without waking them. Not a
   * checkpoint.
   *
   * @param other the lot to move them to
   * @throws IllegalArgumentException if {@code other} is this lot
   * @throws NullPointerException if {@code other} is null
   */
  public void reparkAll(ParkingLot other) {
    repark(other, queue.size());
  }

  /** {@return how many tasks are parked here} */
  public int size() {
    confinement.check("ParkingLot.size");
    return queue.size();
  }

  /** {@return whether no task is parked here} */
  public boolean isEmpty() {
    confinement.check("ParkingLot.isEmpty");
    return queue.isEmpty();
  }

  /** {@return a snapshot of the lot's state} */
  public ParkingLotStatistics statistics() {
    confinement.check("ParkingLot.statistics");
    return new ParkingLotStatistics(queue.size());
  }

  @Override
  public String toString() {
    return "ParkingLot@" + Integer.toHexString(System.identityHashCode(this)) + "[" + queue.size()
        + " parked]";
  }

  /**
   * Makes {@code task} a <em>breaker</em> of this lot (Trio's {@code add_parking_lot_breaker}): if
   * the task ends before {@link #removeBreaker} is called for it, the lot is {@linkplain
   * #breakLot broken}. A lock registers its owner this way, so that an owner that exits holding
   * the lock cannot leave its waiters parked for ever. Not a checkpoint.
   *
   * @param task the task, usually the one that now owns what the lot guards
   * @throws BrokenResourceException if the task has already ended (the lot is broken at once)
   * @throws IllegalStateException if called from outside the task's loop
   */
  public void addBreaker(Task task) {
    Objects.requireNonNull(task, "task");
    confinement.check("ParkingLot.addBreaker");
    if (task == soleBreaker || (breakers != null && breakers.containsKey(task))) {
      return;
    }
    boolean sole = soleBreaker == null && breakers == null;
    Runnable hook;
    if (sole) {
      // A lock has one breaker at a time, its owner: its hook is made once per lot and reads the
      // breaker from the field, so the lock's fast path allocates nothing here.
      if (soleExitHook == null) {
        soleExitHook = () -> {
          Task t = soleBreaker;
          forgetBreaker(t);
          breakLot(t);
        };
      }
      hook = soleExitHook;
    } else {
      hook = () -> {
        forgetBreaker(task);
        breakLot(task);
      };
    }
    if (!Core.addExitHook(task, hook)) {
      breakLot(task);
      throw new BrokenResourceException(
          "ParkingLot.addBreaker: task '" + task.name() + "' has already exited");
    }
    if (sole) {
      soleBreaker = task;
      soleHook = hook;
    } else {
      if (breakers == null) {
        breakers = new IdentityHashMap<>(4);
      }
      breakers.put(task, hook);
    }
  }

  /**
   * Undoes {@link #addBreaker} (Trio's {@code remove_parking_lot_breaker}). Not a checkpoint.
   *
   * @param task the task
   * @throws IllegalArgumentException if the task is not a breaker of this lot
   */
  public void removeBreaker(Task task) {
    Objects.requireNonNull(task, "task");
    confinement.check("ParkingLot.removeBreaker");
    Runnable hook = forgetBreaker(task);
    if (hook == null) {
      throw new IllegalArgumentException(
          "ParkingLot.removeBreaker: task '" + task.name() + "' is not a breaker of this lot");
    }
    Core.removeExitHook(task, hook);
  }

  private Runnable forgetBreaker(Task task) {
    if (task == soleBreaker) {
      Runnable hook = soleHook;
      soleBreaker = null;
      soleHook = null;
      return hook;
    }
    return breakers == null ? null : breakers.remove(task);
  }

  /**
   * Breaks the lot (Trio's {@code break_lot}): every parked task is woken with {@link
   * BrokenResourceException}, and every later {@link #park()} throws it. Breaking a broken lot
   * does nothing. Not a checkpoint.
   *
   * @param task the task held responsible, named in the errors
   */
  public void breakLot(Task task) {
    Objects.requireNonNull(task, "task");
    confinement.check("ParkingLot.breakLot");
    if (brokenBy != null) {
      return;
    }
    brokenBy = task;
    for (WaitQueue.Entry<Void> e = queue.peek(); e != null; e = queue.peek()) {
      Scheduling.rescheduleWithError(e.task(), new BrokenResourceException(
          "the parking lot was broken when task '" + task.name() + "' exited"));
      queue.remove(e);
    }
  }

  /** {@return the task whose exit broke this lot, if it is broken} */
  public Optional<Task> brokenBy() {
    confinement.check("ParkingLot.brokenBy");
    return Optional.ofNullable(brokenBy);
  }

  private static void checkCount(int count, String what) {
    if (count < 0) {
      throw new IllegalArgumentException(
          "ParkingLot." + what + ": count must be 0 or more, got " + count);
    }
  }

  private void wake(WaitQueue.Entry<Void> e) {
    // Reschedule first: it checks the thread, and if it throws, the lot is left as it was.
    Scheduling.reschedule(e.task(), null);
    queue.remove(e);
  }
}
