package dev.weft.examples;

import dev.weft.asyncio.Asyncio;
import java.time.Duration;

/**
 * The three coroutines {@code a()}, {@code b()} and {@code c()} that seed 001 uses again and again
 * ("Rationale", "Tasks", "Running Tasks Concurrently", "As Completed", "Event loops"): each prints
 * when it starts, sleeps (2 s, 1 s, 3 s), prints when it finishes, and returns its letter.
 *
 * <pre>{@code
 * async def a():
 *     print('A: started')
 *     await asyncio.sleep(2)
 *     print('A: finished')
 *     return 'a'
 * }</pre>
 *
 * Some cells' versions return nothing; returning the letter anyway changes no output, so the
 * examples share these three. Called directly, each runs in the calling task (Python's {@code
 * await a()}); passed as {@code Abc::a} to a combinator, each becomes a task.
 */
public final class Abc {
  private Abc() {}

  /**
   * {@code async def a()}: sleeps 2 s.
   *
   * @return {@code "a"}
   */
  public static String a() {
    return letter("A", 2);
  }

  /**
   * {@code async def b()}: sleeps 1 s.
   *
   * @return {@code "b"}
   */
  public static String b() {
    return letter("B", 1);
  }

  /**
   * {@code async def c()}: sleeps 3 s.
   *
   * @return {@code "c"}
   */
  public static String c() {
    return letter("C", 3);
  }

  private static String letter(String name, int seconds) {
    System.out.println(name + ": started");
    Asyncio.sleep(Duration.ofSeconds(seconds));
    System.out.println(name + ": finished");
    return name.toLowerCase(java.util.Locale.ROOT);
  }
}
