package dev.weft.examples;

import static dev.weft.asyncio.Asyncio.asCompleted;

import dev.weft.RunConfig;
import dev.weft.asyncio.Awaitable;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Seed 001, "As Completed": the results come in the order the work completes.
 *
 * <pre>{@code
 * async def main():
 *     work = [a(), b(), c()]
 *     for coro in asyncio.as_completed(work):
 *         result = await coro
 *         print(result)
 *
 * if __name__ == '__main__':
 *     asyncio.run(main())
 *
 * # C: started
 * # B: started
 * # A: started
 * # B: finished
 * # b
 * # A: finished
 * # a
 * # C: finished
 * # c
 * }</pre>
 *
 * {@code a}, {@code b} and {@code c} are {@link Abc}'s; {@code Abc::a} plays the coroutine object
 * {@code a()}. The results print in completion order, b at 1 s, a at 2 s, c at 3 s, as in the
 * seed.
 *
 * <p>One line order differs from the seed: weft prints {@code A: started}, {@code B: started},
 * {@code C: started}. asyncio's {@code as_completed} puts its inputs in a {@code set} and wraps
 * them in tasks in the set's iteration order, which is arbitrary (the seed's run happened to give
 * C, B, A); weft's {@code asCompleted} starts them in the order of the list. Both start all three
 * at t=0 before any finishes, and nothing else depends on the start order.
 */
public final class AsCompleted {
  private AsCompleted() {}

  /**
   * {@code async def main()}.
   *
   * @throws Exception if a piece of work fails (none does)
   */
  public static void main() throws Exception {
    List<Awaitable<String>> work = List.of(Abc::a, Abc::b, Abc::c);
    for (Awaitable<String> coro : asCompleted(work)) {
      String result = coro.await();
      System.out.println(result);
    }
  }

  /**
   * {@code asyncio.run(main())}, with options.
   *
   * @param options changes to the default run configuration
   * @throws Exception if the run fails
   */
  static void run(UnaryOperator<RunConfig> options) throws Exception {
    AsyncioMain.run(options, AsCompleted::main);
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
