package dev.weft.examples;

import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.cancel.CancelledError;
import dev.weft.cancel.Timeouts;
import java.time.Duration;

/**
 * Seed 002, "Advanced topic: cancellation scope", "Shielding": "How do you think, what the code
 * below will print out?"
 *
 * <pre>{@code
 * import trio
 *
 * async def main():
 *     with trio.move_on_after(2) as cancel_scope:
 *         try:
 *             print("Starting a blocking request.")
 *             await asks.get(f"https://httpbin.org/delay/3")
 *             print("The first request succeeded.")
 *         except trio.Cancelled:
 *             print("The first request timed out, try with a smaller delay.")
 *             await asks.get(f"https://httpbin.org/delay/1")
 *             print("The second request succeeded.")
 *
 *     print("Done.")
 *
 * trio.run(main)
 * }</pre>
 *
 * The HTTP calls are replaced by {@link #request(int)}, a local sleep as long as the delay the
 * request asks httpbin for. The first request is cancelled at t=2. The second is cancelled at
 * once: cancellation is level-triggered, so every checkpoint inside the cancelled scope raises
 * {@link CancelledError} until the scope exits, and catching the first one does not make the
 * scope usable again. {@link #practice()} answers the cell's exercise, "update the code so that
 * the second request succeeds in case the first one failed", with a shielded scope.
 *
 * <p>{@link #main()} is the cell's {@code async def main()}; {@link #main(String[])} is its {@code
 * trio.run(main)} line, followed by a run of the exercise.
 */
public final class Shielding {
  private Shielding() {}

  /**
   * Stands in for {@code await asks.get(f"https://httpbin.org/delay/{delay}")}: httpbin answers
   * after {@code delay} seconds.
   *
   * @param delay the seconds the request takes
   */
  public static void request(int delay) {
    Weft.sleep(Duration.ofSeconds(delay));
  }

  /**
   * {@code async def main()}: the second request is cancelled as soon as it starts.
   *
   * @throws Exception never in practice; scopes can rethrow what their body threw
   */
  public static void main() throws Exception {
    Timeouts.moveOnAfter(
        Duration.ofSeconds(2),
        () -> {
          try {
            System.out.println("Starting a blocking request.");
            request(3);
            System.out.println("The first request succeeded.");
          } catch (CancelledError _) {
            System.out.println("The first request timed out, try with a smaller delay.");
            request(1);
            System.out.println("The second request succeeded.");
          }
        });

    System.out.println("Done.");
  }

  /**
   * The exercise: the second request runs in a shielded scope, which the outer timeout's
   * cancellation does not reach, so it succeeds (at t=3).
   *
   * <pre>{@code
   *         except trio.Cancelled:
   *             print("The first request timed out, try with a smaller delay.")
   *             with trio.CancelScope(shield=True):
   *                 await asks.get(f"https://httpbin.org/delay/1")
   *                 print("The second request succeeded.")
   * }</pre>
   *
   * @throws Exception never in practice; scopes can rethrow what their body threw
   */
  public static void practice() throws Exception {
    Timeouts.moveOnAfter(
        Duration.ofSeconds(2),
        () -> {
          try {
            System.out.println("Starting a blocking request.");
            request(3);
            System.out.println("The first request succeeded.");
          } catch (CancelledError _) {
            System.out.println("The first request timed out, try with a smaller delay.");
            CancelScope.shielded()
                .run(
                    () -> {
                      request(1);
                      System.out.println("The second request succeeded.");
                    });
          }
        });

    System.out.println("Done.");
  }

  /**
   * {@code trio.run(main)}, then the exercise in a run of its own.
   *
   * @param args ignored
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    Weft.run(() -> main());
    System.out.println("-- practice: shield the second request so it succeeds --");
    Weft.run(Shielding::practice);
  }
}
