package dev.weft.examples;

import static dev.weft.asyncio.Asyncio.createTask;

import dev.weft.RunConfig;
import dev.weft.asyncio.AsyncTask;
import java.util.function.UnaryOperator;

/**
 * Seed 001, "Tasks": its two programs.
 *
 * <p>The first wraps a coroutine in a task and awaits it:
 *
 * <pre>{@code
 * async def work():
 *     return 'done'
 *
 * async def main():
 *     task = asyncio.create_task(work())
 *     result = await task
 *     print(result)
 *
 * asyncio.run(main())
 * # done
 * }</pre>
 *
 * The second starts three tasks before awaiting any, so they run concurrently ({@code a}, {@code
 * b} and {@code c} are {@link Abc}'s):
 *
 * <pre>{@code
 * async def main():
 *     t1 = asyncio.create_task(a())
 *     t2 = asyncio.create_task(b())
 *     t3 = asyncio.create_task(c())
 *     await t1
 *     await t2
 *     await t3
 *
 * # A: started
 * # B: started
 * # C: started
 * # B: finished
 * # A: finished
 * # C: finished
 * }</pre>
 *
 * A task starts on the loop's next iteration, not inside {@code createTask}: all three have
 * started by the time {@code main} first waits, and awaiting {@code t1} (2 s) does not hold up
 * {@code t2}, which finishes at 1 s while main is still waiting for {@code t1}.
 */
public final class CreateTask {
  private CreateTask() {}

  /**
   * {@code async def work()}.
   *
   * @return {@code "done"}
   */
  public static String work() {
    return "done";
  }

  /**
   * The first program's {@code async def main()}.
   *
   * @throws Exception if the task fails (it does not)
   */
  public static void main() throws Exception {
    AsyncTask<String> task = createTask(CreateTask::work);
    String result = task.await();
    System.out.println(result);
  }

  /**
   * The second program's {@code async def main()}.
   *
   * @throws Exception if a task fails (none does)
   */
  public static void threeTasks() throws Exception {
    AsyncTask<String> t1 = createTask(Abc::a);
    AsyncTask<String> t2 = createTask(Abc::b);
    AsyncTask<String> t3 = createTask(Abc::c);
    t1.await();
    t2.await();
    t3.await();
  }

  /**
   * {@code asyncio.run(main())} of the first program, with options.
   *
   * @param options changes to the default run configuration
   * @throws Exception if the run fails
   */
  static void runFirst(UnaryOperator<RunConfig> options) throws Exception {
    AsyncioMain.run(options, CreateTask::main);
  }

  /**
   * {@code asyncio.run(main())} of the second program, with options.
   *
   * @param options changes to the default run configuration
   * @throws Exception if the run fails
   */
  static void runSecond(UnaryOperator<RunConfig> options) throws Exception {
    AsyncioMain.run(options, CreateTask::threeTasks);
  }

  /**
   * Runs the first program, then the second.
   *
   * @param args ignored
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    runFirst(c -> c);
    System.out.println("-- three tasks, started before any is awaited --");
    runSecond(c -> c);
  }
}
