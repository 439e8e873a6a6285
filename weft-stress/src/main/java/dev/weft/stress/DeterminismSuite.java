package dev.weft.stress;

import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.cancel.Timeouts;
import dev.weft.channel.MemoryChannel;
import dev.weft.testing.MockClock;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * A seeded program of sleeps, timeouts and channel traffic run several times on the MockClock:
 * every run must print exactly the same trace (DESIGN.md invariant 4).
 */
final class DeterminismSuite implements Suite {
  @Override
  public String name() {
    return "determinism";
  }

  @Override
  public String run(Engine engine, int ops, long seed) throws Exception {
    int runs = ops >= 100_000 ? 20 : 5;
    int steps = Math.max(10, ops / runs / 10);
    String first = null;
    for (int r = 0; r < runs; r++) {
      String trace = once(engine, steps, seed);
      if (first == null) {
        first = trace;
      }
      Check.that(first.equals(trace), "run " + r + " printed a different trace");
    }
    return runs + " runs of " + steps + " steps per task, identical traces";
  }

  private static String once(Engine engine, int steps, long seed) throws Exception {
    StringBuilder out = new StringBuilder();
    Weft.run(
        c -> c.withClock(MockClock.autojumping()).withEngine(engine),
        () -> {
          MemoryChannel<Integer> ch = MemoryChannel.open(2);
          Nursery.open(
              n -> {
                for (int t = 0; t < 4; t++) {
                  int id = t;
                  SplittableRandom rnd = new SplittableRandom(seed + t);
                  n.startSoon(
                      () -> {
                        for (int i = 0; i < steps; i++) {
                          switch (rnd.nextInt(4)) {
                            case 0 -> Weft.sleep(Duration.ofMillis(rnd.nextInt(5)));
                            case 1 -> {
                              boolean late =
                                  Timeouts.moveOnAfter(
                                          Duration.ofMillis(rnd.nextInt(3)),
                                          () -> ch.sendChannel().send(id))
                                      .cancelledCaught();
                              out.append(id).append(late ? 's' : 'S');
                            }
                            case 2 -> {
                              Integer got = ch.receiveChannel().tryReceive();
                              out.append(id).append('r').append(got);
                            }
                            default -> Weft.checkpoint();
                          }
                          out.append('@').append(Weft.currentTime()).append(' ');
                        }
                      });
                }
              });
          return null;
        });
    return out.toString();
  }
}
