package dev.weft.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link RunQueue}: FIFO across wrap-around and growth, and nothing lost when growth fails
 * (issue 11, item 4: {@code ArrayDeque} reads as empty after an OutOfMemoryError in its growth),
 * and moving the newest entries to the front (ADR 0012).
 * Plain JUnit: the queue is a data structure with no loop and no engine.
 */
class RunQueueTest {
  @Test
  void testFifoAcrossWrapAndGrowth() {
    RunQueue q = new RunQueue();
    int next = 0;
    int expected = 0;
    // Interleave adds and polls so that head moves and the entries wrap before each growth.
    for (int round = 0; round < 200; round++) {
      for (int i = 0; i < 7; i++) {
        q.add(next++);
      }
      for (int i = 0; i < 5; i++) {
        assertEquals(expected++, q.poll());
      }
    }
    assertEquals(next - expected, q.size());
    while (!q.isEmpty()) {
      assertEquals(expected++, q.poll());
    }
    assertEquals(next, expected);
    assertNull(q.poll());
  }

  @Test
  void testFailedGrowthLosesNothing() {
    RunQueue q =
        new RunQueue() {
          @Override
          Object[] allocate(int length) {
            throw new OutOfMemoryError("Java heap space (simulated)");
          }
        };
    // Wrap first, so the entries straddle the end of the array when growth fails.
    for (int i = 0; i < 10; i++) {
      q.add(-1);
      q.poll();
    }
    for (int i = 0; i < 16; i++) {
      q.add(i);
    }
    OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> q.add(16));
    assertTrue(e.getMessage().contains("simulated"), e.getMessage());
    assertEquals(16, q.size());
    for (int i = 0; i < 16; i++) {
      assertEquals(i, q.poll());
    }
    assertTrue(q.isEmpty());
  }

  /** The newest entries move ahead of the others in their order, across the wrap-around too. */
  @Test
  void testMoveNewestToFront() {
    RunQueue q = new RunQueue();
    for (int i = 0; i < 12; i++) {
      q.add(-1);
      q.poll(); // head now at 12 of 16: the entries below wrap round
    }
    for (int i = 0; i < 10; i++) {
      q.add(i);
    }
    q.moveNewestToFront(3);
    q.moveNewestToFront(0);
    for (int expected : new int[] {7, 8, 9, 0, 1, 2, 3, 4, 5, 6}) {
      assertEquals(expected, q.poll());
    }
    assertNull(q.poll());
  }
}
