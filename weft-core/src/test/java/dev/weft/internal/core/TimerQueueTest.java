package dev.weft.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timer queue on its own (no loop, so no engine is involved). */
class TimerQueueTest {
  /** Timers fire in deadline order, ties in creation order, and only once due. */
  @Test
  void testOrder() {
    TimerQueue q = new TimerQueue();
    List<String> log = new ArrayList<>();
    q.add(2, () -> log.add("b"));
    q.add(1, () -> log.add("a"));
    q.add(2, () -> log.add("c"));
    q.add(3, () -> log.add("d"));
    assertEquals(1.0, q.nextDeadline());
    assertEquals(3, q.expire(2.5));
    assertEquals(List.of("a", "b", "c"), log);
    assertEquals(3.0, q.nextDeadline());
  }

  /** Cancelled timers never fire and are not reported as the next deadline. */
  @Test
  void testCancel() {
    TimerQueue q = new TimerQueue();
    List<String> log = new ArrayList<>();
    Timer a = q.add(1, () -> log.add("a"));
    q.add(2, () -> log.add("b"));
    q.cancel(a);
    q.cancel(a);
    assertEquals(2.0, q.nextDeadline());
    q.expire(10);
    assertEquals(List.of("b"), log);
    assertEquals(Double.POSITIVE_INFINITY, q.nextDeadline());
    assertEquals(0, q.size());
  }

  /** A deadline moved a million times leaves no garbage behind (the heap stays small). */
  @Test
  void testStaleEntriesPruned() {
    TimerQueue q = new TimerQueue();
    Timer t = q.add(1, () -> {});
    for (int i = 0; i < 1_000_000; i++) {
      q.cancel(t);
      t = q.add(1 + i, () -> {});
    }
    assertEquals(1, q.size());
    assertTrue(q.physicalSize() < 200, "heap holds " + q.physicalSize() + " entries");
  }
}
