package dev.weft.queue;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A binary min-heap that stays intact when its comparator throws: {@link PriorityQueue}'s storage.
 *
 * @param <T> the item type
 */
final class PriorityHeap<T> {
  // immutable state
  private final Comparator<? super T> order;

  // mutable state
  /** The heap, in slots [0, size); each slot holds an Entry. */
  private Object[] slots = new Object[16];
  private int size;
  /** Put order, which breaks ties so that equal items come out first in, first out. */
  private long sequence;

  /*
   * Implementation notes.
   *
   * java.util.PriorityQueue moves entries while it sifts: a comparator that throws part-way
   * through offer() leaves one entry copied twice and another gone, and one that throws in poll()
   * loses the last entry (it is taken off the end before it is placed). A user comparator is a
   * callback, and a failing callback must leave the structure as it was (issue 11, item 9). So
   * each operation here first walks the heap comparing only, to find where things go, and then
   * moves them, with no comparisons left to fail. The walk is the same O(log n) comparisons as
   * before; the moves are the same writes. A path is at most 31 slots deep (size < 2^31), so it
   * fits in a small array.
   *
   * Invariant: for every slot k > 0, !less(slots[k], slots[(k - 1) / 2]) (the heap property),
   * and slots[size..] are null. See QueueMisuseTest#testThrowingComparatorOnGetLosesNothing and
   * #testThrowingComparatorOnPutChangesNothing.
   */

  PriorityHeap(Comparator<? super T> order) {
    this.order = order;
  }

  /**
   * Adds an item; if the comparator throws, the heap is unchanged.
   *
   * @param item the item
   */
  void add(T item) {
    Entry<T> e = new Entry<>(item, sequence);
    // Walk up comparing only: where the new entry ends up.
    int target = size;
    while (target > 0) {
      int parent = (target - 1) >>> 1;
      if (!less(e, entry(parent))) {
        break;
      }
      target = parent;
    }
    if (size == slots.length) {
      slots = Arrays.copyOf(slots, size * 2);
    }
    // Move the parents on the path down one level each, then place it.
    int k = size;
    while (k > target) {
      int parent = (k - 1) >>> 1;
      slots[k] = slots[parent];
      k = parent;
    }
    slots[target] = e;
    size++;
    sequence++;
  }

  /**
   * {@return the smallest item, after taking it out} If the comparator throws, the heap is
   * unchanged. Only called when not empty.
   */
  T poll() {
    assert size > 0 : "poll on an empty heap";
    @SuppressWarnings("unchecked")
    T top = ((Entry<T>) slots[0]).item;
    int n = size - 1;
    if (n == 0) {
      slots[0] = null;
      size = 0;
      return top;
    }
    Entry<T> last = entry(n);
    // Walk down comparing only: the children that move up into the hole, in order.
    int[] path = new int[32];
    int depth = 0;
    int k = 0;
    while (true) {
      int child = 2 * k + 1;
      if (child >= n) {
        break;
      }
      if (child + 1 < n && less(entry(child + 1), entry(child))) {
        child++;
      }
      if (!less(entry(child), last)) {
        break;
      }
      path[depth++] = child;
      k = child;
    }
    int hole = 0;
    for (int i = 0; i < depth; i++) {
      slots[hole] = slots[path[i]];
      hole = path[i];
    }
    slots[hole] = last;
    slots[n] = null;
    size = n;
    return top;
  }

  /** {@return how many items it holds} */
  int size() {
    return size;
  }

  /** Removes every item. */
  void clear() {
    Arrays.fill(slots, 0, size, null);
    size = 0;
  }

  @SuppressWarnings("unchecked")
  private Entry<T> entry(int k) {
    return (Entry<T>) slots[k];
  }

  private boolean less(Entry<T> a, Entry<T> b) {
    int c = order.compare(a.item, b.item);
    return c != 0 ? c < 0 : a.seq < b.seq;
  }

  private record Entry<T>(T item, long seq) {}
}
