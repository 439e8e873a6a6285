package dev.weft.lowlevel;

import dev.weft.Checkpoint;
import dev.weft.cancel.CancelledError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A <em>wait queue</em>: a FIFO of parked tasks in which each task carries a value (Trio's
 * parking-lot "tokens", a to-do there): a putter's item, a sender's value, the count a waiter
 * wants. It is the one waiter list weft's primitives are written on: {@link ParkingLot} is a wait
 * queue without values, and queues, barriers and futures keep their waiters in one.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * // A hand-off slot: put parks with its item until a taker comes.
 * WaitQueue<String> putters = new WaitQueue<>();
 *
 * void put(String item) {
 *   putters.park(item);                      // returns once a taker took the item
 * }
 *
 * String take() {
 *   WaitQueue.Entry<String> e = putters.poll();
 *   if (e == null) return null;
 *   Scheduling.reschedule(e.task(), null);   // the putter's park returns
 *   return e.value();
 * }
 * }
 *
 * <h2>Cancellation</h2>
 *
 * A task cancelled while its entry is queued leaves the queue (so nobody can take its value any
 * more) and its {@link #park} throws {@link CancelledError}. Once an entry has been {@linkplain
 * #poll() polled} or {@linkplain #remove removed}, the task is no longer cancellable through it:
 * whoever took it must reschedule the task, and the cancellation surfaces at its next checkpoint.
 * That is what makes hand-offs atomic under cancellation: either the value was taken and the
 * task is told so, or the value stayed where it was.
 *
 * <h2>Fairness</h2>
 *
 * Entries leave in the order they were added; {@link #moveFirstTo} appends to the other queue.
 *
 * <h2>Thread rules</h2>
 *
 * A wait queue belongs to one loop, like the primitive that owns it; it does not check that
 * itself (its owner does, with a {@link LoopConfinement}, before touching it).
 *
 * @param <V> the type of the values the waiting tasks carry
 */
public final class WaitQueue<V> {
  // mutable state
  private Entry<V> head;
  private Entry<V> tail;
  private int size;

  /*
   * Implementation notes.
   *
   * An intrusive doubly-linked list of Entries, one per waiting task: adding and removing from
   * anywhere is O(1) and allocates only the entry, which is also the task's abort function (no
   * lambda per park). An entry records the queue it is in now, because moveFirstTo() moves entries
   * between queues (a condition variable moves its waiters to its lock's queue) and a cancellation
   * must unlink the entry from the queue it is in at that moment (Trio keeps the lot in
   * task.custom_sleep_data for the same reason).
   *
   * Invariant: an entry is linked into entry.queue exactly while entry.queue != null; the abort
   * function runs only while its task is parked (the runtime clears it on reschedule), and then
   * the entry is still queued unless its owner took it, in which case the owner reschedules.
   * See WaitQueueTest and ParkingLotTest#testCancelAfterRepark.
   */

  /** Creates an empty queue. */
  public WaitQueue() {}

  /**
   * One task's place in a wait queue, and the value it carries. It is also the abort function
   * {@link WaitQueue#park} parks with: a cancellation takes the entry out of whatever queue it is
   * in then.
   *
   * @param <V> the type of the value
   */
  public static final class Entry<V> implements AbortFunction {
    // immutable state
    private final Task task;

    // mutable state
    private V value;
    private WaitQueue<V> queue;
    private Entry<V> prev;
    private Entry<V> next;

    private Entry(Task task, V value) {
      this.task = task;
      this.value = value;
    }

    /** {@return the waiting task} */
    public Task task() {
      return task;
    }

    /** {@return the value the task carries} */
    public V value() {
      return value;
    }

    /**
     * Replaces the value, for a waiter that receives something (a getter handed an item).
     *
     * @param v the new value
     */
    public void setValue(V v) {
      value = v;
    }

    /** {@return whether the entry is in a queue now} */
    public boolean isQueued() {
      return queue != null;
    }

    /**
     * Takes the entry out of the queue it is in now, if any: for a task that waits in several
     * queues and withdraws from the others once one has served it. Not a checkpoint.
     *
     * @return whether it was in a queue
     */
    public boolean leave() {
      if (queue == null) {
        return false;
      }
      queue.unlink(this);
      return true;
    }

    /**
     * Takes the entry out of its queue, if it is still in one, and lets the cancellation through.
     *
     * @param cancellation the error the task will get
     * @return {@link Abort#SUCCEEDED}
     */
    @Override
    public Abort abort(CancelledError cancellation) {
      leave();
      return Abort.SUCCEEDED;
    }

    @Override
    public String toString() {
      return "WaitQueue.Entry[" + task.name() + (queue == null ? ", not queued" : "") + "]";
    }
  }

  /**
   * Parks the current task at the end of the queue, carrying {@code value}, until some other code
   * takes its entry and reschedules it; returns what it was rescheduled with.
   *
   * <p>This method is a checkpoint: it always parks, so other tasks run, and it is a cancel
   * point. It is atomic under cancellation: if it throws {@link CancelledError}, the entry has left
   * the queue and nobody took its value.
   *
   * @param value what the task carries (may be null)
   * @return the value the task is rescheduled with
   * @throws CancelledError if the task is cancelled while queued
   * @throws IllegalStateException if not called from a weft task
   */
  @Checkpoint
  public Object park(V value) {
    Entry<V> e = add(Scheduling.currentTask(), value);
    return Scheduling.waitTaskRescheduled(e);
  }

  /**
   * Appends an entry for {@code task} without parking it: for a task that waits in several queues
   * at once and parks itself with an abort function of its own (a channel select). The caller
   * must {@link #remove} the entries it no longer needs. Not a checkpoint.
   *
   * @param task the task that will wait
   * @param value what it carries
   * @return the new entry
   */
  public Entry<V> add(Task task, V value) {
    Entry<V> e = new Entry<>(Objects.requireNonNull(task, "task"), value);
    link(e);
    return e;
  }

  /** {@return the entry that has waited longest, or null; it stays queued} */
  public Entry<V> peek() {
    return head;
  }

  /**
   * Takes out the entry that has waited longest. Its task stays parked and is no longer
   * cancellable through the entry: the caller must reschedule it. Not a checkpoint.
   *
   * @return the entry, or null if the queue is empty
   */
  public Entry<V> poll() {
    Entry<V> e = head;
    if (e != null) {
      unlink(e);
    }
    return e;
  }

  /**
   * Takes {@code entry} out of this queue if it is in it. Not a checkpoint.
   *
   * @param entry the entry
   * @return whether it was in this queue
   */
  public boolean remove(Entry<V> entry) {
    if (entry.queue != this) {
      return false;
    }
    unlink(entry);
    return true;
  }

  /**
   * Moves up to {@code count} entries, those that have waited longest, to the end of {@code
   * other}, without waking their tasks (Trio's {@code repark}). Not a checkpoint.
   *
   * @param other the queue to move them to
   * @param count the most entries to move
   * @return how many were moved
   * @throws IllegalArgumentException if {@code count} is negative or {@code other} is this queue
   */
  public int moveFirstTo(WaitQueue<V> other, int count) {
    Objects.requireNonNull(other, "other");
    if (count < 0) {
      throw new IllegalArgumentException("WaitQueue.moveFirstTo: count must be 0 or more");
    }
    if (other == this) {
      throw new IllegalArgumentException("WaitQueue.moveFirstTo: cannot move to the same queue");
    }
    int moved = 0;
    while (moved < count && head != null) {
      Entry<V> e = head;
      unlink(e);
      other.link(e);
      moved++;
    }
    return moved;
  }

  /** {@return the entries in order, as a snapshot safe to iterate while the queue changes} */
  public List<Entry<V>> snapshot() {
    List<Entry<V>> out = new ArrayList<>(size);
    for (Entry<V> e = head; e != null; e = e.next) {
      out.add(e);
    }
    return out;
  }

  /** {@return how many entries are queued} */
  public int size() {
    return size;
  }

  /** {@return whether no entry is queued} */
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public String toString() {
    return "WaitQueue@" + Integer.toHexString(System.identityHashCode(this)) + "[" + size
        + " waiting]";
  }

  private void link(Entry<V> e) {
    assert e.queue == null : "an entry is in one queue at a time";
    e.queue = this;
    e.prev = tail;
    e.next = null;
    if (tail == null) {
      head = e;
    } else {
      tail.next = e;
    }
    tail = e;
    size++;
  }

  private void unlink(Entry<V> e) {
    assert e.queue == this;
    if (e.prev == null) {
      head = e.next;
    } else {
      e.prev.next = e.next;
    }
    if (e.next == null) {
      tail = e.prev;
    } else {
      e.next.prev = e.prev;
    }
    e.prev = null;
    e.next = null;
    e.queue = null;
    size--;
  }
}
