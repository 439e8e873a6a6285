package dev.weft.queue;

import dev.weft.Checkpoint;
import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.EventLoop;
import dev.weft.lowlevel.LoopConfinement;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.WaitQueue;
import java.util.Objects;

/**
 * A <em>queue</em> of items for the tasks of one loop, with an optional size limit (asyncio's
 * {@code asyncio.Queue} family). {@link FifoQueue}, {@link LifoQueue} and {@link PriorityQueue}
 * differ only in which item {@code get} takes next.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * FifoQueue<Double> queue = new FifoQueue<>();
 * for (int i = 0; i < 20; i++) {
 *   queue.putNowait(0.05 + random.nextDouble() * 0.95);
 * }
 * Nursery.open(n -> {
 *   for (int i = 0; i < 3; i++) {
 *     n.startSoon(() -> {
 *       while (true) {
 *         double seconds = queue.get();
 *         Weft.sleep(Duration.ofNanos((long) (seconds * 1e9)));
 *         queue.taskDone();
 *       }
 *     });
 *   }
 *   queue.join();                   // every item taken and marked done
 *   n.cancelScope().cancel();       // stop the workers
 * });
 * }
 *
 * <h2>Blocking and checkpoints</h2>
 *
 * {@link #put(Object)} waits while the queue is full, {@link #get()} while it is empty, and
 * {@link #join()} until every item put has been marked done with {@link #taskDone()}. All three
 * are checkpoints on every call, even when they do not wait. {@link #putNowait(Object)} and {@link
 * #getNowait()} never block and are not checkpoints; they throw {@link QueueFullException} and
 * {@link QueueEmptyException} instead of waiting. A {@code maxsize} of 0 or less means the queue
 * is never full. Like asyncio's, the methods take no timeout: put a {@link
 * dev.weft.cancel.Timeouts} scope around them.
 *
 * <h2>Cancellation</h2>
 *
 * {@code put} and {@code get} are atomic under cancellation: a cancelled {@code get} has taken
 * nothing, and a cancelled {@code put} has added nothing, so no item is lost or duplicated. An
 * item is handed to a waiting getter, or a waiting putter's item is moved into the queue, before
 * that task runs again; from then on its call returns normally, and a cancellation that arrives
 * later surfaces at its next checkpoint.
 *
 * <h2>Fairness</h2>
 *
 * Waiting getters are served in the order they started waiting, and so are waiting putters. A
 * {@code put} with getters waiting hands its item straight to the first of them; a {@code get}
 * from a full queue with putters waiting moves the first putter's item in.
 *
 * <h2>Shutting down</h2>
 *
 * {@link #shutdown(boolean)} follows asyncio 3.13: afterwards every put throws {@link
 * QueueShutDownException}, and so does a get once the queue is empty; tasks waiting to put or get
 * at that moment throw it too. {@code shutdown(true)} also discards the items still queued (counting
 * them as done, so {@code join} returns once the items already taken are done).
 *
 * <h2>Nulls and thread rules</h2>
 *
 * Queues reject null items (as {@code java.util.concurrent.BlockingQueue} does). A queue belongs to
 * the loop it is used in and is not thread-safe; call it from that loop's tasks.
 *
 * @param <T> the type of the items
 */
public abstract sealed class Queue<T> permits FifoQueue, LifoQueue, PriorityQueue {
  // immutable state
  private final int maxsize;
  private final WaitQueue<Object> getters = new WaitQueue<>();
  /** Putters carry their item; it enters the queue when a get makes room. */
  private final WaitQueue<Object> putters = new WaitQueue<>();
  private final WaitQueue<Void> joiners = new WaitQueue<>();
  /** The loop the queue belongs to once a task of a loop has used it. */
  private final LoopConfinement confinement = new LoopConfinement();

  // mutable state
  private int unfinishedTasks;
  private boolean shutDown;

