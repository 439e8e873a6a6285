package dev.weft.queue;

import java.util.ArrayDeque;

/**
 * A last-in, first-out {@link Queue} (a stack): {@code get} takes the item put most recently
 * (asyncio's {@code asyncio.LifoQueue}).
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * LifoQueue<String> pages = new LifoQueue<>();
 * pages.put("a");
 * pages.put("b");
 * pages.get(); // "b"
 * }
 *
 * See {@link Queue} for blocking, checkpoints, cancellation, fairness and shutdown.
 *
 * @param <T> the type of the items
 */
public final class LifoQueue<T> extends Queue<T> {
  // immutable state
  private final ArrayDeque<T> items = new ArrayDeque<>();

  /** Creates an unbounded queue. */
  public LifoQueue() {
    this(0);
  }

  /**
   * Creates a queue that holds at most {@code maxsize} items.
   *
   * @param maxsize the most items; 0 or less means no limit
   */
  public LifoQueue(int maxsize) {
    super(maxsize);
  }

  @Override
  void push(T item, String method) {
    items.addLast(item);
  }

  @Override
  T pop(String method) {
    return items.pollLast();
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
    return "LifoQueue";
  }
}
