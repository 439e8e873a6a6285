package dev.weft;

import dev.weft.cancel.CancelScope;
import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * The child JVM of {@link ShutdownSignalTest}: a run with {@code withCancelOnShutdown} whose worker
 * cleans up in a shielded scope, for {@code args[1]} ms; {@code args[0]} is the grace in ms,
 * {@code args[2]} the engine (fast by default).
 */
public final class ShutdownSignalChild {
  private ShutdownSignalChild() {}

  /**
   * Runs until a signal, printing each step.
   *
   * @param args the grace period and the clean-up's length in ms, and the engine
   * @throws Exception never, in the cases the test makes
   */
  public static void main(String[] args) throws Exception {
    Duration grace = Duration.ofMillis(Long.parseLong(args[0]));
    Duration cleanUp = Duration.ofMillis(Long.parseLong(args[1]));
    Engine engine = args.length > 2 ? Engine.valueOf(args[2]) : Engine.FAST;
    try {
      Weft.run(
          c -> c.withCancelOnShutdown(grace).withEngine(engine),
          () ->
              Nursery.open(
                  n -> {
                    n.startSoon(
                        () -> {
                          try {
                            Weft.sleepForever();
                          } finally {
                            System.out.println("cleaning up");
                            CancelScope.shielded().run(() -> Weft.sleep(cleanUp));
                            System.out.println("cleaned up");
                          }
                        },
                        "worker");
                    Weft.sleep(Duration.ofMillis(50));
                    System.out.println("ready");
                  }));
      System.out.println("run returned");
    } catch (CancellationException e) {
      System.out.println("run cancelled: " + e.getMessage());
    }
    System.out.println("after the run");
  }
}