  /*
   * Implementation notes.
   *
   * asyncio's queues make a woken getter or putter loop and re-check, which lets a newcomer's
   * put_nowait/get_nowait overtake a task that was woken but has not run yet, and makes cancellation
   * racy (asyncio has extra code to pass a wake-up on when a woken waiter is cancelled). We use the
   * hand-off of Trio's memory channels instead: an item goes straight to the first waiting getter
   * (rescheduled with it), and a get from a full queue moves the first waiting putter's item into
   * the queue and wakes the putter. Nothing is handed to a waiter that has been cancelled, because
   * cancellation unlinks it from its WaitQueue first; nothing handed is taken back, because a
   * rescheduled task can no longer be aborted.
   *
   * Invariants: getters non-empty implies the queue is empty; putters non-empty implies the queue
   * holds maxsize items (maxsize > 0); unfinishedTasks >= 0. Pinned by
   * QueueTest#testCancelledGetTakesNothing, #testCancelledPutAddsNothing,
   * #testGetWaitsAndGettersAreFifo and #testPutWaitsAndPuttersAreFifo.
   */

  Queue(int maxsize) {
    this.maxsize = maxsize;
  }

  // ---- the storage order, which the subclasses choose

  /**
   * Adds an item to the storage; if it throws, the storage is unchanged.
   *
   * @param method the public method the user called, for error messages
   */
  abstract void push(T item, String method);

  /**
   * Removes and returns the next item; the storage is not empty. If it throws, the storage is
   * unchanged.
   *
   * @param method the public method the user called, for error messages
   */
  abstract T pop(String method);

  /** {@return how many items are stored} */
  abstract int count();

  /** Removes every stored item. */
  abstract void clearItems();

  /**
   * Rejects an item the storage cannot order, before anything changes; by default none.
   *
   * @param method the public method the user called, for error messages
   */
  void checkItem(T item, String method) {}

  /** {@return the class's simple name, for messages} */
  abstract String kind();

  // ---- the API

  /**
   * Puts an item into the queue, waiting while it is full.
   *
   * <p>This method is a checkpoint. It is fair (FIFO among waiting putters) and atomic under
   * cancellation: if it throws, the item was not added.
   *
   * @param item the item; not null
   * @throws CancelledError if cancelled before the item was added
   * @throws QueueShutDownException if the queue is shut down, or is shut down while this waits
   * @throws NullPointerException if {@code item} is null
   * @throws ClassCastException if this is a natural-order {@link PriorityQueue} and the item is not
   *     {@link Comparable}
   * @throws IllegalStateException if not called from a task of the queue's loop
   */
  @Checkpoint
  public void put(T item) {
    Objects.requireNonNull(item, "item");
    checkCaller("put");
    checkItem(item, "put");
    Scheduling.checkpointIfCancelled();
    if (tryPut(item, "put")) {
      Scheduling.cancelShieldedCheckpoint();
    } else {
      park(putters, item);
    }
  }

  /**
   * Puts an item into the queue if it is not full. Never blocks and is not a checkpoint.
   *
   * @param item the item; not null
   * @throws QueueFullException if the queue holds {@link #maxsize()} items
   * @throws QueueShutDownException if the queue is shut down
   * @throws NullPointerException if {@code item} is null
   * @throws ClassCastException if this is a natural-order {@link PriorityQueue} and the item is not
   *     {@link Comparable}, or cannot be compared with the items queued
   * @throws IllegalStateException if tasks of a loop wait on this queue and this is called from
   *     outside that loop; the queue is then unchanged
   */
  public void putNowait(T item) {
    Objects.requireNonNull(item, "item");
    checkCaller("putNowait");
    checkItem(item, "putNowait");
    if (!tryPut(item, "putNowait")) {
      throw new QueueFullException(
          kind() + ".putNowait: the queue is full (maxsize " + maxsize
              + "); use put() to wait for room, or make the queue larger");
    }
  }

