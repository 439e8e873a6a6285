package dev.weft.examples;

import dev.weft.RunConfig;
import dev.weft.asyncio.Asyncio;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Seed 001, "Running Program" and "Coroutines": the two smallest asyncio programs.
 *
 * <pre>{@code
 * async def main():
 *     await asyncio.sleep(1)
 *     print('hello')
 *
 * asyncio.run(main())
 * }</pre>
 *
 * <pre>{@code
 * async def work():
 *     return 'done'
 *
 * async def main():
 *     result = await work()
 *     print(result)
 *
 * asyncio.run(main())
 * # done
 * }</pre>
 *
 * In weft an {@code async def} is an ordinary method, and {@code await work()} is a plain call
 * that runs {@code work} in the calling task: there is no coroutine object to forget to await.
 * {@code Asyncio.run} makes a loop, runs {@code main} as its main task and closes the loop.
 */
public final class Coroutine {
  private Coroutine() {}

  /** "Running Program"'s {@code async def main()}: prints {@code hello} after 1 s. */
  public static void hello() {
    Asyncio.sleep(Duration.ofSeconds(1));
    System.out.println("hello");
  }

  /**
   * "Coroutines"' {@code async def work()}.
   *
   * @return {@code "done"}
   */
  public static String work() {
    return "done";
  }

  /** "Coroutines"' {@code async def main()}: {@code result = await work()}. */
  public static void main() {
    String result = work();
    System.out.println(result);
  }

  /**
   * "Running Program": {@code asyncio.run(main())}, with options.
   *
   * @param options changes to the default run configuration
   * @throws Exception if the run fails
   */
  static void runHello(UnaryOperator<RunConfig> options) throws Exception {
    AsyncioMain.run(options, Coroutine::hello);
  }

  /**
   * "Coroutines": {@code asyncio.run(main())}, with options.
   *
   * @param options changes to the default run configuration
   * @throws Exception if the run fails
   */
  static void runWork(UnaryOperator<RunConfig> options) throws Exception {
    AsyncioMain.run(options, Coroutine::main);
  }

  /**
   * Runs "Running Program", then "Coroutines".
   *
   * @param args ignored
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    runHello(c -> c);
    System.out.println("-- a coroutine awaited in main --");
    runWork(c -> c);
  }
}
