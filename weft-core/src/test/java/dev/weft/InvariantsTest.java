package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.cancel.CancelScope;
import dev.weft.cancel.Timeouts;
import dev.weft.channel.MemoryChannel;
import dev.weft.channel.MemoryReceiveChannel;
import dev.weft.channel.MemorySendChannel;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.Task;
import dev.weft.sync.Lock;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.MockClock;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The invariants of DESIGN.md, one test (or more) each. */
class InvariantsTest {

  /** 1. At most one task of a loop runs at any moment, even with two cores free. */
  @WeftTest
  void testOneTaskAtATime() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    Nursery.open(
        n -> {
          for (int t = 0; t < 20; t++) {
            n.startSoon(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    if (running.incrementAndGet() != 1) {
                      overlaps.incrementAndGet();
                    }
                    // Work long enough that a second carrier thread would be caught overlapping.
                    long x = 0;
                    for (int k = 0; k < 2_000; k++) {
                      x += Long.numberOfTrailingZeros(k * 31L + i);
                    }
                    if (x < 0) {
                      throw new AssertionError();
                    }
                    running.decrementAndGet();
                    Weft.checkpoint();
                  }
                });
          }
        });
    assertEquals(0, overlaps.get());
  }

  /** 2. Switches happen only at checkpoints: code between two checkpoints is never interleaved. */
  @WeftTest
  void testSwitchOnlyAtCheckpoints() throws Exception {
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          for (String name : List.of("a", "b", "c")) {
            n.startSoon(
                () -> {
                  for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < 3; i++) {
                      log.add(name + round);
                    }
                    Weft.checkpoint();
                  }
                });
          }
        });
    List<String> expected = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (String name : List.of("a", "b", "c")) {
        expected.addAll(List.of(name + round, name + round, name + round));
      }
    }
    assertEquals(expected, log);
  }

  /** 3. Every blocking operation is a checkpoint even when it does not block. */
  @WeftTest
  void testBlockingOperationsAlwaysCheckpoint() throws Exception {
    Checkpoints.assertCheckpoints(Weft::checkpoint);
    Checkpoints.assertCheckpoints(() -> Weft.sleep(Duration.ZERO));
    Checkpoints.assertCheckpoints(() -> Weft.sleep(Duration.ofSeconds(1)));
    Checkpoints.assertCheckpoints(() -> Weft.sleepUntil(Weft.currentTime() - 5));
    Checkpoints.assertCheckpoints(() -> Scheduling.awaitAllTasksBlocked(Duration.ZERO));
    Nursery.open(n -> Checkpoints.assertCheckpoints(() -> n.start(TaskStatus::started)));
    CancelScope cancelled = new CancelScope();
    cancelled.cancel();
    cancelled.run(
        () -> {
          Checkpoints.assertCheckpoints(Weft::sleepForever);
          Checkpoints.assertCheckpoints(
              () -> Scheduling.waitTaskRescheduled(c -> dev.weft.lowlevel.Abort.SUCCEEDED));
        });
    assertTrue(cancelled.cancelledCaught());
  }

  /** 3b. Non-blocking operations are never checkpoints. */
  @WeftTest
  void testNonBlockingOperationsNeverCheckpoint() throws Exception {
    Nursery.open(
        n ->
            Checkpoints.assertNoCheckpoints(
                () -> {
                  n.startSoon(() -> {});
                  Weft.currentTime();
                  Weft.currentTask();
                  new CancelScope().cancel();
                  n.childTasks();
                }));
  }

  /** 3c. The assertion helpers themselves fail when they should. */
  @WeftTest
  void testCheckpointAssertionsFail() {
    assertThrows(AssertionError.class, () -> Checkpoints.assertCheckpoints(() -> {}));
    assertThrows(AssertionError.class, () -> Checkpoints.assertNoCheckpoints(Weft::checkpoint));
    // A schedule point alone is not a checkpoint.
    assertThrows(
        AssertionError.class, () -> Checkpoints.assertCheckpoints(Scheduling::cancelShieldedCheckpoint));
    // A body that throws is still checked, and its exception becomes the cause.
    IllegalStateException boom = new IllegalStateException("no checkpoint before this");
    AssertionError e =
        assertThrows(AssertionError.class, () -> Checkpoints.assertCheckpoints(() -> { throw boom; }));
    assertSame(boom, e.getCause());
    // A body that checkpoints and then throws passes the check and rethrows as itself.
    assertSame(
        boom,
        assertThrows(
            IllegalStateException.class,
            () -> Checkpoints.assertCheckpoints(() -> {
              Weft.checkpoint();
              throw boom;
            })));
  }

  /**
   * 4. Under MockClock the same program prints the same thing on every run, with the default
   * scheduling budget and with Trio's: the budget counts schedule points, not time. The program
   * passes schedule points that do not switch (sends into a buffered channel, uncontended lock
   * acquires), so the budget's bookkeeping decides part of its interleaving.
   */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testDeterministicUnderMockClock(Engine engine) throws Exception {
    for (int budget : new int[] {RunConfig.DEFAULT_SCHEDULING_BUDGET, 1}) {
      List<String> first = busyProgram(engine, budget);
      for (int i = 0; i < 3; i++) {
        assertEquals(first, busyProgram(engine, budget));
      }
      assertTrue(first.size() > 100, "the program should do real work: " + first.size());
    }
  }

  private static List<String> busyProgram(Engine engine, int budget) throws Exception {
    List<String> log = new ArrayList<>();
    Random random = new Random(42);
    Lock lock = new Lock();
    Weft.run(
        c -> c.withClock(MockClock.autojumping()).withEngine(engine).withSchedulingBudget(budget),
        () ->
            Nursery.open(
                n -> {
                  MemoryChannel<String> channel = MemoryChannel.open(8);
                  MemoryReceiveChannel<String> rx = channel.receiveChannel();
                  n.startSoon(
                      () -> {
                        try (rx) {
                          for (String v : rx) {
                            log.add("got " + v);
                          }
                        }
                      });
                  try (MemorySendChannel<String> tx = channel.sendChannel()) {
                    for (int t = 0; t < 30; t++) {
                      int id = t;
                      long sleep = random.nextInt(1000);
                      MemorySendChannel<String> mine = tx.clone();
                      n.startSoon(
                          () -> {
                            try (mine) {
                              CancelScope s =
                                  Timeouts.moveOnAfter(
                                      Duration.ofMillis(500),
                                      () -> {
                                        for (int k = 0; k < 3; k++) {
                                          Weft.sleep(Duration.ofMillis(sleep / 3));
                                          log.add(id + ":" + k + "@" + Weft.currentTime());
                                          for (int m = 0; m < 5; m++) {
                                            try (var _ = lock.acquire()) {
                                              mine.send(id + "." + k + "." + m);
                                            }
                                          }
                                          Weft.checkpoint();
                                        }
                                      });
                              log.add(
                                  id
                                      + (s.cancelledCaught() ? " timed out" : " done")
                                      + "@"
                                      + Weft.currentTime());
                            }
                          });
                    }
                  }
                }));
    return log;
  }

  /** 5. run returns only when every task it started has ended, system tasks included. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testNoTaskOutlivesRun(Engine engine) throws Exception {
    List<Task> tasks = new ArrayList<>();
    List<String> log = new ArrayList<>();
    Weft.run(
        c -> c.withClock(MockClock.autojumping()).withEngine(engine),
        () -> {
          tasks.add(
              Scheduling.spawnSystemTask(
                  () -> {
                    try {
                      Weft.sleepForever();
                    } finally {
                      log.add("system task cancelled at " + Weft.currentTime());
                    }
                  },
                  "system"));
          Nursery.open(n -> {
            n.startSoon(() -> Weft.sleep(Duration.ofSeconds(1)));
            tasks.addAll(n.childTasks());
          });
          tasks.add(Weft.currentTask());
          Weft.sleep(Duration.ofSeconds(2));
        });
    log.add("run returned");
    assertEquals(List.of("system task cancelled at 3.0", "run returned"), log);
    for (Task t : tasks) {
      assertTrue(t.isDone(), t + " outlived the run");
    }
  }

  /** 6. An exception is never lost: the main task's failure reaches the caller of run as itself. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testMainFailureReachesCaller(Engine engine) {
    java.io.IOException e = new java.io.IOException("lost?");
    assertSame(
        e,
        assertThrows(
            java.io.IOException.class,
            () ->
                Weft.run(
                    c -> c.withClock(MockClock.autojumping()).withEngine(engine),
                    () -> Nursery.open(n -> n.startSoon(() -> { throw e; })))));
  }
}
