package dev.weft.asyncio;

import static dev.weft.asyncio.Asyncio.createTask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.RunConfig;
import dev.weft.lowlevel.Scheduling;
import dev.weft.sync.BrokenBarrierException;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** asyncio's Barrier (CPython test_locks.BarrierTests). */
class AsyncBarrierTest {
  /** Each round hands out the indices 0..parties-1; the barrier is cyclic. */
  @WeftTest
  void testTwoRounds() throws Exception {
    AsyncBarrier barrier = new AsyncBarrier(3);
    for (int round = 0; round < 2; round++) {
      List<AsyncTask<Integer>> ts = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ts.add(createTask(barrier::await));
      }
      Set<Integer> indices = new TreeSet<>();
      for (AsyncTask<Integer> t : ts) {
        indices.add(t.await());
      }
      assertEquals(Set.of(0, 1, 2), indices);
      assertEquals(0, barrier.waiting());
    }
  }

  /** abort() breaks the barrier for the waiting tasks and for later arrivals. */
  @WeftTest
  void testAbort() throws Exception {
    AsyncBarrier barrier = new AsyncBarrier(2);
    AsyncTask<Integer> t = createTask(barrier::await);
    Scheduling.awaitAllTasksBlocked(Duration.ZERO);
    assertEquals(1, barrier.waiting());
    barrier.abort();
    assertThrows(BrokenBarrierException.class, t::await);
    assertTrue(barrier.broken());
    assertThrows(BrokenBarrierException.class, barrier::await);
  }

  /** reset() sends the waiting tasks away and the barrier works again. */
  @WeftTest
  void testReset() throws Exception {
    AsyncBarrier barrier = new AsyncBarrier(2);
    AsyncTask<Integer> t = createTask(barrier::await);
    Scheduling.awaitAllTasksBlocked(Duration.ZERO);
    barrier.reset();
    assertThrows(BrokenBarrierException.class, t::await);
    AsyncTask<Integer> u = createTask(barrier::await);
    barrier.await();
    u.await();
    assertThrows(IllegalArgumentException.class, () -> new AsyncBarrier(0));
  }

  /**
   * The task that trips the barrier returns before the tasks it wakes, as in CPython (3.11:
   * ['t2 index 2', 't0 index 0', 't1 index 1']), under the default policy and under Trio's.
   */
  @WeftTest(schedulingBudgets = {RunConfig.DEFAULT_SCHEDULING_BUDGET, 1})
  void testTrippingTaskReturnsFirst() throws Exception {
    AsyncBarrier barrier = new AsyncBarrier(3);
    List<String> log = new ArrayList<>();
    List<AsyncTask<Object>> ts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int delay = i;
      ts.add(
          createTask(
              () -> {
                Asyncio.sleep(Duration.ofSeconds(delay));
                int index = barrier.await();
                log.add("t" + delay + " index " + index);
                return null;
              }));
    }
    for (AsyncTask<Object> t : ts) {
      t.await();
    }
    assertEquals(List.of("t2 index 2", "t0 index 0", "t1 index 1"), log);
  }
}
