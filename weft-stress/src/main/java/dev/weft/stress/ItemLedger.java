package dev.weft.stress;

import dev.weft.cancel.Timeouts;
import dev.weft.Block;
import java.time.Duration;
import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * The item accounting of a producers-to-consumers suite: producer {@code p} sends items {@code p
 * * perProducer + seq} in order of {@code seq}; the ledger records what consumers take and fails
 * on a duplicate or (when order is promised) on a producer's items taken out of order.
 */
final class ItemLedger {
  // immutable state
  private final int producers;
  private final int perProducer;
  private final BitSet seen;

  // mutable state
  /** Operations that a random timeout cancelled. */
  long cancelled;

  ItemLedger(int producers, int perProducer) {
    this.producers = producers;
    this.perProducer = perProducer;
    this.seen = new BitSet(producers * perProducer);
  }

  /** {@return how many items producers send in all} */
  int total() {
    return producers * perProducer;
  }

  /** {@return the item producer {@code p} sends as its {@code seq}-th} */
  int item(int p, int seq) {
    return p * perProducer + seq;
  }

  /**
   * Runs {@code op} under a short random timeout (0 to 3 us of the MockClock).
   *
   * @return whether the timeout cancelled it (then it must have changed nothing)
   */
  boolean cancelledUnderTimeout(SplittableRandom rnd, Block op) throws Exception {
    boolean caught =
        Timeouts.moveOnAfter(Duration.ofNanos(rnd.nextInt(4) * 1000L), op).cancelledCaught();
    if (caught) {
      cancelled++;
    }
    return caught;
  }

  /** {@return a new consumer's view, which checks order if {@code ordered}} */
  Consumer consumer(boolean ordered) {
    return new Consumer(ordered);
  }

  /** Fails unless every item was taken. */
  void checkNoneLost(String suite) {
    Check.that(seen.cardinality() == total(), suite + ": " + (total() - seen.cardinality()) + " lost");
  }

  /** One consumer: what it has taken from each producer last. */
  final class Consumer {
    private final boolean ordered;
    private final int[] last = new int[producers];

    Consumer(boolean ordered) {
      this.ordered = ordered;
      Arrays.fill(last, -1);
    }

    /** Records that this consumer took {@code item}. */
    void took(int item) {
      Check.that(!seen.get(item), "item " + item + " taken twice");
      seen.set(item);
      int p = item / perProducer;
      int seq = item % perProducer;
      Check.that(!ordered || seq > last[p], "item " + item + " taken out of order");
      last[p] = seq;
    }
  }
}
