package dev.weft.examples;

import static dev.weft.asyncio.Asyncio.gather;

import dev.weft.RunConfig;
import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Loop;
import dev.weft.asyncio.AsyncTask;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Driving a loop by hand, the style before {@code asyncio.run}: seed 001, "Event loops", and seed
 * 003's {@code loop.create_task} / {@code run_until_complete} cell.
 *
 * <p>Seed 001 (again with {@link Abc}'s {@code a}, {@code b}, {@code c}):
 *
 * <pre>{@code
 * async def main():
 *     await asyncio.gather(
 *         a(),
 *         b(),
 *         c(),
 *     )
 *
 * if __name__ == '__main__':
 *     loop = asyncio.get_event_loop()
 *     loop.run_until_complete(main())
 *
 * # A: started
 * # B: started
 * # C: started
 * # B: finished
 * # A: finished
 * # C: finished
 * }</pre>
 *
 * Seed 003 (the notebook's {@code t1} and {@code t2} are the two tasks it creates):
 *
 * <pre>{@code
 * async def say(what, when):
 *     await asyncio.sleep(when)
 *     print(what)
 *
 * loop = asyncio.get_event_loop()
 * loop.create_task(say('hello', 0.5))
 * loop.create_task(say('world', 1))
 *
 * loop.run_until_complete(asyncio.gather(t1, t2))
 *
 * hello
 * world
 * }</pre>
 *
 * {@code get_event_loop()} becomes {@link Loop#newEventLoop()}: weft has no implicit per-thread
 * loop. Tasks made with {@link Loop#createTask} while the loop is idle start when it runs. Two
 * departures from the cells, both deliberate: each loop is closed in a {@code finally}, as seed
 * 003's "Common functions" advises ({@code close} also cancels and waits for tasks still alive);
 * and seed 003's gather is passed as a lambda, {@code () -> gather(t1, t2).await()}, because
 * weft's {@code Asyncio.gather} must be called from a running loop, and the lambda runs as a task
 * of the loop once {@code runUntilComplete} starts it.
 */
public final class RunUntilComplete {
  private RunUntilComplete() {}

  /**
   * Seed 001's {@code async def main()}.
   *
   * @throws Exception if a child fails (none does)
   */
  public static void main() throws Exception {
    gather(Abc::a, Abc::b, Abc::c).await();
  }

  /**
   * Seed 003's {@code async def say(what, when)}: prints {@code what} after {@code when} seconds.
   *
   * @param what the text
   * @param when the delay, in seconds
   * @return nothing ({@code null}); a task's function returns a value
   */
  public static Void say(String what, double when) {
    Asyncio.sleep(Duration.ofNanos((long) (when * 1e9)));
    System.out.println(what);
    return null;
  }

  /**
   * Seed 001: {@code loop.run_until_complete(main())}.
   *
   * @param options the loop's configuration changes (tests pass a mock clock)
   * @throws Exception if main fails
   */
  static void eventLoop(UnaryOperator<RunConfig> options) throws Exception {
    Loop loop = Loop.newEventLoop(options);
    try {
      loop.runUntilComplete(
          () -> {
            main();
            return null;
          });
    } finally {
      loop.close();
    }
  }

  /**
   * Seed 003: two tasks created before the loop runs, then {@code run_until_complete} of their
   * gather.
   *
   * @param options the loop's configuration changes (tests pass a mock clock)
   * @throws Exception if a task fails
   */
  static void sayHelloWorld(UnaryOperator<RunConfig> options) throws Exception {
    Loop loop = Loop.newEventLoop(options);
    try {
      AsyncTask<Void> t1 = loop.createTask(() -> say("hello", 0.5), null);
      AsyncTask<Void> t2 = loop.createTask(() -> say("world", 1), null);

      loop.runUntilComplete(() -> gather(t1, t2).await());
    } finally {
      loop.close();
    }
  }

  /**
   * Seed 001's program, then seed 003's.
   *
   * @param args ignored
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    eventLoop(c -> c);
    System.out.println("-- loop.createTask before the loop runs (seed 003) --");
    sayHelloWorld(c -> c);
  }
}
