package dev.weft.lowlevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.cancel.CancelledError;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** The park/reschedule protocol. */
class SchedulingTest {
  /** A parked task gets the value it is rescheduled with. */
  @WeftTest
  void testRescheduleWithValue() throws Exception {
    AtomicReference<Task> parked = new AtomicReference<>();
    List<Object> got = new ArrayList<>();
    Nursery.open(n -> {
      n.startSoon(() -> {
        parked.set(Scheduling.currentTask());
        got.add(Scheduling.waitTaskRescheduled(c -> Abort.SUCCEEDED));
      });
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      Scheduling.reschedule(parked.get(), 42);
    });
    assertEquals(List.of(42), got);
  }

  /** A parked task can be woken with an error, which its park throws. */
  @WeftTest
  void testRescheduleWithError() throws Exception {
    AtomicReference<Task> parked = new AtomicReference<>();
    java.io.IOException err = new java.io.IOException("wake with this");
    java.io.IOException thrown = assertThrows(java.io.IOException.class, () -> Nursery.open(n -> {
      n.startSoon(() -> {
        parked.set(Scheduling.currentTask());
        Scheduling.waitTaskRescheduled(c -> Abort.SUCCEEDED);
      });
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      Scheduling.rescheduleWithError(parked.get(), err);
    }));
    assertSame(err, thrown);
  }

