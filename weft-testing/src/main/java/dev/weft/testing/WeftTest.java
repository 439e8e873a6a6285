package dev.weft.testing;

import dev.weft.Engine;
import dev.weft.RunConfig;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test method that runs inside a weft loop: the method body is the loop's main
 * task, on a fresh {@link MockClock} that autojumps, once under each {@link Engine}
 * (pytest-trio's {@code @pytest.mark.trio} with its {@code autojump_clock}).
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * class DoubleSleepTest {
 *   @WeftTest
 *   void testDoubleSleep(MockClock clock) {
 *     assertEquals(6, doubleSleep(3));
 *     assertEquals(6.0, Weft.currentTime());
 *   }
 * }
 * }
 *
 * A parameter of type {@link MockClock} receives the run's clock, and one of type {@link
 * RunConfig} the run's configuration. {@link #schedulingBudgets()} runs the test once more per
 * extra budget, for instance under both the default policy and Trio's switch at every schedule
 * point ({@code @WeftTest(schedulingBudgets = {RunConfig.DEFAULT_SCHEDULING_BUDGET, 1})}). The
 * system property {@code
 * weft.engine} ({@code fast} or {@code portable}), when set, limits every test to that engine.
 * The test fails if the loop's main task fails, and the run ends only when every task started in
 * the test has ended, so a test cannot leak tasks.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(WeftExtension.class)
public @interface WeftTest {
  /**
   * {@return whether the clock autojumps to the next deadline when every task is blocked} With
   * false, the clock stands still until the test calls {@link MockClock#jump}.
   */
  boolean autojump() default true;

  /** {@return the engines to run the test under; both by default} */
  Engine[] engines() default {Engine.FAST, Engine.PORTABLE};

  /**
   * {@return the scheduling budgets to run the test under, each on every engine} The default
   * runs it under the default budget only; {@code {RunConfig.DEFAULT_SCHEDULING_BUDGET, 1}} runs
   * it under the default policy and under Trio's (see {@link RunConfig#withSchedulingBudget}).
   */
  int[] schedulingBudgets() default {RunConfig.DEFAULT_SCHEDULING_BUDGET};
}
