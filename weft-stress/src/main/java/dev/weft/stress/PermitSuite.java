package dev.weft.stress;

import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.cancel.Timeouts;
import dev.weft.sync.CapacityLimiter;
import dev.weft.sync.Held;
import dev.weft.sync.Lock;
import dev.weft.sync.Semaphore;
import dev.weft.testing.MockClock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Acquires of a lock-like primitive from many tasks, each under a random timeout and holding
 * across checkpoints: never more holders than permits, and at the end every permit is back and
 * nobody waits (no permit leaked by a cancelled acquire).
 */
@SuppressWarnings("try") // a hold exists to be released by try-with-resources
final class PermitSuite implements Suite {
  private final String kind;

  PermitSuite(String kind) {
    this.kind = kind;
  }

  @Override
  public String name() {
    return kind;
  }

  @Override
  public String run(Engine engine, int ops, long seed) throws Exception {
    int tasks = 8;
    int permits = kind.equals("Lock") ? 1 : 3;
    int perTask = Math.max(1, ops / tasks);
    long[] acquired = new long[1];
    long[] cancelled = new long[1];
    Weft.run(
        c -> c.withClock(MockClock.autojumping()).withEngine(engine),
        () -> {
          Lock lock = new Lock();
          Semaphore semaphore = new Semaphore(permits);
          CapacityLimiter limiter = new CapacityLimiter(permits);
          Supplier<Held> acquire =
              switch (kind) {
                case "Lock" -> lock::acquire;
                case "Semaphore" -> semaphore::acquire;
                default -> limiter::acquire;
              };
          int[] holders = new int[1];
          Check.notStuck(
              name(),
              () ->
                  Nursery.open(
                      n -> {
                        for (int t = 0; t < tasks; t++) {
                          SplittableRandom rnd = new SplittableRandom(seed * 13 + t);
                          n.startSoon(
                              () -> {
                                for (int i = 0; i < perTask; i++) {
                                  Duration timeout = Duration.ofNanos(rnd.nextInt(3) * 1000L);
                                  boolean slow = rnd.nextBoolean();
                                  if (Timeouts.moveOnAfter(
                                          timeout,
                                          () -> {
                                            try (Held h = acquire.get()) {
                                              holders[0]++;
                                              acquired[0]++;
                                              Check.that(holders[0] <= permits, kind + ": too many holders");
                                              try {
                                                if (slow) {
                                                  Weft.checkpoint();
                                                }
                                              } finally {
                                                holders[0]--;
                                              }
                                            }
                                          })
                                      .cancelledCaught()) {
                                    cancelled[0]++;
                                  }
                                }
                              });
                        }
                      }));
          Check.that(!lock.isLocked() && lock.statistics().tasksWaiting() == 0, "lock leaked");
          Check.that(semaphore.value() == permits, "semaphore leaked: " + semaphore);
          Check.that(limiter.borrowedTokens() == 0, "limiter leaked: " + limiter);
          Check.nothingLeft(name());
          return null;
        });
    return acquired[0] + " acquires, " + cancelled[0] + " cancelled, no permit leaked";
  }
}
