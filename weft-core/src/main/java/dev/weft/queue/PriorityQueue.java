package dev.weft.queue;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * A priority {@link Queue}: {@code get} takes the lowest item first, by a {@link Comparator} or by
 * the items' natural order (asyncio's {@code asyncio.PriorityQueue}). Items that compare equal
 * come out in the order they were put, unlike in asyncio and {@code java.util.PriorityQueue}.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * record Job(int priority, String name) {}
 * PriorityQueue<Job> jobs = new PriorityQueue<>(Comparator.comparingInt(Job::priority));
 * jobs.put(new Job(5, "backup"));
 * jobs.put(new Job(1, "page the on-call"));
 * jobs.get(); // Job[priority=1, name=page the on-call]
 * }
 *
 * Python's idiom of {@code (priority, data)} tuples becomes a record and a comparator, or a
 * record that implements {@link Comparable}. The name is asyncio's; it is the same simple name as
 * {@code java.util.PriorityQueue}, so code that imports both must qualify one. See {@link Queue}
 * for blocking, checkpoints, cancellation, fairness and shutdown.
 *
 * @param <T> the type of the items
 */
public final class PriorityQueue<T> extends Queue<T> {
  // immutable state
  /** Null for natural order. */
  private final Comparator<? super T> comparator;
  private final PriorityHeap<T> items;

  /*
   * Implementation notes.
   *
   * A binary heap of entries that pair each item with a sequence number, so that equal items keep
   * their put order: the heap alone is not stable, and a queue of tasks with equal priorities is
   * expected to be fair. The heap is our own (PriorityHeap) rather than java.util.PriorityQueue,
   * whose entries are lost or duplicated when a comparator throws part-way through a sift.
   * Natural order is checked when an item is put (checkItem), not when the heap first compares it,
   * so an item that is not Comparable fails its own put and leaves the queue unchanged, even when
   * the queue is empty or a getter is waiting. Items of classes that cannot be compared with each
   * other (an Integer put after a String) fail in the heap; the ClassCastException of compareTo is
   * rethrown with weft's message, naming the method the user called (issue 11, item 10).
   */

  /** Creates an unbounded queue ordered by the items' natural order. */
  public PriorityQueue() {
    this(0, null);
  }

  /**
   * Creates an unbounded queue ordered by {@code comparator}.
   *
   * @param comparator the order; lowest first; null for natural order
   */
  public PriorityQueue(Comparator<? super T> comparator) {
    this(0, comparator);
  }

  /**
   * Creates a queue that holds at most {@code maxsize} items, ordered by the items' natural order.
   *
   * @param maxsize the most items; 0 or less means no limit
   */
  public PriorityQueue(int maxsize) {
    this(maxsize, null);
  }

  /**
   * Creates a queue that holds at most {@code maxsize} items, ordered by {@code comparator}.
   *
   * @param maxsize the most items; 0 or less means no limit
   * @param comparator the order; lowest first; null for natural order
   */
  public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
    super(maxsize);
    this.comparator = comparator;
    this.items = new PriorityHeap<>(comparator != null ? comparator : PriorityQueue::natural);
  }

  /** {@return the order, or empty for natural order} */
  public Optional<Comparator<? super T>> comparator() {
    return Optional.ofNullable(comparator);
  }

  @Override
  void checkItem(T item, String method) {
    if (comparator == null && !(item instanceof Comparable)) {
      throw new ClassCastException(
          "PriorityQueue." + method + ": " + item.getClass().getName() + " is not Comparable; "
              + "make it implement Comparable or give the queue a Comparator");
    }
  }

  @Override
  void push(T item, String method) {
    try {
      items.add(Objects.requireNonNull(item));
    } catch (MixedTypesException e) {
      throw e.asClassCastException(method);
    }
  }

  @Override
  T pop(String method) {
    try {
      return items.poll();
    } catch (MixedTypesException e) {
      throw e.asClassCastException(method);
    }
  }

  @Override
  int count() {
    return items.size();
  }

  @Override
  void clearItems() {
    items.clear();
  }

  @Override
  String kind() {
    return "PriorityQueue";
  }

  /** Natural order, which says which items could not be compared. */
  @SuppressWarnings("unchecked")
  private static int natural(Object a, Object b) {
    try {
      return ((Comparable<Object>) a).compareTo(b);
    } catch (ClassCastException e) {
      throw new MixedTypesException(a, b, e);
    }
  }

  /**
   * Two items of a natural-order queue that cannot be compared; carried out of the heap and
   * rethrown as a {@link ClassCastException} that names the method the user called.
   */
  private static final class MixedTypesException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MixedTypesException(Object a, Object b, ClassCastException cause) {
      super(a.getClass().getName() + " and " + b.getClass().getName(), cause, false, false);
    }

    ClassCastException asClassCastException(String method) {
      ClassCastException e =
          new ClassCastException(
              "PriorityQueue."
                  + method
                  + ": cannot order items of classes "
                  + getMessage()
                  + " against each other; put items of one class, or give the queue a "
                  + "Comparator that orders them all");
      e.initCause(getCause());
      return e;
    }
  }
}
