package dev.weft.examples;

import dev.weft.Block;
import dev.weft.RunConfig;
import dev.weft.asyncio.Asyncio;
import java.util.function.UnaryOperator;

/**
 * {@code asyncio.run(main())} for a {@code main} that returns nothing, which is what the seeds'
 * {@code async def main()} cells are. {@link Asyncio#run} takes an awaitable, which must return a
 * value; this adapts a {@link Block} to it.
 */
final class AsyncioMain {
  private AsyncioMain() {}

  /**
   * Runs {@code main} with {@link Asyncio#run(UnaryOperator, dev.weft.asyncio.Awaitable)}.
   *
   * @param options changes to the default run configuration (tests pass a mock clock)
   * @param main the program
   * @throws Exception what main threw
   */
  static void run(UnaryOperator<RunConfig> options, Block main) throws Exception {
    Asyncio.run(
        options,
        () -> {
          main.run();
          return null;
        });
  }
}
