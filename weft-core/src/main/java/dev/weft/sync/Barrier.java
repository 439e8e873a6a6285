package dev.weft.sync;

import dev.weft.Checkpoint;
import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.LoopConfinement;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.WaitQueue;

/**
 * A <em>barrier</em>: tasks wait in {@link #await()} until {@link #parties()} of them have
 * arrived, and then all go on together (asyncio's {@code asyncio.Barrier}, Python 3.11). The
 * barrier then starts over, so it can be used again and again (a cyclic barrier).
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * Barrier allReady = new Barrier(3);
 * Nursery.open(n -> {
 *   for (int i = 0; i < 3; i++) {
 *     n.startSoon(() -> {
 *       prepare();
 *       int index = allReady.await(); // 0, 1, 2 in arrival order
 *       if (index == 0) System.out.println("everyone is ready");
 *     });
 *   }
 * });
 * }
 *
 * <h2>Breaking</h2>
 *
 * {@link #abort()} breaks the barrier: every waiting task, and every later {@code await}, throws
 * {@link BrokenBarrierException} until {@link #reset()}. {@code reset()} also throws {@code
 * BrokenBarrierException} in the tasks waiting at that moment, and leaves the barrier empty and
 * usable. Unlike asyncio's, {@code reset} and {@code abort} are not coroutines: weft has no lock
 * to take for them, so they are plain methods that never block and are not checkpoints.
 *
 * <h2>Cancellation</h2>
 *
 * A task cancelled in {@code await} leaves the barrier (one fewer is waiting) and the barrier is
 * not broken, as in asyncio. Once the barrier has tripped, its tasks return their index even if
 * cancelled before they run again; the cancellation surfaces at their next checkpoint.
 *
 * <h2>Thread rules</h2>
 *
 * The barrier belongs to the loop it is used in; call it from that loop's tasks.
 */
public final class Barrier {
  // immutable state
  /** The loop this object belongs to, checked first by every method. */
  private final LoopConfinement confinement = new LoopConfinement();

  private final int parties;
  /** The tasks waiting in await(), in arrival order; a cancelled one leaves in O(1). */
  private final WaitQueue<Void> waiting = new WaitQueue<>();

  // mutable state
  private boolean broken;

  /*
   * Implementation notes.
   *
   * asyncio's Barrier is a state machine (FILLING, DRAINING, RESETTING, BROKEN) on a Condition,
   * because woken waiters must re-take the condition's lock to learn what happened. We wake each
   * waiter with its outcome instead (reschedule with its index, or with the exception), so the
   * barrier can go straight back to filling when it trips or is reset: a task arriving while the
   * previous round's tasks have not yet run just joins the next round, which is where asyncio's
   * DRAINING state would eventually put it too. Indexes are given at trip time by position, so they
   * stay 0..parties-1 and distinct even if a waiter was cancelled in between (asyncio's arrival
   * counter can repeat an index then). A plain list suffices: removal on cancel is O(parties).
   */

  /**
   * Creates a barrier for {@code parties} tasks.
   *
   * @param parties how many tasks must call {@code await} for the barrier to trip; 1 or more
   * @throws IllegalArgumentException if {@code parties} is less than 1
   */
  public Barrier(int parties) {
    if (parties < 1) {
      throw new IllegalArgumentException("Barrier: parties must be 1 or more, got " + parties);
    }
    this.parties = parties;
  }

  /**
   * Waits until {@link #parties()} tasks (this one included) are waiting, then returns with them.
   *
   * <p>This method is a checkpoint, also for the task whose arrival trips the barrier.
   *
   * @return this task's place among the parties, 0 for the first to arrive and {@code parties() -
   *     1} for the one that tripped the barrier
   * @throws BrokenBarrierException if the barrier is broken, or is aborted or reset while this task
   *     waits
   * @throws CancelledError if cancelled while waiting; the task has then left the barrier
   * @throws IllegalStateException if not called from a task of the barrier's loop
   */
  @Checkpoint
  public int await() {
    confinement.check("Barrier.await");
    Scheduling.checkpointIfCancelled();
    if (broken) {
      throw brokenError("the barrier was aborted; call reset() to use it again");
    }
    if (waiting.size() + 1 < parties) {
      return (Integer) waiting.park(null);
    }
    int i = 0;
    for (WaitQueue.Entry<Void> e = waiting.poll(); e != null; e = waiting.poll()) {
      Scheduling.reschedule(e.task(), i++);
    }
    Scheduling.cancelShieldedCheckpoint();
    return parties - 1;
  }

  /**
   * Empties the barrier for a fresh round: tasks waiting now throw {@link BrokenBarrierException},
   * and a broken barrier is usable again. Never blocks and is not a checkpoint.
   */
  public void reset() {
    confinement.check("Barrier.reset");
    wakeAllWithError("the barrier was reset while this task waited");
    broken = false;
  }

  /**
   * Breaks the barrier: tasks waiting now, and every later {@link #await()} until {@link
   * #reset()}, throw {@link BrokenBarrierException}. Use it when one party fails and the others
   * must not wait for it forever. Never blocks and is not a checkpoint.
   */
  public void abort() {
    confinement.check("Barrier.abort");
    broken = true;
    wakeAllWithError("the barrier was aborted while this task waited");
  }

  /** {@return how many tasks must arrive for the barrier to trip} */
  public int parties() {
    return parties;
  }

  /** {@return how many tasks are waiting now (asyncio's {@code n_waiting})} */
  public int tasksWaiting() {
    confinement.check("Barrier.tasksWaiting");
    return waiting.size();
  }

  /** {@return whether the barrier is broken} */
  public boolean isBroken() {
    confinement.check("Barrier.isBroken");
    return broken;
  }

  /** {@return a snapshot of the barrier's state} */
  public BarrierStatistics statistics() {
    confinement.check("Barrier.statistics");
    return new BarrierStatistics(parties, waiting.size(), broken);
  }

  @Override
  public String toString() {
    return "Barrier@" + Integer.toHexString(System.identityHashCode(this)) + "[" + waiting.size()
        + "/" + parties + " waiting" + (broken ? ", broken" : "") + "]";
  }

  private void wakeAllWithError(String why) {
    for (WaitQueue.Entry<Void> e = waiting.poll(); e != null; e = waiting.poll()) {
      Scheduling.rescheduleWithError(e.task(), brokenError(why));
    }
  }

  private static BrokenBarrierException brokenError(String why) {
    return new BrokenBarrierException("Barrier.await: " + why);
  }
}
