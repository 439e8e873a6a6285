package dev.weft.examples;

import static dev.weft.examples.DoubleSleep.doubleSleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.MockClock;
import dev.weft.testing.WeftTest;

/**
 * The pytest examples of seed 002's "Testing", "Mock clocks" and "Checking checkpoints" sections,
 * as JUnit tests. {@code @WeftTest} is {@code @pytest.mark.trio} with the {@code autojump_clock}
 * fixture always on, so even {@link #testDoubleSleep()} takes no real time (pytest-trio's version
 * without the fixture sleeps 6 real seconds).
 */
class SeedTestingExamplesTest {
  /**
   * "Creating a test".
   *
   * <pre>{@code
   * @pytest.mark.trio
   * async def test_double_sleep():
   *     assert await double_sleep(3) == 6
   * }</pre>
   */
  @WeftTest
  void testDoubleSleep() {
    assertEquals(6, doubleSleep(3));
  }

  /**
   * "Mock clocks".
   *
   * <pre>{@code
   * @pytest.mark.trio
   * async def test_double_sleep(autojump_clock):
   *     assert await double_sleep(3) == 6
   *     assert trio.current_time() == 6
   * }</pre>
   *
   * @param autojumpClock the run's clock, which autojumps
   */
  @WeftTest
  void testDoubleSleepAutojump(MockClock autojumpClock) {
    assertEquals(6, doubleSleep(3));
    assertEquals(6.0, Weft.currentTime());
    assertEquals(6.0, autojumpClock.currentTime());
  }

  /**
   * "Checking checkpoints": the function of the notebook cell.
   *
   * <pre>{@code
   * async def broken_double_sleep(x):
   *     sleep_for = 2 * x
   *     print("started! sleeping now...")
   *
   *     if sleep_for % 2:
   *         # This will work only if x is a fractional number
   *         await trio.sleep(sleep_for)
   *
   *     print("exiting!")
   *     return sleep_for
   * }</pre>
   *
   * @param x half the number of seconds it should sleep
   * @return {@code 2 * x}
   */
  static double brokenDoubleSleep(double x) {
    double sleepFor = 2 * x;
    System.out.println("started! sleeping now...");

    if (sleepFor % 2 != 0) {
      // This will work only if x is a fractional number
      Weft.sleepUntil(Weft.currentTime() + sleepFor);
    }

    System.out.println("exiting!");
    return sleepFor;
  }

  /** "The test passes": without {@code assert_checkpoints} nothing shows the missing sleep. */
  @WeftTest
  void testBrokenDoubleSleepWithoutAssertCheckpointsPasses() {
    assertEquals(6, brokenDoubleSleep(3));
    assertEquals(0.0, Weft.currentTime()); // ...although it did not sleep at all
  }

  /**
   * "Now, try wrapping the last line with {@code with trio.testing.assert_checkpoints():}".
   *
   * <pre>{@code
   * @pytest.mark.trio
   * async def test_broken_double_sleep():
   *     with trio.testing.assert_checkpoints():
   *         assert await broken_double_sleep(3) == 6
   * }</pre>
   *
   * This fails in Trio; here it is the {@code assertThrows} that passes. The message is checked so
   * that a failing {@code assertEquals} inside cannot pass for the checkpoint assertion.
   */
  @WeftTest
  void testBrokenDoubleSleep() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> Checkpoints.assertCheckpoints(() -> assertEquals(6, brokenDoubleSleep(3))));
    assertTrue(e.getMessage().startsWith("expected a checkpoint"), e.getMessage());
  }

  /** The same wrapping around the correct {@code double_sleep} passes. */
  @WeftTest
  void testDoubleSleepHasCheckpoints() throws Exception {
    Checkpoints.assertCheckpoints(() -> assertEquals(6, doubleSleep(3)));
    assertEquals(6.0, Weft.currentTime());
  }

  /** As the comment says, a fractional {@code x} makes {@code broken_double_sleep} sleep. */
  @WeftTest
  void testBrokenDoubleSleepWorksForFractionalX() throws Exception {
    Checkpoints.assertCheckpoints(() -> assertEquals(3.0, brokenDoubleSleep(1.5)));
    assertEquals(3.0, Weft.currentTime());
  }
}
