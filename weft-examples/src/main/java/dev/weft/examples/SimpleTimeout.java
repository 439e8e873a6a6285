package dev.weft.examples;

import dev.weft.Weft;
import dev.weft.cancel.Timeouts;
import java.time.Duration;
import java.util.Random;

/**
 * Seed 002, "Advanced topic: cancellation scope", "A simple timeout example": "Try to run the code
 * below multiple times."
 *
 * <pre>{@code
 * from random import randint
 *
 * import asks
 * import trio
 *
 * async def main():
 *     with trio.move_on_after(5):
 *         result = await asks.get(f"https://httpbin.org/delay/{ randint(1, 10) }")
 *         print("result is", result)
 *     print("with block finished")
 *
 * trio.run(main)
 * }</pre>
 *
 * The HTTP call is replaced by {@link #get(int)}, a local sleep as long as the delay httpbin is
 * asked for. About half the runs print the result after 1 to 5 seconds; the others give up at 5
 * seconds and print only "with block finished".
 */
public final class SimpleTimeout {
  private SimpleTimeout() {}

  /**
   * Stands in for {@code await asks.get(f"https://httpbin.org/delay/{delay}")}.
   *
   * @param delay the seconds httpbin waits before answering
   * @return what the response prints as
   */
  public static String get(int delay) {
    Weft.sleep(Duration.ofSeconds(delay));
    return "<Response [200]>";
  }

  /**
   * {@code async def main()}, drawing the delay from {@code random}.
   *
   * @param random the source of {@code randint(1, 10)}
   * @throws Exception never in practice; scopes can rethrow what their body threw
   */
  public static void main(Random random) throws Exception {
    Timeouts.moveOnAfter(
        Duration.ofSeconds(5),
        () -> {
          String result = get(1 + random.nextInt(10)); // randint(1, 10)
          System.out.println("result is " + result);
        });
    System.out.println("with block finished");
  }

  /**
   * {@code trio.run(main)}.
   *
   * @param args ignored
   * @throws Exception if the run fails
   */
  public static void main(String[] args) throws Exception {
    Random random = new Random();
    Weft.run(() -> main(random));
  }
}
