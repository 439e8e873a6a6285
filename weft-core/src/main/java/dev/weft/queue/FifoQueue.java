package dev.weft.queue;

import java.util.ArrayDeque;

/**
 * A first-in, first-out {@link Queue}: {@code get} takes the item that was put longest ago
 * (asyncio's {@code asyncio.Queue}).
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * FifoQueue<String> jobs = new FifoQueue<>(100); // put waits while 100 are queued
 * jobs.put("a");
 * jobs.put("b");
 * jobs.get(); // "a"
 * }
 *
 * See {@link Queue} for blocking, checkpoints, cancellation, fairness and shutdown.
 *
 * @param <T> the type of the items
 */
public final class FifoQueue<T> extends Queue<T> {
  // immutable state
  private final ArrayDeque<T> items = new ArrayDeque<>();

  /** Creates an unbounded queue. */
  public FifoQueue() {
    this(0);
  }

  /**
   * Creates a queue that holds at most {@code maxsize} items.
   *
   * @param maxsize the most items; 0 or less means no limit
   */
  public FifoQueue(int maxsize) {
    super(maxsize);
  }

  @Override
  void push(T item, String method) {
    items.addLast(item);
  }

  @Override
  T pop(String method) {
    return items.pollFirst();
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
    return "FifoQueue";
  }
}
