package dev.weft.stress;

import dev.weft.Engine;
import dev.weft.Weft;
import dev.weft.lowlevel.RunToken;
import dev.weft.lowlevel.Scheduling;
import dev.weft.sync.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * Platform threads flood the loop with {@code runSyncSoon} callbacks while it runs: every callback
 * runs, exactly once, and each thread's callbacks run in the order it posted them.
 */
final class CrossThreadSuite implements Suite {
  @Override
  public String name() {
    return "cross-thread";
  }

  @Override
  public String run(Engine engine, int ops, long seed) throws Exception {
    int threads = 4;
    int perThread = Math.max(1, ops / threads);
    long total = (long) threads * perThread;
    long[] ran = new long[1];
    Weft.run(
        c -> c.withEngine(engine),
        () -> {
          RunToken token = Scheduling.currentRunToken();
          Event done = new Event();
          int[] next = new int[threads];
          List<Thread> posters = new ArrayList<>();
          for (int t = 0; t < threads; t++) {
            int id = t;
            posters.add(
                Thread.ofPlatform()
                    .start(
                        () -> {
                          for (int i = 0; i < perThread; i++) {
                            int seq = i;
                            token.runSyncSoon(
                                () -> {
                                  Check.that(next[id] == seq, "callback out of order or twice");
                                  next[id]++;
                                  if (++ran[0] == total) {
                                    done.set();
                                  }
                                });
                          }
                        }));
          }
          done.await();
          for (Thread p : posters) {
            p.join(); // they have posted everything by now, so this does not block the loop
          }
          Check.nothingLeft(name());
          return null;
        });
    Check.that(ran[0] == total, "callbacks lost: " + (total - ran[0]));
    return total + " callbacks from " + threads + " threads, none lost, in order";
  }
}
