package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.lowlevel.Clock;
import dev.weft.lowlevel.RunToken;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.Task;
import dev.weft.testing.MockClock;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Weft.run, the loop and its cross-thread inbox. */
class RunTest {
  private static java.util.function.UnaryOperator<RunConfig> mock(Engine e) {
    return c -> c.withClock(MockClock.autojumping()).withEngine(e);
  }

  /** run returns the main task's value. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testRunReturnsValue(Engine e) throws Exception {
    assertEquals("done", Weft.run(mock(e), () -> {
      Weft.sleep(Duration.ofSeconds(1));
      return "done";
    }));
  }

  /** A run that chooses no clock uses the system clock (checked without waiting on it). */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testDefaultClockIsSystemClock(Engine e) throws Exception {
    assertSame(Clock.system(), Weft.run(c -> c.withEngine(e), Scheduling::currentClock));
    assertSame(Clock.system(), RunConfig.defaults().clock());
  }

  /** Calling run from inside a loop is a clear error. */
  @WeftTest
  void testRunInsideLoopIsAnError() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Weft.run(() -> {}));
    assertTrue(e.getMessage().contains("inside a running weft loop"), e.getMessage());
    assertTrue(e.getMessage().contains("Nursery.open"), e.getMessage());
  }

  /** Calling run from a callback on the loop's own thread is the same error. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testRunInLoopCallbackIsAnError(Engine e) {
    IllegalStateException crash =
        assertThrows(
            IllegalStateException.class,
            () -> Weft.run(mock(e), () -> {
              Scheduling.currentRunToken().runSyncSoon(() -> {
                try {
                  Weft.run(() -> {});
                } catch (Exception ex) {
                  throw new RuntimeException(ex);
                }
              });
              Weft.sleepForever();
            }));
    assertTrue(
        crash.getCause().getMessage().contains("callback on the loop's thread"),
        crash.getCause().getMessage());
  }

  /** Task-only API called outside a loop is a clear error. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testApiOutsideLoop(Engine ignored) {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Weft.sleep(Duration.ZERO));
    assertTrue(e.getMessage().contains("Weft.run"), e.getMessage());
    assertThrows(IllegalStateException.class, Weft::currentTime);
    assertThrows(IllegalStateException.class, () -> Nursery.open(n -> {}));
  }

  /** run can be called from a virtual thread; the fast engine then runs its loop elsewhere. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testRunFromVirtualThread(Engine e) throws Exception {
    AtomicReference<Object> result = new AtomicReference<>();
    Thread t = Thread.ofVirtual().start(() -> {
      try {
        result.set(Weft.run(mock(e), () -> {
          Nursery.open(n -> n.startSoon(() -> Weft.sleep(Duration.ofSeconds(1))));
          return Weft.currentTime();
        }));
      } catch (Exception ex) {
        result.set(ex);
      }
    });
    t.join();
    assertEquals(1.0, result.get());
  }

  /** Several loops in several threads run independently. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testIndependentLoops(Engine e) throws Exception {
    List<Thread> threads = new ArrayList<>();
    Object[] results = new Object[4];
    for (int i = 0; i < 4; i++) {
      int id = i;
      threads.add(Thread.ofPlatform().start(() -> {
        try {
          results[id] = Weft.run(mock(e), () -> {
            Nursery.open(n -> {
              for (int k = 0; k < 10; k++) {
                n.startSoon(() -> Weft.sleep(Duration.ofSeconds(id + 1)));
              }
            });
            return Weft.currentTime();
          });
        } catch (Exception ex) {
          results[id] = ex;
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(List.of(1.0, 2.0, 3.0, 4.0), List.of(results));
  }

  /** The inbox wakes a loop that waits with nothing to do, and runs the callback on the loop. */
  @WeftTest
  void testRunSyncSoonWakesLoop() throws Exception {
    RunToken token = Scheduling.currentRunToken();
    Task me = Weft.currentTask();
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    Thread helper = Thread.ofPlatform().start(() -> token.runSyncSoon(() -> {
      ranOn.set(Thread.currentThread());
      Scheduling.reschedule(me, "from another thread");
    }));
    // Nothing else is pending: without the wake-up the loop would wait forever.
    String got = Scheduling.waitTaskRescheduled(c -> dev.weft.lowlevel.Abort.SUCCEEDED);
    helper.join();
    assertEquals("from another thread", got);
    assertFalse(ranOn.get().getName().equals(helper.getName()));
  }

  /** Callbacks run in the order they were posted. */
  @WeftTest
  void testRunSyncSoonOrder() throws Exception {
    RunToken token = Scheduling.currentRunToken();
    Task me = Weft.currentTask();
    List<Integer> seen = new ArrayList<>();
    Thread helper = Thread.ofPlatform().start(() -> {
      for (int i = 0; i < 100; i++) {
        int k = i;
        token.runSyncSoon(() -> seen.add(k));
      }
      token.runSyncSoon(() -> Scheduling.reschedule(me, null));
    });
    Scheduling.waitTaskRescheduled(c -> dev.weft.lowlevel.Abort.SUCCEEDED);
    helper.join();
    for (int i = 0; i < 100; i++) {
      assertEquals(i, seen.get(i));
    }
  }

  /** A loop thread the engine makes is named after the loop's id, so thread dumps tell loops apart. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testLoopThreadNamedWithLoopId(Engine e) throws Exception {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < 2; i++) {
      // From a virtual thread, both engines run the loop on a thread of their own.
      Thread caller =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      names.add(
                          Weft.run(
                              mock(e),
                              () -> {
                                String[] name = new String[1];
                                Scheduling.currentRunToken()
                                    .runSyncSoon(() -> name[0] = Thread.currentThread().getName());
                                Scheduling.awaitAllTasksBlocked(java.time.Duration.ZERO);
                                return name[0];
                              }));
                    } catch (Exception ex) {
                      names.add(ex.toString());
                    }
                  });
      caller.join();
    }
    assertTrue(names.get(0).matches("weft-loop-\\d+"), names.toString());
    assertTrue(names.get(1).matches("weft-loop-\\d+"), names.toString());
    assertTrue(!names.get(0).equals(names.get(1)), names.toString());
  }

  /** Posting to a finished run is an error; a failing callback crashes the run. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testRunTokenMisuse(Engine e) throws Exception {
    RunToken token = Weft.run(mock(e), Scheduling::currentRunToken);
    IllegalStateException finished =
        assertThrows(IllegalStateException.class, () -> token.runSyncSoon(() -> {}));
    assertTrue(finished.getMessage().contains("finished"), finished.getMessage());
    boolean[] ran = new boolean[1];
    assertFalse(token.tryRunSyncSoon(() -> ran[0] = true));
    assertFalse(ran[0]);

    RuntimeException boom = new RuntimeException("callback failed");
    IllegalStateException crash =
        assertThrows(
            IllegalStateException.class,
            () -> Weft.run(mock(e), () -> {
              Scheduling.currentRunToken().runSyncSoon(() -> { throw boom; });
              Weft.sleepForever();
            }));
    assertSame(boom, crash.getCause());
  }

  /**
   * With autojump off, a loop whose only timer is far off still wakes for the inbox; switching
   * autojump back on from a task resumes virtual time.
   */
  @WeftTest
  void testInboxWakesLoopWithPendingTimer(MockClock clock) throws Exception {
    RunToken token = Scheduling.currentRunToken();
    Task me = Weft.currentTask();
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      n.startSoon(() -> {
        Weft.sleep(Duration.ofSeconds(10));
        log.add("sleeper woke at " + Weft.currentTime());
      });
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      clock.setAutojumpThreshold(null);
      Thread helper = Thread.ofPlatform().start(() -> token.runSyncSoon(() -> Scheduling.reschedule(me, null)));
      Scheduling.waitTaskRescheduled(c -> dev.weft.lowlevel.Abort.SUCCEEDED);
      helper.join();
      log.add("woken by the inbox at " + Weft.currentTime());
      clock.setAutojumpThreshold(Duration.ZERO);
    });
    assertEquals(List.of("woken by the inbox at 0.0", "sleeper woke at 10.0"), log);
  }

  /** A failing system task crashes the run, cancelling the main task. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testSystemTaskFailureCrashesRun(Engine e) {
    IllegalStateException boom = new IllegalStateException("system");
    List<String> log = new ArrayList<>();
    IllegalStateException crash =
        assertThrows(
            IllegalStateException.class,
            () -> Weft.run(mock(e), () -> {
              Scheduling.spawnSystemTask(() -> {
                Weft.sleep(Duration.ofSeconds(1));
                throw boom;
              }, "bad");
              try {
                Weft.sleepForever();
              } finally {
                log.add("main cancelled at " + Weft.currentTime());
              }
            }));
    assertSame(boom, crash.getCause());
    assertEquals(List.of("main cancelled at 1.0"), log);
  }

  /** allTasks lists every live task in tree order; currentRootTask is the main task. */
  @WeftTest
  void testAllTasks() throws Exception {
    Task main = Weft.currentTask();
    assertSame(main, Scheduling.currentRootTask());
    Nursery.open(n -> {
      n.startSoon(Weft::sleepForever, "a");
      n.startSoon(() -> Nursery.open(m -> m.startSoon(Weft::sleepForever, "b.child")), "b");
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      List<String> names = Scheduling.allTasks().stream().map(Task::name).toList();
      assertEquals(List.of("weft-main", "a", "b", "b.child"), names);
      n.cancelScope().cancel();
    });
    assertEquals(List.of(main), Scheduling.allTasks());
  }

  /** awaitAllTasksBlocked returns only once the others are all parked; smallest cushion first. */
  @WeftTest
  void testAwaitAllTasksBlocked() throws Exception {
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      n.startSoon(() -> {
        for (int i = 0; i < 5; i++) {
          Weft.checkpoint();
        }
        log.add("busy done");
      });
      n.startSoon(() -> {
        Scheduling.awaitAllTasksBlocked(Duration.ofMillis(1));
        log.add("cushion 1ms");
      });
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      log.add("cushion 0");
    });
    assertEquals(List.of("busy done", "cushion 0", "cushion 1ms"), log);
  }

  /** The clock of the run is the one configured. */
  @WeftTest
  void testCurrentClock(MockClock clock) {
    Clock c = Scheduling.currentClock();
    assertSame(clock, c);
  }

  /** RunConfig rejects nulls and Engine reports availability. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testRunConfig(Engine e) {
    assertThrows(NullPointerException.class, () -> RunConfig.defaults().withClock(null));
    assertEquals(e, RunConfig.defaults().withEngine(e).engine());
    assertTrue(e.isAvailable(), "tests run with --add-opens, so both engines must be available");
  }
}