  /**
   * Takes the next item, waiting while the queue is empty.
   *
   * <p>This method is a checkpoint. It is fair (FIFO among waiting getters) and atomic under
   * cancellation: if it throws, no item was taken.
   *
   * @return the item
   * @throws CancelledError if cancelled before an item was taken
   * @throws QueueShutDownException if the queue is shut down and empty, or is shut down while this
   *     waits
   * @throws IllegalStateException if not called from a task of the queue's loop
   */
  @Checkpoint
  @SuppressWarnings("unchecked")
  public T get() {
    checkCaller("get");
    Scheduling.checkpointIfCancelled();
    if (count() > 0) {
      T item = take("get");
      Scheduling.cancelShieldedCheckpoint();
      return item;
    }
    if (shutDown) {
      throw shutDownError("get", "the queue is shut down and empty");
    }
    return (T) park(getters, null);
  }

  /**
   * Takes the next item if there is one. Never blocks and is not a checkpoint.
   *
   * @return the item
   * @throws QueueEmptyException if the queue is empty
   * @throws QueueShutDownException if the queue is shut down and empty
   * @throws IllegalStateException if tasks of a loop wait on this queue and this is called from
   *     outside that loop; the queue is then unchanged
   */
  public T getNowait() {
    checkCaller("getNowait");
    if (count() > 0) {
      return take("getNowait");
    }
    if (shutDown) {
      throw shutDownError("getNowait", "the queue is shut down and empty");
    }
    throw new QueueEmptyException(
        kind() + ".getNowait: the queue is empty; use get() to wait for an item");
  }

  /**
   * Waits until every item put into the queue has been marked done with {@link #taskDone()};
   * returns at once (after a checkpoint) if none is outstanding.
   *
   * <p>This method is a checkpoint.
   *
   * @throws CancelledError if cancelled while waiting
   * @throws IllegalStateException if not called from a task of the queue's loop
   */
  @Checkpoint
  public void join() {
    checkCaller("join");
    Scheduling.checkpointIfCancelled();
    if (unfinishedTasks == 0) {
      Scheduling.cancelShieldedCheckpoint();
    } else {
      joiners.park(null);
    }
  }

  /**
   * Marks one item taken from the queue as processed; when every item put has been marked, tasks
   * waiting in {@link #join()} wake. Call it once per item, after {@code get} and the work the item
   * asked for. Not a checkpoint.
   *
   * @throws IllegalStateException if called more times than items were put, or if tasks of a
   *     loop wait on this queue and this is called from outside that loop
   */
  public void taskDone() {
    checkCaller("taskDone");
    if (unfinishedTasks <= 0) {
      throw new IllegalStateException(
          kind() + ".taskDone: called more times than items were put into the queue; call it "
              + "once for each item taken with get()");
    }
    unfinishedTasks--;
    if (unfinishedTasks == 0) {
      wakeJoiners();
    }
  }

  private void wakeJoiners() {
    for (WaitQueue.Entry<Void> j = joiners.poll(); j != null; j = joiners.poll()) {
      Scheduling.reschedule(j.task(), null);
    }
  }

  /**
   * Shuts the queue down (asyncio 3.13): from now on every put throws {@link
   * QueueShutDownException}, and a get does once the queue is empty. Tasks waiting in {@code put},
   * and in {@code get} on the empty queue, throw it now. With {@code immediate}, the items still in
   * the queue are discarded and counted as done, so that {@code get} throws at once and {@code
   * join} waits only for the items already taken. Calling it again is allowed ({@code true} after
   * {@code false} discards the items). Not a checkpoint.
   *
   * @param immediate whether to discard the items still queued
   * @throws IllegalStateException if tasks of a loop wait on this queue and this is called from
   *     outside that loop; the queue is then unchanged
   */
  public void shutdown(boolean immediate) {
    checkCaller("shutdown");
    shutDown = true;
    if (immediate) {
      int discarded = count();
      clearItems();
      // Never below 0: taskDone may have been called for items still queued.
      unfinishedTasks = Math.max(0, unfinishedTasks - discarded);
      if (unfinishedTasks == 0) {
        wakeJoiners();
      }
    }
    for (WaitQueue.Entry<Object> w = getters.poll(); w != null; w = getters.poll()) {
      Scheduling.rescheduleWithError(w.task(), shutDownError("get", "the queue was shut down"));
    }
    for (WaitQueue.Entry<Object> w = putters.poll(); w != null; w = putters.poll()) {
      Scheduling.rescheduleWithError(
          w.task(), shutDownError("put", "the queue was shut down; the item was not added"));
    }
  }

