package dev.weft.stress;

import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.queue.FifoQueue;
import dev.weft.queue.LifoQueue;
import dev.weft.queue.PriorityQueue;
import dev.weft.queue.Queue;
import dev.weft.queue.QueueShutDownException;
import dev.weft.queue.QueueStatistics;
import dev.weft.testing.MockClock;
import java.util.Comparator;
import java.lang.ref.WeakReference;
import java.util.SplittableRandom;

/**
 * Items through a bounded queue of each kind from several producers to several consumers, every
 * put and get under a random timeout; the priority queue's comparator throws now and then (a
 * hostile callback). Nothing may be lost or duplicated, a FIFO queue keeps each producer's order,
 * and at the end the statistics say empty, nobody waiting, nothing unfinished.
 */
final class QueueSuite implements Suite {
  private final String kind;

  QueueSuite(String kind) {
    this.kind = kind;
  }

  @Override
  public String name() {
    return kind + "Queue";
  }

  private Queue<Integer> newQueue(SplittableRandom rnd, long[] comparatorFailures) {
    int maxsize = 4 + rnd.nextInt(8); // 4 or more, so that the heap compares
    return switch (kind) {
      case "Fifo" -> new FifoQueue<>(maxsize);
      case "Lifo" -> new LifoQueue<>(maxsize);
      default -> {
        SplittableRandom hostile = rnd.split();
        Comparator<Integer> sometimesThrows =
            (a, b) -> {
              if (hostile.nextInt(50) == 0) {
                comparatorFailures[0]++;
                throw new IllegalStateException("hostile comparator");
              }
              return Integer.compare(a, b);
            };
        yield new PriorityQueue<>(maxsize, sometimesThrows);
      }
    };
  }

  @Override
  public String run(Engine engine, int ops, long seed) throws Exception {
    int producers = 3;
    int perProducer = Math.max(1, ops / producers);
    ItemLedger ledger = new ItemLedger(producers, perProducer);
    long[] comparatorFailures = new long[1];
    SplittableRandom root = new SplittableRandom(seed);
    WeakReference<?>[] structure = new WeakReference<?>[1];
    Weft.run(
        c -> c.withClock(MockClock.autojumping()).withEngine(engine),
        () -> {
          Queue<Integer> q = newQueue(root, comparatorFailures);
          Check.notStuck(
              name(),
              () ->
                  Nursery.open(
                      n -> {
                        for (int c = 0; c < 3; c++) {
                          SplittableRandom rnd = root.split();
                          ItemLedger.Consumer me = ledger.consumer(kind.equals("Fifo"));
                          n.startSoon(() -> consume(q, rnd, me, ledger));
                        }
                        Nursery.open(
                            p -> {
                              for (int i = 0; i < producers; i++) {
                                int id = i;
                                SplittableRandom rnd = root.split();
                                p.startSoon(() -> produce(q, rnd, id, perProducer, ledger));
                              }
                            });
                        q.join();
                        q.shutdown();
                      }));
          QueueStatistics s = q.statistics();
          Check.that(
              s.size() == 0 && s.unfinishedTasks() == 0 && s.tasksWaitingGet() == 0
                  && s.tasksWaitingPut() == 0,
              name() + ": left " + s);
          Check.nothingLeft(name());
          structure[0] = new WeakReference<>(q);
          return null;
        });
    ledger.checkNoneLost(name());
    Check.collectable(structure[0], name());
    return ledger.total()
        + " items, "
        + ledger.cancelled
        + " cancelled ops, "
        + comparatorFailures[0]
        + " comparator failures, none lost";
  }

  private static void produce(
      Queue<Integer> q, SplittableRandom rnd, int id, int count, ItemLedger ledger)
      throws Exception {
    for (int seq = 0; seq < count; seq++) {
      int item = ledger.item(id, seq);
      while (true) {
        try {
          if (!ledger.cancelledUnderTimeout(rnd, () -> q.put(item))) {
            break;
          }
        } catch (IllegalStateException hostile) {
          // the comparator failed: the item was not added (issue 11, item 9); try again
        }
      }
    }
  }

  private static void consume(
      Queue<Integer> q, SplittableRandom rnd, ItemLedger.Consumer me, ItemLedger ledger)
      throws Exception {
    while (true) {
      Integer[] got = new Integer[1];
      try {
        if (ledger.cancelledUnderTimeout(rnd, () -> { got[0] = q.get(); })) {
          Check.that(got[0] == null, "a cancelled get returned an item");
          continue;
        }
      } catch (QueueShutDownException done) {
        return;
      } catch (IllegalStateException hostile) {
        continue; // the comparator failed: nothing was taken
      }
      me.took(got[0]);
      q.taskDone();
    }
  }
}
