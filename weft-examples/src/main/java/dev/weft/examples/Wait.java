package dev.weft.examples;

import static dev.weft.asyncio.Asyncio.createTask;

import dev.weft.RunConfig;
import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.AsyncTask;
import dev.weft.asyncio.WaitResult;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Seed 001, "Wait": {@code asyncio.wait} returns the done and the pending futures.
 *
 * <pre>{@code
 * async def work():
 *     return 'done'
 *
 * async def main():
 *     task = asyncio.create_task(work())
 *     done, pending = await asyncio.wait({task})
 *
 *     if task in done:
 *         print('work is done')
 *
 * asyncio.run(main())
 * # work is done
 * }</pre>
 *
 * Java has no tuple unpacking: {@code wait} returns a {@link WaitResult} record with {@code
 * done()} and {@code pending()}. {@code wait} cannot be imported statically: inside any class,
 * the name means {@code Object.wait}, so it is called as {@code Asyncio.wait}. The task has not
 * started when {@code wait} is called; {@code wait} (all completed, no timeout) lets it run and
 * returns once it is done.
 */
public final class Wait {
  private Wait() {}

  /**
   * {@code async def work()}.
   *
   * @return {@code "done"}
   */
  public static String work() {
    return "done";
  }

  /**
   * {@code async def main()}.
   *
   * @throws Exception never in practice
   */
  public static void main() throws Exception {
    AsyncTask<String> task = createTask(Wait::work);
    WaitResult<String> r = Asyncio.wait(Set.of(task));

    if (r.done().contains(task)) {
      System.out.println("work is done");
    }
  }

  /**
   * {@code asyncio.run(main())}, with options.
   *
   * @param options changes to the default run configuration
   * @throws Exception if the run fails
   */
  static void run(UnaryOperator<RunConfig> options) throws Exception {
    AsyncioMain.run(options, Wait::main);
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
