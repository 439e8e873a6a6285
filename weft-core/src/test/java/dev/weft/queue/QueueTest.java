package dev.weft.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.RunConfig;
import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.cancel.Timeouts;
import dev.weft.lowlevel.Scheduling;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.Trace;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;

/** {@link Queue} and its three orders: blocking, hand-off, cancellation, join, shutdown. */
class QueueTest {
  private static <T> List<T> drain(Queue<T> q) {
    List<T> out = new ArrayList<>();
    while (!q.empty()) {
      out.add(q.getNowait());
    }
    return out;
  }

  /** FIFO takes the oldest item first; LIFO the newest. */
  @WeftTest
  void testFifoAndLifoOrder() throws Exception {
    FifoQueue<Integer> fifo = new FifoQueue<>();
    LifoQueue<Integer> lifo = new LifoQueue<>();
    for (int i = 1; i <= 4; i++) {
      fifo.put(i);
      lifo.put(i);
    }
    assertEquals(List.of(1, 2, 3, 4), drain(fifo));
    assertEquals(List.of(4, 3, 2, 1), drain(lifo));
    lifo.put(1);
    lifo.put(2);
    assertEquals(2, lifo.get());
    lifo.put(3);
    assertEquals(List.of(3, 1), drain(lifo));
  }

  /** A priority queue takes the lowest item first, by natural order or by a comparator. */
  @WeftTest
  void testPriorityOrder() throws Exception {
    PriorityQueue<Integer> natural = new PriorityQueue<>();
    PriorityQueue<String> byLength = new PriorityQueue<>(Comparator.comparingInt(String::length));
    for (int i : List.of(5, 1, 4, 2, 3)) {
      natural.put(i);
    }
    for (String s : List.of("ccc", "a", "dddd", "bb")) {
      byLength.putNowait(s);
    }
    assertEquals(List.of(1, 2, 3, 4, 5), drain(natural));
    assertEquals(List.of("a", "bb", "ccc", "dddd"), drain(byLength));
    assertTrue(natural.comparator().isEmpty());
    assertTrue(byLength.comparator().isPresent());
  }

  /** Equal priorities come out in put order; a reversed comparator puts the largest first. */
  @WeftTest
  void testPriorityTiesAreFifo() throws Exception {
    record Job(int priority, String name) {}
    PriorityQueue<Job> q = new PriorityQueue<>(10, Comparator.comparingInt(Job::priority));
    for (String name : List.of("a", "b", "c")) {
      q.put(new Job(2, name));
      q.put(new Job(1, name.toUpperCase()));
    }
    assertEquals(List.of("A", "B", "C", "a", "b", "c"), drain(q).stream().map(Job::name).toList());
    PriorityQueue<Integer> max = new PriorityQueue<>(Comparator.reverseOrder());
    max.put(1);
    max.put(3);
    max.put(2);
    assertEquals(List.of(3, 2, 1), drain(max));
  }

  /** A natural-order priority queue rejects an item that is not Comparable, unchanged. */
  @WeftTest
  void testPriorityRejectsNonComparable() {
    PriorityQueue<Object> q = new PriorityQueue<>(1);
    ClassCastException e = assertThrows(ClassCastException.class, () -> q.put(new Object()));
    assertTrue(e.getMessage().contains("not Comparable"), e.getMessage());
    assertThrows(ClassCastException.class, () -> q.putNowait(new Object()));
    assertEquals(new QueueStatistics(0, 1, 0, 0, 0, false), q.statistics());
  }

