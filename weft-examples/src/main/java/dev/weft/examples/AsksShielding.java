package dev.weft.examples;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.cancel.CancelledError;
import dev.weft.cancel.Timeouts;
import dev.weft.net.SocketListener;
import java.time.Duration;
import java.util.List;

/**
 * Seed 002's "Shielding" with real HTTP requests to a local {@link HttpbinServer}: the first
 * request ({@code /delay/3}) times out at 2 s; the retry ({@code /delay/1}) is cancelled at once,
 * since the scope is still cancelled; in the exercise the retry runs shielded and succeeds at t=3.
 *
 * <pre>{@code
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
 *     print("Done.")
 * }</pre>
 */
public final class AsksShielding {
  private AsksShielding() {}

  /**
   * {@code async def main()}, with the retry shielded when {@code shield} is true (the exercise).
   *
   * @param base the server, {@code http://127.0.0.1:PORT}
   * @param shield whether to shield the second request
   * @throws Exception if a request fails
   */
  public static void main(String base, boolean shield) throws Exception {
    Timeouts.moveOnAfter(
        Duration.ofSeconds(2),
        () -> {
          try {
            System.out.println("Starting a blocking request.");
            Asks.get(base + "/delay/3");
            System.out.println("The first request succeeded.");
          } catch (CancelledError _) {
            System.out.println("The first request timed out, try with a smaller delay.");
            if (shield) {
              CancelScope.shielded()
                  .run(
                      () -> {
                        Asks.get(base + "/delay/1");
                        System.out.println("The second request succeeded.");
                      });
            } else {
              Asks.get(base + "/delay/1");
              System.out.println("The second request succeeded.");
            }
          }
        });
    System.out.println("Done.");
  }

  /**
   * Starts the local httpbin, runs the seed's program then the exercise, stops the server.
   *
   * @throws Exception if a request fails
   */
  public static void withServer() throws Exception {
    Nursery.open(
        n -> {
          List<SocketListener> ls = n.start(HttpbinServer::serve, "httpbin");
          String base = "http://127.0.0.1:" + ls.get(0).localAddress().getPort();
          main(base, false);
          System.out.println("-- practice: shield the second request so it succeeds --");
          main(base, true);
          n.cancelScope().cancel();
        });
  }

  /**
   * {@code trio.run(main)}, then the exercise.
   *
   * @param args ignored
   * @throws Exception if the run fails
   */
  public static void main(String[] args) throws Exception {
    Weft.run(AsksShielding::withServer);
  }
}
