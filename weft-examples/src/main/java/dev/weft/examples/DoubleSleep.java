package dev.weft.examples;

import dev.weft.Weft;
import java.time.Duration;

/**
 * Seed 002, "Sample program" (and the {@code double_sleep} of its "Testing" section).
 *
 * <pre>{@code
 * import trio
 *
 * async def double_sleep(x):
 *     sleep_for = 2 * x
 *     print("started! sleeping now...")
 *     await trio.sleep(sleep_for)
 *     print("exiting!")
 *     return sleep_for
 *
 * trio.run(double_sleep, 3)  # does nothing for 6 seconds then returns
 * }</pre>
 *
 * The "Sample program" version returns nothing; the "Testing" version returns {@code sleep_for}
 * so a test can check it. This class has the second, which prints the same lines.
 */
public final class DoubleSleep {
  private DoubleSleep() {}

  /**
   * {@code async def double_sleep(x)}: sleeps for {@code 2 * x} seconds.
   *
   * @param x half the number of seconds to sleep
   * @return the seconds slept, {@code 2 * x}
   */
  public static int doubleSleep(int x) {
    int sleepFor = 2 * x;
    System.out.println("started! sleeping now...");
    Weft.sleep(Duration.ofSeconds(sleepFor));
    System.out.println("exiting!");
    return sleepFor;
  }

  /**
   * {@code trio.run(double_sleep, 3)}.
   *
   * @param args ignored
   * @throws Exception if the run fails
   */
  public static void main(String[] args) throws Exception {
    Weft.run(() -> doubleSleep(3)); // does nothing for 6 seconds then returns
  }
}