  /** get waits while the queue is empty; put hands the item straight to the first getter. */
  @WeftTest
  void testGetWaitsAndGettersAreFifo() throws Exception {
    FifoQueue<String> q = new FifoQueue<>();
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      for (String name : List.of("g1", "g2", "g3")) {
        n.startSoon(() -> log.add(name + " got " + q.get() + " at " + Weft.currentTime()));
      }
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(3, q.statistics().tasksWaitingGet());
      Weft.sleep(Duration.ofSeconds(1));
      q.put("x");
      q.putNowait("y");
      assertEquals(0, q.qsize()); // handed over, not queued
      Weft.sleep(Duration.ofSeconds(1));
      q.put("z");
    });
    assertEquals(List.of("g1 got x at 1.0", "g2 got y at 1.0", "g3 got z at 2.0"), log);
    assertEquals(new QueueStatistics(0, 0, 3, 0, 0, false), q.statistics());
  }

  /** put waits while the queue is full; a get moves the first putter's item in, in order. */
  @WeftTest
  void testPutWaitsAndPuttersAreFifo() throws Exception {
    FifoQueue<String> q = new FifoQueue<>(2);
    q.put("a");
    q.put("b");
    assertTrue(q.full());
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      for (String item : List.of("c", "d")) {
        n.startSoon(() -> {
          q.put(item);
          log.add("put " + item + " at " + Weft.currentTime());
        });
      }
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(new QueueStatistics(2, 2, 2, 0, 2, false), q.statistics());
      Weft.sleep(Duration.ofSeconds(1));
      assertEquals("a", q.get());
      assertEquals(2, q.qsize()); // c moved in at once
      Weft.sleep(Duration.ofSeconds(1));
      assertEquals("b", q.getNowait());
    });
    assertEquals(List.of("put c at 1.0", "put d at 2.0"), log);
    assertEquals(List.of("c", "d"), drain(q));
  }

  /** putNowait on a full queue and getNowait on an empty one throw, changing nothing. */
  @WeftTest
  void testNowaitErrors() {
    FifoQueue<Integer> q = new FifoQueue<>(1);
    QueueEmptyException empty = assertThrows(QueueEmptyException.class, q::getNowait);
    assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    assertTrue(empty instanceof NoSuchElementException);
    q.putNowait(1);
    QueueFullException full = assertThrows(QueueFullException.class, () -> q.putNowait(2));
    assertTrue(full.getMessage().contains("maxsize 1"), full.getMessage());
    assertEquals(new QueueStatistics(1, 1, 1, 0, 0, false), q.statistics());
    assertThrows(NullPointerException.class, () -> q.putNowait(null));
    assertThrows(NullPointerException.class, () -> q.put(null));
  }

  /** maxsize 0 or less means unbounded: never full. */
  @WeftTest
  void testUnbounded() throws Exception {
    for (FifoQueue<Integer> q : List.of(new FifoQueue<Integer>(), new FifoQueue<Integer>(-1))) {
      for (int i = 0; i < 1000; i++) {
        q.putNowait(i);
      }
      assertFalse(q.full());
      assertEquals(1000, q.qsize());
      assertTrue(q.maxsize() <= 0);
    }
  }

  /** A cancelled get takes nothing: the item goes to the next getter, nothing is lost. */
  @WeftTest
  void testCancelledGetTakesNothing() throws Exception {
    FifoQueue<String> q = new FifoQueue<>();
    CancelScope scope = new CancelScope();
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      n.startSoon(() -> scope.run(() -> log.add("unreachable " + q.get())));
      n.startSoon(() -> log.add("second got " + q.get()));
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      scope.cancel();
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(1, q.statistics().tasksWaitingGet());
      q.put("x");
      q.put("y");
    });
    assertEquals(List.of("second got x"), log);
    assertEquals(List.of("y"), drain(q));
    CancelScope cancelled = new CancelScope();
    cancelled.cancel();
    q.put("z");
    cancelled.run(q::get); // cancelled even though an item is ready: it stays queued
    assertEquals(List.of("z"), drain(q));
  }

  /** An item handed to a getter that is then cancelled is still delivered by its get. */
  @WeftTest
  void testHandedItemIsNotLost() throws Exception {
    FifoQueue<String> q = new FifoQueue<>();
    CancelScope scope = new CancelScope();
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      n.startSoon(() -> scope.run(() -> {
        log.add("got " + q.get());
        Weft.checkpoint();
        log.add("unreachable");
      }));
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      q.put("x");
      scope.cancel();
    });
    assertEquals(List.of("got x"), log);
    assertEquals(0, q.qsize());
  }

  /** A cancelled put adds nothing: the queue keeps its items and the next putter's goes in. */
  @WeftTest
  void testCancelledPutAddsNothing() throws Exception {
    FifoQueue<String> q = new FifoQueue<>(1);
    q.put("a");
    CancelScope scope = new CancelScope();
    Nursery.open(n -> {
      n.startSoon(() -> scope.run(() -> q.put("cancelled")));
      n.startSoon(() -> q.put("b"));
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      scope.cancel();
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(new QueueStatistics(1, 1, 1, 0, 1, false), q.statistics());
      assertEquals("a", q.get());
      assertEquals("b", q.get());
    });
    assertTrue(scope.cancelledCaught());
    assertEquals(new QueueStatistics(0, 1, 2, 0, 0, false), q.statistics());
    CancelScope timeout = Timeouts.moveOnAfter(Duration.ofSeconds(1), () -> {
      q.put("c");
      q.put("d"); // full: waits until the timeout
    });
    assertTrue(timeout.cancelledCaught());
    assertEquals(List.of("c"), drain(q));
  }

  /** join waits until taskDone has been called once per item put. */
  @WeftTest
  void testJoinAndTaskDone() throws Exception {
    FifoQueue<Integer> q = new FifoQueue<>();
    Trace trace = new Trace();
    q.join(); // nothing outstanding: returns at once
    for (int i = 0; i < 3; i++) {
      q.put(i);
    }
    Nursery.open(n -> {
      n.startSoon(() -> {
        trace.expect(1);
        q.join();
        trace.expect(4);
      });
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      for (int i = 0; i < 3; i++) {
        q.get();
      }
      assertEquals(3, q.statistics().unfinishedTasks());
      q.taskDone();
      q.taskDone();
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      trace.expect(2);
      assertEquals(1, q.statistics().unfinishedTasks());
      q.taskDone();
      trace.expect(3);
    });
    trace.finish(5);
    IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
    assertTrue(e.getMessage().contains("more times than items were put"), e.getMessage());
    assertEquals(0, q.statistics().unfinishedTasks());
  }

  /** shutdown: puts fail, gets drain what is left then fail, and waiting putters fail. */
  @WeftTest
  void testShutdown() throws Exception {
    FifoQueue<String> q = new FifoQueue<>(1);
    q.put("a");
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      n.startSoon(() -> {
        try {
          q.put("b");
        } catch (QueueShutDownException e) {
          log.add("putter: " + e.getMessage());
        }
      });
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      q.shutdown();
      assertTrue(q.isShutDown());
    });
    assertEquals(List.of("putter: FifoQueue.put: the queue was shut down; the item was not added"),
        log);
    assertThrows(QueueShutDownException.class, () -> q.put("c"));
    assertThrows(QueueShutDownException.class, () -> q.putNowait("c"));
    assertEquals("a", q.get()); // what was queued can still be taken
    QueueShutDownException e = assertThrows(QueueShutDownException.class, q::get);
    assertTrue(e.getMessage().contains("shut down and empty"), e.getMessage());
    assertThrows(QueueShutDownException.class, q::getNowait);
    assertEquals(new QueueStatistics(0, 1, 1, 0, 0, true), q.statistics());
  }

  /** Waiting getters fail when the queue is shut down. */
  @WeftTest
  void testShutdownWakesGetters() throws Exception {
    LifoQueue<String> q = new LifoQueue<>();
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      for (int i = 0; i < 2; i++) {
        n.startSoon(() -> {
          try {
            q.get();
          } catch (QueueShutDownException e) {
            log.add(e.getMessage());
          }
        });
      }
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      q.shutdown(false);
    });
    assertEquals(List.of("LifoQueue.get: the queue was shut down",
        "LifoQueue.get: the queue was shut down"), log);
  }

  /** shutdown(true) discards the queued items, counts them done, and releases join. */
  @WeftTest
  void testShutdownImmediate() throws Exception {
    PriorityQueue<Integer> q = new PriorityQueue<>();
    for (int i = 0; i < 4; i++) {
      q.put(i);
    }
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      assertEquals(0, q.get()); // taken, not yet done
      n.startSoon(() -> {
        q.join();
        log.add("join returned at " + Weft.currentTime());
      });
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      q.shutdown(true);
      assertEquals(new QueueStatistics(0, 0, 1, 0, 0, true), q.statistics());
      Weft.sleep(Duration.ofSeconds(1));
      q.taskDone(); // the item taken before the shutdown
    });
    assertEquals(List.of("join returned at 1.0"), log);
    assertThrows(QueueShutDownException.class, q::get);
  }

  /** put, get and join are checkpoints even when they need not wait; the rest are not. */
  @WeftTest
  void testCheckpoints() throws Exception {
    FifoQueue<Integer> q = new FifoQueue<>(2);
    Checkpoints.assertCheckpoints(() -> q.put(1));
    Checkpoints.assertCheckpoints(q::get);
    Checkpoints.assertNoCheckpoints(() -> {
      q.putNowait(2);
      q.getNowait();
      q.taskDone();
      q.taskDone();
      q.qsize();
      q.statistics();
    });
    Checkpoints.assertCheckpoints(q::join);
    Nursery.open(n -> {
      n.startSoon(() -> Checkpoints.assertCheckpoints(q::get));
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      q.put(3);
    });
    Checkpoints.assertNoCheckpoints(() -> q.shutdown(true));
    assertTrue(q.toString().contains("shut down"), q.toString());
  }

  /**
   * A task looping on put into a queue with room lets every other runnable task run within the
   * scheduling budget (fails when the budget is not enforced).
   */
  @WeftTest(schedulingBudgets = {RunConfig.DEFAULT_SCHEDULING_BUDGET, 1})
  void testPutLoopWithRoomLetsOthersRun(RunConfig config) throws Exception {
    FifoQueue<Integer> q = new FifoQueue<>();
    Checkpoints.assertLetsOthersRun(config.schedulingBudget(), () -> q.put(1));
  }

}