  /** Shuts the queue down, keeping the items it holds: {@code shutdown(false)}. Not a checkpoint. */
  public void shutdown() {
    shutdown(false);
  }

  /** {@return whether {@link #shutdown(boolean)} has been called} */
  public boolean isShutDown() {
    return shutDown;
  }

  /** {@return the number of items in the queue} */
  public int qsize() {
    return count();
  }

  /** {@return whether the queue holds no item} */
  public boolean empty() {
    return count() == 0;
  }

  /** {@return whether the queue holds {@link #maxsize()} items; never true if unbounded} */
  public boolean full() {
    return maxsize > 0 && count() >= maxsize;
  }

  /** {@return the most items the queue may hold; 0 or less means no limit} */
  public int maxsize() {
    return maxsize;
  }

  /** {@return a snapshot of the queue's state} */
  public QueueStatistics statistics() {
    return new QueueStatistics(
        count(), maxsize, unfinishedTasks, getters.size(), putters.size(), shutDown);
  }

  @Override
  public String toString() {
    return kind() + "@" + Integer.toHexString(System.identityHashCode(this)) + "[size " + count()
        + (maxsize > 0 ? "/" + maxsize : "") + ", " + getters.size() + " getting, "
        + putters.size() + " putting" + (shutDown ? ", shut down" : "") + "]";
  }

  // ---- the mechanism

  /**
   * Adds an item without waiting: to a waiting getter if there is one, else to the storage if
   * there is room. {@return false if the queue is full}
   */
  private boolean tryPut(T item, String method) {
    if (shutDown) {
      throw shutDownError(method, "the queue is shut down; no more items can be put");
    }
    WaitQueue.Entry<Object> getter = getters.poll();
    if (getter != null) {
      assert count() == 0 : "a getter waits while items are queued";
      unfinishedTasks++;
      Scheduling.reschedule(getter.task(), item);
      return true;
    }
    if (full()) {
      return false;
    }
    push(item, method);
    unfinishedTasks++;
    return true;
  }

  /** Takes the next item from the storage and lets the first waiting putter's item in. */
  @SuppressWarnings("unchecked")
  private T take(String method) {
    T item = pop(method);
    WaitQueue.Entry<Object> putter = putters.poll();
    if (putter != null) {
      try {
        push((T) putter.value(), "put");
      } catch (RuntimeException | Error e) {
        // The waiting putter's item cannot be stored (its comparator failed): its put() fails
        // with that error and adds nothing, as it would have had it found room at once.
        Scheduling.rescheduleWithError(putter.task(), e);
        return item;
      }
      unfinishedTasks++;
      Scheduling.reschedule(putter.task(), null);
    }
    return item;
  }

  /** Parks the current task in {@code list}, carrying {@code value}. */
  private static Object park(WaitQueue<Object> list, Object value) {
    return list.park(value);
  }

  /**
   * Refuses a call from a task of another loop, or from a thread outside every loop while tasks
   * wait here, before anything changes: otherwise the call would take a waiter off its list and
   * then fail to wake it. A thread outside every loop may use a queue nobody waits on (one filled
   * before its loop runs, or read after it ended), as asyncio allows.
   */
  private void checkCaller(String method) {
    if (EventLoop.current().isPresent()
        || !(getters.isEmpty() && putters.isEmpty() && joiners.isEmpty())) {
      confinement.check(kind(), method);
    }
  }

  private QueueShutDownException shutDownError(String method, String why) {
    return new QueueShutDownException(kind() + "." + method + ": " + why);
  }
}
