package dev.weft.lowlevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.cancel.CancelScope;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The one waiter queue: values carried per task, FIFO, cancellation that takes nothing. */
class WaitQueueTest {
  /** Entries leave in arrival order with the values their tasks carry; the taker's value wakes them. */
  @WeftTest
  void testFifoWithValues() throws Exception {
    WaitQueue<String> q = new WaitQueue<>();
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      for (String v : List.of("a", "b", "c")) {
        n.startSoon(() -> log.add(v + " got " + q.park(v)));
      }
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(3, q.size());
      assertEquals("a", q.peek().value());
      for (int i = 1; q.peek() != null; i++) {
        WaitQueue.Entry<String> e = q.poll();
        assertFalse(e.isQueued());
        Scheduling.reschedule(e.task(), i);
      }
    });
    assertEquals(List.of("a got 1", "b got 2", "c got 3"), log);
    assertTrue(q.isEmpty());
  }

  /** A cancelled waiter leaves the queue and nobody can take its value; the others keep order. */
  @WeftTest
  void testCancelledWaiterLeaves() throws Exception {
    WaitQueue<String> q = new WaitQueue<>();
    CancelScope middle = new CancelScope();
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      n.startSoon(() -> q.park("a"));
      n.startSoon(() -> middle.run(() -> q.park("b")));
      n.startSoon(() -> q.park("c"));
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      middle.cancel();
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      for (WaitQueue.Entry<String> e : q.snapshot()) {
        log.add(e.value());
      }
      for (WaitQueue.Entry<String> e = q.poll(); e != null; e = q.poll()) {
        Scheduling.reschedule(e.task(), null);
      }
    });
    assertEquals(List.of("a", "c"), log);
    assertTrue(middle.cancelledCaught());
  }

  /** Moving entries keeps them parked and cancellable in their new queue. */
  @WeftTest
  void testMoveThenCancel() throws Exception {
    WaitQueue<Void> from = new WaitQueue<>();
    WaitQueue<Void> to = new WaitQueue<>();
    CancelScope scope = new CancelScope();
    Nursery.open(n -> {
      n.startSoon(() -> scope.run(() -> from.park(null)));
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(1, from.moveFirstTo(to, 5));
      assertEquals(0, from.size());
      assertEquals(1, to.size());
      scope.cancel();
    });
    assertTrue(to.isEmpty(), "the cancellation unlinked the entry from the queue it was in then");
    assertThrows(IllegalArgumentException.class, () -> to.moveFirstTo(to, 1));
    assertThrows(IllegalArgumentException.class, () -> to.moveFirstTo(from, -1));
  }

  /** park in a cancelled scope is a cancel point: it throws at once and leaves nothing queued. */
  @WeftTest
  void testParkInCancelledScope() throws Exception {
    WaitQueue<String> q = new WaitQueue<>();
    CancelScope scope = new CancelScope();
    scope.cancel();
    scope.run(() -> q.park("x"));
    assertTrue(scope.cancelledCaught());
    assertTrue(q.isEmpty());
    assertNull(q.poll());
  }
}
