package dev.weft.examples;

import static dev.weft.asyncio.Asyncio.gather;

import dev.weft.RunConfig;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Seed 001, "AsyncIO" / "Rationale" and "Running Tasks Concurrently" (also seed 003, "Example"):
 * "Running asynchronously: 3s + 1s + 1s = bit over 3s".
 *
 * <pre>{@code
 * async def main():
 *     result = await asyncio.gather(
 *         a(),
 *         b(),
 *         c(),
 *     )
 *     print(f'Result: {result}')
 *
 * if __name__ ==  '__main__':
 *     asyncio.run(main())
 *
 * # A: started
 * # B: started
 * # C: started
 * # B: finished
 * # A: finished
 * # C: finished
 * # Result: ['a', 'b', 'c']
 * }</pre>
 *
 * {@code a}, {@code b} and {@code c} are {@link Abc}'s. {@code gather} wraps each in a task, so
 * the three sleeps overlap: B finishes at 1 s, A at 2 s, C at 3 s, and the whole program takes a
 * bit over 3 s, not 6. The result list keeps the order of the arguments, not the order of
 * completion. The list is printed as Python prints it ({@code ['a', 'b', 'c']}), so the lines are
 * the seed's.
 */
public final class Gather {
  private Gather() {}

  /**
   * {@code async def main()}.
   *
   * @throws Exception if a child fails (none does)
   */
  public static void main() throws Exception {
    List<String> result = gather(Abc::a, Abc::b, Abc::c).await();
    System.out.println("Result: " + pythonList(result));
  }

  /**
   * {@return the strings as Python prints a list of them} ({@code ['a', 'b', 'c']})
   *
   * @param strings the strings
   */
  static String pythonList(List<String> strings) {
    return strings.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ", "[", "]"));
  }

  /**
   * {@code asyncio.run(main())} with options (tests pass a mock clock).
   *
   * @param options changes to the default run configuration
   * @throws Exception if the run fails
   */
  static void run(UnaryOperator<RunConfig> options) throws Exception {
    AsyncioMain.run(options, Gather::main);
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
