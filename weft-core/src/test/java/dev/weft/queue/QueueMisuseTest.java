package dev.weft.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.OtherThread;
import dev.weft.lowlevel.Scheduling;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Bad calls leave a queue as it was: a call from the wrong thread, a comparator that throws, items
 * that cannot be compared (issue 11, items 7, 9 and 10).
 */
class QueueMisuseTest {
  /**
   * A comparator that allows {@code left[0]} more comparisons and then throws {@code e}; a
   * negative count never throws. Failing part-way through a sift is what corrupts a heap.
   */
  private static Comparator<Integer> failingAfter(int[] left, RuntimeException e) {
    return (a, b) -> {
      if (left[0] == 0) {
        throw e;
      }
      if (left[0] > 0) {
        left[0]--;
      }
      return Integer.compare(a, b);
    };
  }

  /** putNowait from a platform thread while a task waits in get(): rejected, nothing changed. */
  @WeftTest
  void testPutNowaitFromPlatformThreadChangesNothing() throws Exception {
    FifoQueue<String> q = new FifoQueue<>();
    List<String> got = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(() -> got.add(q.get()));
          Scheduling.awaitAllTasksBlocked(Duration.ZERO);
          QueueStatistics before = q.statistics();
          Throwable e = OtherThread.thrownBy(() -> q.putNowait("from outside"));
          assertTrue(e instanceof IllegalStateException, String.valueOf(e));
          assertTrue(e.getMessage().contains("FifoQueue.putNowait"), e.getMessage());
          assertTrue(e.getMessage().contains("runSyncSoon"), e.getMessage());
          assertEquals(before, q.statistics());
          assertEquals(1, q.statistics().tasksWaitingGet());
          q.putNowait("from the loop");
        });
    assertEquals(List.of("from the loop"), got);
    assertEquals(new QueueStatistics(0, 0, 1, 0, 0, false), q.statistics());
  }

  /** getNowait from a platform thread while a putter waits: rejected, no item lost. */
  @WeftTest
  void testGetNowaitFromPlatformThreadChangesNothing() throws Exception {
    FifoQueue<String> q = new FifoQueue<>(1);
    q.putNowait("first");
    Nursery.open(
        n -> {
          n.startSoon(() -> q.put("second"));
          Scheduling.awaitAllTasksBlocked(Duration.ZERO);
          QueueStatistics before = q.statistics();
          Throwable e = OtherThread.thrownBy(q::getNowait);
          assertTrue(e instanceof IllegalStateException, String.valueOf(e));
          assertEquals(before, q.statistics());
          assertEquals("first", q.get());
        });
    assertEquals("second", q.getNowait());
  }

  /** get() with a comparator that throws: the error comes out, no item is lost, putters stay. */
  @WeftTest
  void testThrowingComparatorOnGetLosesNothing() throws Exception {
    int[] left = {-1};
    IllegalStateException broken = new IllegalStateException("comparator broke");
    PriorityQueue<Integer> q = new PriorityQueue<>(8, failingAfter(left, broken));
    for (int i : List.of(3, 1, 4, 2, 8, 6, 7, 5)) {
      q.putNowait(i);
    }
    Nursery.open(
        n -> {
          n.startSoon(() -> q.put(0));
          Scheduling.awaitAllTasksBlocked(Duration.ZERO);
          QueueStatistics before = q.statistics();
          for (int allowed = 0; allowed < 3; allowed++) {
            left[0] = allowed;
            assertSame(broken, assertThrows(IllegalStateException.class, q::get));
            left[0] = allowed;
            assertSame(broken, assertThrows(IllegalStateException.class, q::getNowait));
            assertEquals(before, q.statistics());
          }
          left[0] = -1;
          assertEquals(1, q.get());
        });
    List<Integer> rest = new ArrayList<>();
    while (!q.empty()) {
      rest.add(q.getNowait());
      q.taskDone();
    }
    q.taskDone();
    assertEquals(List.of(0, 2, 3, 4, 5, 6, 7, 8), rest);
    assertEquals(new QueueStatistics(0, 8, 0, 0, 0, false), q.statistics());
    q.join();
  }

  /** put() with a comparator that throws: the error comes out, the queue is unchanged. */
  @WeftTest
  void testThrowingComparatorOnPutChangesNothing() throws Exception {
    int[] left = {-1};
    IllegalStateException broken = new IllegalStateException("comparator broke");
    PriorityQueue<Integer> q = new PriorityQueue<>(failingAfter(left, broken));
    for (int i = 0; i < 20; i++) {
      q.putNowait(20 - i);
    }
    QueueStatistics before = q.statistics();
    for (int allowed = 0; allowed < 4; allowed++) {
      left[0] = allowed;
      assertSame(broken, assertThrows(IllegalStateException.class, () -> q.put(0)));
      left[0] = allowed;
      assertSame(broken, assertThrows(IllegalStateException.class, () -> q.putNowait(0)));
      assertEquals(before, q.statistics());
    }
    left[0] = -1;
    List<Integer> all = new ArrayList<>();
    while (!q.empty()) {
      all.add(q.getNowait());
    }
    assertEquals(20, all.size());
    for (int i = 0; i < 20; i++) {
      assertEquals(i + 1, all.get(i));
    }
  }

  /** Items of mixed types in a queue without a comparator: weft's message, queue unchanged. */
  @WeftTest
  void testMixedTypesGetAClearMessage() throws Exception {
    PriorityQueue<Object> q = new PriorityQueue<>();
    q.putNowait("text");
    ClassCastException e = assertThrows(ClassCastException.class, () -> q.putNowait(42));
    assertTrue(e.getMessage().startsWith("PriorityQueue.putNowait:"), e.getMessage());
    assertTrue(e.getMessage().contains("Comparator"), e.getMessage());
    e = assertThrows(ClassCastException.class, () -> q.put(42));
    assertTrue(e.getMessage().startsWith("PriorityQueue.put:"), e.getMessage());
    assertEquals(1, q.qsize());
    assertEquals("text", q.getNowait());
  }
}
