package dev.weft.stress;

import dev.weft.CompositeException;
import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.testing.MockClock;
import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Nurseries of failing children: some fail outright, some fail in {@code close()} while the
 * nursery's cancellation unwinds them, some with exceptions whose {@code toString()} throws.
 * Every failure must come out of {@code Nursery.open}, once.
 */
final class FailureSuite implements Suite {
  @Override
  public String name() {
    return "failures";
  }

  /** An exception whose toString() and getMessage() throw. */
  private static final class HostileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public String getMessage() {
      throw new IllegalStateException("hostile getMessage");
    }

    @Override
    public String toString() {
      throw new IllegalStateException("hostile toString");
    }
  }

  @Override
  public String run(Engine engine, int ops, long seed) throws Exception {
    int perRound = 50;
    int rounds = Math.max(1, ops / perRound);
    long[] reported = new long[1];
    SplittableRandom rnd = new SplittableRandom(seed);
    Weft.run(
        c -> c.withClock(MockClock.autojumping()).withEngine(engine),
        () -> {
          for (int r = 0; r < rounds; r++) {
            Set<Throwable> thrown = Collections.newSetFromMap(new IdentityHashMap<>());
            try {
              Nursery.open(
                  n -> {
                    for (int i = 0; i < perRound; i++) {
                      Throwable e =
                          switch (rnd.nextInt(3)) {
                            case 0 -> new IllegalStateException("child " + thrown.size());
                            case 1 -> new HostileException();
                            default -> new IOException("close failed");
                          };
                      thrown.add(e);
                      boolean inClose = e instanceof IOException;
                      n.startSoon(() -> fail(e, inClose));
                    }
                  });
            } catch (CompositeException c) {
              Set<Throwable> got = Collections.newSetFromMap(new IdentityHashMap<>());
              got.addAll(c.exceptions());
              Check.that(got.size() == c.exceptions().size(), "a failure reported twice");
              Check.that(got.equals(thrown), "failures lost: " + (thrown.size() - got.size()));
              reported[0] += got.size();
            }
          }
          Check.nothingLeft(name());
          return null;
        });
    Check.that(reported[0] == (long) rounds * perRound, "not every round reported its failures");
    return reported[0] + " failures, all reported once";
  }

  @SuppressWarnings("try")
  private static void fail(Throwable e, boolean inClose) throws Exception {
    if (!inClose) {
      throw sneaky(e); // at once: a checkpoint first could be cancelled by a failed sibling
    }
    // Fails only while the nursery's cancellation unwinds it (a failing sibling cancels it).
    try (AutoCloseable r = () -> { throw (Exception) e; }) {
      Weft.sleepForever();
    }
  }

  private static RuntimeException sneaky(Throwable e) {
    return e instanceof RuntimeException r ? r : new IllegalStateException(e);
  }
}
