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
  private final java.util.PriorityQueue<Entry<T>> items;

  // mutable state
  /** Put order, to break ties between equal items. */
  private long sequence;

  /*
   * Implementation notes.
   *
   * A binary heap (java.util.PriorityQueue) of entries that pair each item with a sequence number,
   * so that equal items keep their put order: the heap alone is not stable, and a queue of tasks
   * with equal priorities is expected to be fair. Natural order is checked when an item is put
   * (checkItem), not when the heap first compares it, so a bad item fails its own put and leaves
   * the queue unchanged, even when the queue is empty or a getter is waiting.
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
  @SuppressWarnings("unchecked")
  public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
    super(maxsize);
    this.comparator = comparator;
    Comparator<? super T> order =
        comparator != null ? comparator : (a, b) -> ((Comparable<Object>) a).compareTo(b);
    Comparator<Entry<T>> byItem = (a, b) -> order.compare(a.item, b.item);
    this.items = new java.util.PriorityQueue<>(byItem.thenComparingLong(e -> e.seq));
  }

  /** {@return the order, or empty for natural order} */
  public Optional<Comparator<? super T>> comparator() {
    return Optional.ofNullable(comparator);
  }

  @Override
  void checkItem(T item) {
    if (comparator == null && !(item instanceof Comparable)) {
      throw new ClassCastException(
          "PriorityQueue: " + item.getClass().getName() + " is not Comparable; make it implement "
              + "Comparable or give the queue a Comparator");
    }
  }

  @Override
  void push(T item) {
    items.add(new Entry<>(Objects.requireNonNull(item), sequence++));
  }

  @Override
  T pop() {
    return items.poll().item;
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

  private record Entry<T>(T item, long seq) {}
}
