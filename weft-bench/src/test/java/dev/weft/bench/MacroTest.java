package dev.weft.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Engine;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The harness, not the speed: speed is measured by running it, never asserted in a test. */
class MacroTest {
  /** Figures print in DESIGN.md's format, ending with the engine. */
  @Test
  void testLineFormat() {
    assertEquals(
        "impl=weft workload=switch metric=ns_per_switch value=243 engine=fast",
        Macro.line("switch", new Workload.Figure("ns_per_switch", 243), Engine.FAST));
    assertEquals(
        "impl=weft workload=spawn_join metric=ns_per_task value=2300 engine=portable",
        Macro.line("spawn_join", new Workload.Figure("ns_per_task", 2300), Engine.PORTABLE));
  }

  /** The workloads are registered, in order. */
  @Test
  void testWorkloads() {
    assertEquals(
        List.of(
            "spawn_join",
            "switch",
            "idle_tasks",
            "channel",
            "channel_buffered",
            "queue_buffered",
            "lock_uncontended",
            "timers",
            "run_overhead",
            "echo",
            "echo_asyncio",
            "idle_connections"),
        Macro.names());
  }

  /** An idle_tasks round parks its tasks on the event, measures, and lets them all finish. */
  @Test
  void testIdleTasksRoundCompletes() throws Exception {
    for (Engine engine : Engine.values()) {
      if (engine.isAvailable()) {
        IdleTasksWorkload.oneRound(engine, 1000); // the figure is GC-noisy at this size: not asserted
      }
    }
  }

  /** A peer's figure prints in the same format, without an engine. */
  @Test
  void testPeerLineFormat() {
    assertEquals(
        "impl=jdk_array_blocking_queue workload=queue_buffered metric=ns_per_msg value=52",
        Peers.line(
            "jdk_array_blocking_queue", "queue_buffered", new Workload.Figure("ns_per_msg", 52)));
  }

  /** The new workloads' rounds complete and check their own results, on every engine. */
  @Test
  void testSmallRoundsComplete() throws Exception {
    for (Engine engine : Engine.values()) {
      if (engine.isAvailable()) {
        QueueWorkload.oneRound(engine, 1000);
        LockUncontendedWorkload.oneRound(engine, 1000);
        TimersWorkload.weftRound(engine, new long[] {0, 1_000_000, 2_000_000}, new long[3]);
      }
    }
    LockUncontendedWorkload.jdkRound(1000);
    SpawnJoinWorkload.jdkRound(1000);
    Peers.queuePair(new java.util.concurrent.ArrayBlockingQueue<>(64), 1000);
  }

  /** Rounds throws away the warm-up rounds and reports the median of the measured ones. */
  @Test
  void testMedianSkipsWarmup() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    // Warm-up rounds are huge; measured rounds are 1..11 in a shuffled order.
    long[] measured = {7, 3, 11, 1, 9, 5, 2, 10, 4, 8, 6};
    long median =
        Rounds.median(
            "test",
            () -> {
              int i = calls.getAndIncrement();
              return i < Rounds.WARMUP ? 1_000_000 : measured[i - Rounds.WARMUP];
            });
    assertEquals(Rounds.WARMUP + Rounds.MEASURED, calls.get());
    assertEquals(6, median);
  }
}
