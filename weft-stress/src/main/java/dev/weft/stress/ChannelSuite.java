package dev.weft.stress;

import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.channel.EndOfChannelException;
import dev.weft.channel.MemoryChannel;
import dev.weft.testing.MockClock;
import java.lang.ref.WeakReference;
import java.util.SplittableRandom;

/**
 * Items through a memory channel (rendezvous, one slot, or buffered) from several producers to
 * several consumers, with every send and receive under a random timeout: none may be lost,
 * duplicated, or reordered (per producer, as each consumer sees them). A cancelled send or receive
 * must leave the channel unchanged, so a producer retries the same item.
 */
final class ChannelSuite implements Suite {
  private final int capacity;

  ChannelSuite(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public String name() {
    return "channel(" + capacity + ")";
  }

  @Override
  public String run(Engine engine, int ops, long seed) throws Exception {
    int producers = 4;
    ItemLedger ledger = new ItemLedger(producers, Math.max(1, ops / producers));
    WeakReference<?>[] structure = new WeakReference<?>[1];
    Weft.run(
        c -> c.withClock(MockClock.autojumping()).withEngine(engine),
        () -> {
          MemoryChannel<Integer> ch = MemoryChannel.open(capacity);
          Check.notStuck(
              name(),
              () ->
                  Nursery.open(
                      n -> {
                        for (int c = 0; c < 3; c++) {
                          SplittableRandom rnd = new SplittableRandom(seed * 31 + c);
                          n.startSoon(() -> consume(ch, rnd, ledger.consumer(true), ledger));
                        }
                        Nursery.open(
                            p -> {
                              for (int i = 0; i < producers; i++) {
                                int id = i;
                                SplittableRandom rnd = new SplittableRandom(seed * 17 + i);
                                p.startSoon(() -> produce(ch, rnd, id, ledger));
                              }
                            });
                        ch.sendChannel().close();
                      }));
          Check.nothingLeft(name());
          structure[0] = new WeakReference<>(ch);
          return null;
        });
    ledger.checkNoneLost(name());
    Check.collectable(structure[0], name());
    return ledger.total() + " items, " + ledger.cancelled + " cancelled ops, none lost";
  }

  private static void produce(
      MemoryChannel<Integer> ch, SplittableRandom rnd, int id, ItemLedger ledger)
      throws Exception {
    for (int seq = 0; seq < ledger.total() / 4; seq++) {
      int item = ledger.item(id, seq);
      // A cancelled send leaves the channel unchanged: send the same item again.
      while (ledger.cancelledUnderTimeout(rnd, () -> ch.sendChannel().send(item))) {
        Weft.checkpoint();
      }
    }
  }

  private static void consume(
      MemoryChannel<Integer> ch, SplittableRandom rnd, ItemLedger.Consumer me, ItemLedger ledger)
      throws Exception {
    while (true) {
      Integer[] got = new Integer[1];
      try {
        if (ledger.cancelledUnderTimeout(rnd, () -> { got[0] = ch.receiveChannel().receive(); })) {
          Check.that(got[0] == null, "a cancelled receive returned an item");
          continue;
        }
      } catch (EndOfChannelException end) {
        return;
      }
      me.took(got[0]);
    }
  }
}
