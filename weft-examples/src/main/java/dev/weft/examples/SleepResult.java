package dev.weft.examples;

import dev.weft.RunConfig;
import dev.weft.asyncio.Asyncio;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Seed 001, "Sleeping": {@code asyncio.sleep(delay, result)} returns {@code result} once the delay
 * has passed.
 *
 * <pre>{@code
 * async def main():
 *     result = await asyncio.sleep(1, 'done')
 *     print(result)
 *
 * asyncio.run(main())
 * # done
 * }</pre>
 */
public final class SleepResult {
  private SleepResult() {}

  /** {@code async def main()}: prints {@code done} after 1 s. */
  public static void main() {
    String result = Asyncio.sleep(Duration.ofSeconds(1), "done");
    System.out.println(result);
  }

  /**
   * {@code asyncio.run(main())}, with options.
   *
   * @param options changes to the default run configuration
   * @throws Exception if the run fails
   */
  static void run(UnaryOperator<RunConfig> options) throws Exception {
    AsyncioMain.run(options, SleepResult::main);
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
