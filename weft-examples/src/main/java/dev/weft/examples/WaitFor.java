package dev.weft.examples;

import static dev.weft.asyncio.Asyncio.waitFor;

import dev.weft.RunConfig;
import dev.weft.asyncio.Asyncio;
import dev.weft.cancel.TooSlowException;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Seed 001, "Timeouts": {@code asyncio.wait_for} gives up on an hour-long job after one second.
 *
 * <pre>{@code
 * HOUR = 3600
 *
 * async def work():
 *     await asyncio.sleep(HOUR)
 *     return 'done'
 *
 * async def main():
 *     try:
 *         await asyncio.wait_for(work(), timeout=1.0)
 *     except asyncio.TimeoutError:
 *         print('timeout!')
 *
 * asyncio.run(main())
 * # timeout!
 * }</pre>
 *
 * {@code waitFor} runs {@code work} as a task; at 1 s it cancels it, waits for it to end, and
 * throws {@link TooSlowException}, weft's {@code TimeoutError} (a {@code
 * java.util.concurrent.TimeoutException}). The program ends at 1 s: the hour-long sleep is
 * cancelled, not waited out.
 */
public final class WaitFor {
  private WaitFor() {}

  /** An hour, in seconds. */
  static final int HOUR = 3600;

  /**
   * {@code async def work()}: an hour's sleep.
   *
   * @return {@code "done"}, an hour later
   */
  public static String work() {
    Asyncio.sleep(Duration.ofSeconds(HOUR));
    return "done";
  }

  /**
   * {@code async def main()}.
   *
   * @throws Exception if {@code work} fails (it does not)
   */
  public static void main() throws Exception {
    try {
      waitFor(WaitFor::work, Duration.ofSeconds(1));
    } catch (TooSlowException e) {
      System.out.println("timeout!");
    }
  }

  /**
   * {@code asyncio.run(main())}, with options.
   *
   * @param options changes to the default run configuration
   * @throws Exception if the run fails
   */
  static void run(UnaryOperator<RunConfig> options) throws Exception {
    AsyncioMain.run(options, WaitFor::main);
  }

  /**
   * {@code asyncio.run(main())}.
   *
   * @param args ignored
   * @throws Exception if the run fails
   */
  public static void main(String[] args) throws Exception {
    run(c -> c);
  }
}
