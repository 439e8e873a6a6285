package dev.weft.sync;

import dev.weft.Checkpoint;
import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.LoopConfinement;
import dev.weft.lowlevel.ParkingLot;
import dev.weft.lowlevel.Scheduling;

/**
 * An <em>event</em>: a flag that tasks can wait for, initially clear; {@link #set()} wakes every
 * waiting task (asyncio's {@code asyncio.Event}, Trio's {@code trio.Event}).
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * Event ready = new Event();
 * Nursery.open(n -> {
 *   n.startSoon(() -> {
 *     ready.await();
 *     System.out.println("Event processed");
 *   });
 *   Weft.sleep(Duration.ofSeconds(1));
 *   ready.set();
 * });
 * }
 *
 * Unlike Trio's, this event can be {@link #clear() cleared} again, as asyncio's can: tasks that
 * call {@code await} after that wait for the next {@code set}. Tasks woken by a {@code set} are
 * woken even if the event is cleared before they run.
 *
 * <h2>Cancellation</h2>
 *
 * A task cancelled in {@code await} simply stops waiting; the event is unchanged.
 *
 * <h2>Thread rules</h2>
 *
 * The event belongs to the loop it is used in; call it from that loop's tasks ({@code set} may
 * also be called from a {@link dev.weft.lowlevel.RunToken#runSyncSoon} callback on the loop
 * thread, which is how another thread can set it).
 */
public final class Event {
  // immutable state
  /** The loop this object belongs to, checked first by every method. */
  private final LoopConfinement confinement = new LoopConfinement();

  private final ParkingLot lot = new ParkingLot();

  // mutable state
  private boolean flag;

  /*
   * Implementation notes.
   *
   * Trio's Event, plus asyncio's clear(). Invariant: lot is empty while flag is set, because set()
   * empties it and await() only parks while the flag is clear. Waiters cost one ParkingLot node
   * (32 bytes) each besides their task; the idle_tasks benchmark measures 100k of them.
   */

  /** Creates an event that is not set. */
  public Event() {}

  /**
   * Waits until the event is set; returns at once (after a checkpoint) if it already is.
   *
   * <p>This method is a checkpoint.
   *
   * @throws CancelledError if cancelled while waiting
   * @throws IllegalStateException if not called from a task of the event's loop
   */
  @Checkpoint
  public void await() {
    confinement.check("Event.await");
    if (flag) {
      Scheduling.checkpointIfCancelled();
      Scheduling.cancelShieldedCheckpoint();
    } else {
      lot.park();
    }
  }

  /**
   * Sets the event and wakes every task waiting for it, in the order they started waiting. Setting
   * an event that is set does nothing. Never blocks and is not a checkpoint.
   *
   * @throws IllegalStateException if tasks are waiting and this is called from outside the loop
   */
  public void set() {
    confinement.check("Event.set");
    if (!flag) {
      lot.unparkAll();
      flag = true;
    }
  }

  /** Clears the event, so that later calls to {@link #await()} wait. Not a checkpoint. */
  public void clear() {
    confinement.check("Event.clear");
    flag = false;
  }

  /** {@return whether the event is set} */
  public boolean isSet() {
    confinement.check("Event.isSet");
    return flag;
  }

  /** {@return a snapshot of the event's state} */
  public EventStatistics statistics() {
    confinement.check("Event.statistics");
    return new EventStatistics(lot.size());
  }

  @Override
  public String toString() {
    return "Event@" + Integer.toHexString(System.identityHashCode(this)) + "["
        + (flag ? "set" : "clear, " + lot.size() + " waiting") + "]";
  }
}
