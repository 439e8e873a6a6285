package dev.weft.examples;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.cancel.Timeouts;
import dev.weft.net.SocketListener;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Seed 002's "A simple timeout example" with real HTTP requests: {@code asks.get} of {@code
 * /delay/N} (N from {@code randint(1, 10)}) against a local {@link HttpbinServer} this program
 * starts, inside {@code move_on_after(5)}.
 *
 * <pre>{@code
 * async def main():
 *     with trio.move_on_after(5):
 *         result = await asks.get(f"https://httpbin.org/delay/{ randint(1, 10) }")
 *         print("result is", result)
 *     print("with block finished")
 * }</pre>
 *
 * When the delay is over 5 s the timeout cancels the request (the HTTP client aborts it) and only
 * {@code with block finished} is printed, at t=5.
 */
public final class AsksTimeout {
  private AsksTimeout() {}

  /**
   * {@code async def main()} against the server at {@code base}.
   *
   * @param base the server, {@code http://127.0.0.1:PORT}
   * @param random the source of {@code randint(1, 10)}
   * @throws Exception if a request fails
   */
  public static void main(String base, Random random) throws Exception {
    Timeouts.moveOnAfter(
        Duration.ofSeconds(5),
        () -> {
          String result = Asks.get(base + "/delay/" + (1 + random.nextInt(10)));
          System.out.println("result is " + result);
        });
    System.out.println("with block finished");
  }

  /**
   * Starts the local httpbin, runs {@link #main(String, Random)}, stops the server.
   *
   * @param random the source of the delay
   * @throws Exception if a request fails
   */
  public static void withServer(Random random) throws Exception {
    Nursery.open(
        n -> {
          List<SocketListener> ls = n.start(HttpbinServer::serve, "httpbin");
          main("http://127.0.0.1:" + ls.get(0).localAddress().getPort(), random);
          n.cancelScope().cancel();
        });
  }

  /**
   * {@code trio.run(main)}.
   *
   * @param args ignored
   * @throws Exception if the run fails
   */
  public static void main(String[] args) throws Exception {
    Random random = new Random();
    Weft.run(() -> withServer(random));
  }
}
