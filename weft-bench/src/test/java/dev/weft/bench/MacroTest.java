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
    assertEquals(List.of("spawn_join", "switch", "idle_tasks", "channel", "channel_buffered"), Macro.names());
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
