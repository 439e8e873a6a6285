package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.lowlevel.Clock;
import dev.weft.testing.MockClock;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/** The run options: immutable copies, checked arguments, and a shape that can grow. */
class RunConfigTest {
  /** Each with-method changes one option in a copy and leaves the original and the rest alone. */
  @Test
  void testWithCopiesOneOption() {
    RunConfig d = RunConfig.defaults();
    MockClock clock = new MockClock();
    RunConfig c = d.withClock(clock);
    assertSame(clock, c.clock());
    assertSame(d.engine(), c.engine());
    assertSame(Clock.system(), d.clock());
    RunConfig p = c.withEngine(Engine.PORTABLE);
    assertSame(Engine.PORTABLE, p.engine());
    assertSame(clock, p.clock());
    assertSame(d.engine(), c.engine());
    RunConfig b = p.withSchedulingBudget(1);
    assertEquals(1, b.schedulingBudget());
    assertSame(clock, b.clock());
    assertSame(Engine.PORTABLE, b.engine());
    assertEquals(RunConfig.DEFAULT_SCHEDULING_BUDGET, p.schedulingBudget());
    assertEquals(128, d.schedulingBudget());
  }

  /** A budget below 1 is refused, saying what 1 means. */
  @Test
  void testSchedulingBudgetBelowOneRefused() {
    for (int bad : new int[] {0, -1, Integer.MIN_VALUE}) {
      assertTrue(
          assertThrows(
                  IllegalArgumentException.class,
                  () -> RunConfig.defaults().withSchedulingBudget(bad))
              .getMessage()
              .contains("RunConfig.withSchedulingBudget"));
    }
  }

  /** A null option is refused at once, naming it. */
  @Test
  void testNullRefused() {
    RunConfig d = RunConfig.defaults();
    assertTrue(
        assertThrows(NullPointerException.class, () -> d.withClock(null))
            .getMessage()
            .contains("clock"));
    assertTrue(
        assertThrows(NullPointerException.class, () -> d.withEngine(null))
            .getMessage()
            .contains("engine"));
  }

  /** No record and no public constructor, so adding an option breaks no caller. */
  @Test
  void testEvolvableShape() {
    assertTrue(!RunConfig.class.isRecord() && Modifier.isFinal(RunConfig.class.getModifiers()));
    assertTrue(RunConfig.class.getConstructors().length == 0);
  }

  /** A configured run uses the options it was given. */
  @Test
  void testRunUsesOptions() throws Exception {
    MockClock clock = MockClock.autojumping();
    double t =
        Weft.run(
            c -> c.withClock(clock),
            () -> {
              Weft.sleep(java.time.Duration.ofSeconds(5));
              return Weft.currentTime();
            });
    assertEquals(5.0, t);
  }
}