  /** Rescheduling twice, or a task that is not parked, is an error. */
  @WeftTest
  void testRescheduleMisuse() throws Exception {
    Task me = Scheduling.currentTask();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Scheduling.reschedule(me, null));
    assertTrue(e.getMessage().contains("not parked"), e.getMessage());
    AtomicReference<Task> parked = new AtomicReference<>();
    Nursery.open(n -> {
      n.startSoon(() -> {
        parked.set(Scheduling.currentTask());
        Scheduling.waitTaskRescheduled(c -> Abort.SUCCEEDED);
      });
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      Scheduling.reschedule(parked.get(), 1);
      assertThrows(IllegalStateException.class, () -> Scheduling.reschedule(parked.get(), 2));
    });
  }

  /** An abort function that succeeds wakes the task with CancelledError; it runs exactly once. */
  @WeftTest
  void testAbortSucceeded() throws Exception {
    int[] aborts = new int[1];
    CancelScope scope = CancelScope.withRelativeDeadline(Duration.ofSeconds(1));
    scope.run(() -> Scheduling.waitTaskRescheduled(c -> {
      aborts[0]++;
      return Abort.SUCCEEDED;
    }));
    assertTrue(scope.cancelledCaught());
    assertEquals(1, aborts[0]);
  }

  /** An abort that fails leaves the task parked until someone reschedules it. */
  @WeftTest
  void testAbortFailed() throws Exception {
    List<String> log = new ArrayList<>();
    AtomicReference<Task> parked = new AtomicReference<>();
    AtomicReference<CancelledError> pending = new AtomicReference<>();
    CancelScope scope = new CancelScope();
    Nursery.open(n -> {
      n.startSoon(() -> scope.run(() -> {
        parked.set(Scheduling.currentTask());
        Object v = Scheduling.waitTaskRescheduled(c -> {
          pending.set(c);
          return Abort.FAILED;
        });
        log.add("woken with " + v);
        Weft.checkpoint(); // level-triggered: the cancellation is still there
        log.add("unreachable");
      }));
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      scope.cancel();
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      log.add("still parked, abort saw " + (pending.get() != null));
      Scheduling.reschedule(parked.get(), "late value");
    });
    assertEquals(List.of("still parked, abort saw true", "woken with late value"), log);
    assertTrue(scope.cancelledCaught());
  }

  /** Parking inside an already cancelled scope calls the abort function right away. */
  @WeftTest
  void testParkInCancelledScope() throws Exception {
    CancelScope scope = new CancelScope();
    scope.cancel();
    scope.run(() -> Scheduling.waitTaskRescheduled(c -> Abort.SUCCEEDED));
    assertTrue(scope.cancelledCaught());
  }

  /** checkpointIfCancelled raises only when cancelled; cancelShieldedCheckpoint never does. */
  @WeftTest
  void testPartialCheckpoints() throws Exception {
    Task me = Scheduling.currentTask();
    long schedule = me.schedulePoints();
    long cancel = me.cancelPoints();
    Scheduling.checkpointIfCancelled();
    assertEquals(schedule, me.schedulePoints());
    assertEquals(cancel + 1, me.cancelPoints());
    Scheduling.cancelShieldedCheckpoint();
    assertEquals(schedule + 1, me.schedulePoints());
    assertEquals(cancel + 1, me.cancelPoints());
    CancelScope scope = new CancelScope();
    List<String> log = new ArrayList<>();
    scope.run(() -> {
      scope.cancel();
      Scheduling.cancelShieldedCheckpoint();
      log.add("shielded checkpoint passed");
      Scheduling.checkpointIfCancelled();
      log.add("unreachable");
    });
    assertEquals(List.of("shielded checkpoint passed"), log);
    assertTrue(scope.cancelledCaught());
  }

  /** A system task belongs to the run, not to the caller's nursery. */
  @WeftTest
  void testSystemTask() throws Exception {
    List<String> log = new ArrayList<>();
    Task t = Scheduling.spawnSystemTask(() -> {
      Weft.sleep(Duration.ofSeconds(1));
      log.add("system ran at " + Weft.currentTime());
    }, "sys");
    assertTrue(t.isSystemTask());
    assertEquals("sys", t.name());
    Weft.sleep(Duration.ofSeconds(2));
    assertEquals(List.of("system ran at 1.0"), log);
    assertTrue(t.isDone());
  }

  /** A loop callback (no task) starts a system task the same way a task does. */
  @WeftTest
  void testSystemTaskFromLoopCallback() throws Exception {
    List<String> log = new ArrayList<>();
    AtomicReference<Task> started = new AtomicReference<>();
    Scheduling.currentRunToken()
        .runSyncSoon(() -> started.set(Scheduling.spawnSystemTask(() -> log.add("ran"), "cb")));
    Scheduling.awaitAllTasksBlocked(Duration.ZERO);
    assertTrue(started.get().isSystemTask());
    assertTrue(started.get().isDone());
    assertEquals(List.of("ran"), log);
  }

  /** A system task cannot start from a thread outside any loop; the error names the method. */
  @WeftTest
  void testSystemTaskOutsideLoop() throws Exception {
    AtomicReference<Throwable> err = new AtomicReference<>();
    Thread t =
        Thread.ofPlatform().start(() -> {
          try {
            Scheduling.spawnSystemTask(() -> {}, "x");
          } catch (Throwable e) {
            err.set(e);
          }
        });
    t.join();
    assertTrue(err.get() instanceof IllegalStateException, String.valueOf(err.get()));
    assertTrue(err.get().getMessage().startsWith("Scheduling.spawnSystemTask"), err.get().getMessage());
  }

  /** currentStatistics counts living and runnable tasks and the time to the next deadline. */
  @WeftTest
  void testStatistics() throws Exception {
    RunStatistics quiet = Scheduling.currentStatistics();
    assertEquals(new RunStatistics(1, 0, Double.POSITIVE_INFINITY, 0), quiet);
    Nursery.open(n -> {
      n.startSoon(() -> Weft.sleep(Duration.ofSeconds(3)));
      n.startSoon(Weft::sleepForever);
      n.startSoon(() -> {});
      RunStatistics starting = Scheduling.currentStatistics();
      assertEquals(4, starting.tasksLiving());
      assertEquals(3, starting.tasksRunnable());
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      RunStatistics settled = Scheduling.currentStatistics();
      assertEquals(3, settled.tasksLiving());
      assertEquals(0, settled.tasksRunnable());
      assertEquals(3.0, settled.secondsToNextDeadline());
      n.cancelScope().cancel();
    });
  }

  /** An abort function that returns null is a clear error. */
  @WeftTest
  void testAbortReturningNull() {
    CancelScope scope = new CancelScope();
    scope.cancel();
    IllegalStateException e = assertThrows(IllegalStateException.class, () ->
        scope.run(() -> Scheduling.waitTaskRescheduled(c -> null)));
    assertTrue(e.getMessage().contains("Abort.SUCCEEDED"), e.getMessage());
  }
}
