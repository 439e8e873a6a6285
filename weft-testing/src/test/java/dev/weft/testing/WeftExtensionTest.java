package dev.weft.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.Nursery;
import dev.weft.RunConfig;
import dev.weft.Weft;
import dev.weft.lowlevel.Scheduling;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInfo;

/** The @WeftTest contract, seen from a user's test class (this module's own build). */
class WeftExtensionTest {
  private static final Set<String> ENGINES_SEEN = new TreeSet<>();
  private static final Set<String> BUDGETS_SEEN = new TreeSet<>();

  /** The method body is the main task of a loop whose clock is the injected MockClock. */
  @WeftTest
  void testRunsAsMainTaskOnMockClock(MockClock clock, TestInfo info) {
    ENGINES_SEEN.add(info.getDisplayName());
    assertEquals("weft-main", Weft.currentTask().name());
    assertSame(clock, Scheduling.currentClock());
    assertEquals(0.0, Weft.currentTime());
    Weft.sleep(Duration.ofHours(1));
    assertEquals(3600.0, clock.currentTime());
  }

  /** The run waits for every task the test started, so a test cannot leak tasks. */
  @WeftTest
  void testTasksCannotLeak() throws Exception {
    List<String> log = new ArrayList<>();
    Nursery.open(n -> n.startSoon(() -> {
      Weft.sleep(Duration.ofSeconds(5));
      log.add("child finished");
    }));
    assertEquals(List.of("child finished"), log);
  }

  /**
   * schedulingBudgets runs the test under each budget; the injected RunConfig is the run's, and
   * the loop applies its budget: with 1, a schedule point lets a runnable task run at once.
   */
  @WeftTest(schedulingBudgets = {RunConfig.DEFAULT_SCHEDULING_BUDGET, 1})
  void testRunsUnderEachSchedulingBudget(RunConfig config, MockClock clock, TestInfo info)
      throws Exception {
    BUDGETS_SEEN.add(info.getDisplayName());
    assertSame(clock, config.clock());
    boolean[] ran = {false};
    Nursery.open(
        n -> {
          n.startSoon(() -> ran[0] = true);
          Scheduling.cancelShieldedCheckpoint();
          assertEquals(config.schedulingBudget() == 1, ran[0]);
        });
  }

  @AfterAll
  static void everyEngineRan() {
    String only = System.getProperty("weft.engine", "").trim();
    Set<String> expected = only.isEmpty() ? Set.of("[fast]", "[portable]") : Set.of("[" + only + "]");
    assertEquals(new TreeSet<>(expected), ENGINES_SEEN);
    Set<String> budgets = new TreeSet<>();
    for (String engine : expected) {
      budgets.add(engine);
      budgets.add(engine.replace("]", ", budget 1]"));
    }
    assertEquals(budgets, BUDGETS_SEEN);
  }
}
