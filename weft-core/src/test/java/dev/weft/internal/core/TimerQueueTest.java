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
    q.add(3, () -> log.add("late"));
    // Eight equal deadlines, interleaved with others: a heap without the tie-break reorders them
    // (three equal ones can come out in order by luck).
    for (int i = 0; i < 8; i++) {
      String name = "tie" + i;
      q.add(2, () -> log.add(name));
      q.add(1 + i / 8.0, () -> log.add("early"));
    }
    assertEquals(1.0, q.nextDeadline());
    assertEquals(16, q.expire(2.5));
    List<String> ties = log.stream().filter(s -> s.startsWith("tie")).toList();
    assertEquals(
        List.of("tie0", "tie1", "tie2", "tie3", "tie4", "tie5", "tie6", "tie7"), ties);
    assertEquals(List.of("early"), log.subList(0, 1));
    assertEquals("tie0", log.get(8));
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
