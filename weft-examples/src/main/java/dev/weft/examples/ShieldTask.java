package dev.weft.examples;

import static dev.weft.asyncio.Asyncio.createTask;
import static dev.weft.asyncio.Asyncio.shield;

import dev.weft.RunConfig;
import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.AsyncTask;
import dev.weft.cancel.CancelledError;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Seed 001, "Shielding from Cancellation": {@code asyncio.shield(aw)} protects the work from the
 * cancellation of whoever awaits it.
 *
 * <pre>{@code
 * async def work():
 *     return 'done'
 *
 * async def main():
 *     try:
 *         res = await shield(work())
 *     except CancelledError:
 *         res = None
 *
 * asyncio.run(main())
 * }</pre>
 *
 * The cell prints nothing; {@link #main()} adds {@code print(res)}, which prints {@code done}.
 * Nobody cancels it, so the shield does nothing visible there. {@link #cancelledCaller()} shows
 * what it is for: a caller awaits the shielded work, is cancelled at 1 s and falls back to {@code
 * None} as the cell does, while the work runs on and finishes at 2 s. Without the shield,
 * cancelling the caller would cancel the work too (in asyncio and in weft, cancelling a task
 * cancels what it awaits).
 */
public final class ShieldTask {
  private ShieldTask() {}

  /**
   * {@code async def work()}.
   *
   * @return {@code "done"}
   */
  public static String work() {
    return "done";
  }

  /**
   * {@code async def main()}, plus a {@code print(res)}.
   *
   * @throws Exception if {@code work} fails (it does not)
   */
  public static void main() throws Exception {
    String res;
    try {
      res = shield(ShieldTask::work).await();
    } catch (CancelledError e) {
      res = null;
    }
    System.out.println(res);
  }

  /**
   * Work that takes 2 s.
   *
   * @return {@code "done"}
   */
  public static String slowWork() {
    System.out.println("work: started");
    Asyncio.sleep(Duration.ofSeconds(2));
    System.out.println("work: finished");
    return "done";
  }

  /**
   * The shield at work: the caller is cancelled at 1 s, the work finishes at 2 s.
   *
   * <pre>{@code
   * async def main():
   *     work_task = asyncio.create_task(slow_work())
   *
   *     async def caller():
   *         try:
   *             res = await shield(work_task)
   *         except CancelledError:
   *             res = None
   *         print(f'caller: res = {res}')
   *
   *     caller_task = asyncio.create_task(caller())
   *     await asyncio.sleep(1)
   *     caller_task.cancel()
   *     await caller_task
   *     print(f'main: work_task gave {await work_task!r}')
   * }</pre>
   *
   * @throws Exception if a task fails (none does)
   */
  public static void cancelledCaller() throws Exception {
    AsyncTask<String> workTask = createTask(ShieldTask::slowWork);

    AsyncTask<Void> callerTask =
        createTask(
            () -> {
              String res;
              try {
                res = shield(workTask).await();
              } catch (CancelledError e) {
                res = null;
              }
              System.out.println("caller: res = " + (res == null ? "None" : res));
              return null;
            });
    Asyncio.sleep(Duration.ofSeconds(1));
    callerTask.cancel();
    callerTask.await();
    System.out.println("main: work_task gave '" + workTask.await() + "'");
  }

  /**
   * {@code asyncio.run(main())}, with options.
   *
   * @param options changes to the default run configuration
   * @throws Exception if the run fails
   */
  static void runMain(UnaryOperator<RunConfig> options) throws Exception {
    AsyncioMain.run(options, ShieldTask::main);
  }

  /**
   * {@code asyncio.run(main())} of {@link #cancelledCaller()}, with options.
   *
   * @param options changes to the default run configuration
   * @throws Exception if the run fails
   */
  static void runCancelledCaller(UnaryOperator<RunConfig> options) throws Exception {
    AsyncioMain.run(options, ShieldTask::cancelledCaller);
  }

  /**
   * Runs the cell, then the cancelled caller.
   *
   * @param args ignored
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    runMain(c -> c);
    System.out.println("-- the caller is cancelled; the shielded work runs on --");
    runCancelledCaller(c -> c);
  }
}
