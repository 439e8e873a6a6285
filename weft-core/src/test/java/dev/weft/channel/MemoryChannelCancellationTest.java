package dev.weft.channel;

import static dev.weft.channel.ChannelTesting.s;
import static dev.weft.channel.ChannelTesting.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.cancel.CancelledError;
import dev.weft.cancel.Timeouts;
import dev.weft.testing.WeftTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

/**
 * Cancellation is atomic: a cancelled receive takes nothing, a cancelled send delivers nothing,
 * and a task that has been handed its result keeps it even when cancelled in the same instant.
 */
class MemoryChannelCancellationTest {
  /** A receive cancelled while waiting takes nothing and leaves no waiter behind. */
  @WeftTest
  void testCancelledReceiveTakesNothing() throws Exception {
    MemoryChannel<String> ch = MemoryChannel.open(0);
    assertTrue(Timeouts.moveOnAfter(s(1), () -> ch.receiveChannel().receive()).isEmpty());
    assertEquals(0, ch.sendChannel().statistics().tasksWaitingReceive());
    assertFalse(ch.sendChannel().trySend("x")); // nobody is waiting to take it
  }

  /** A send cancelled while waiting delivers nothing and leaves no waiter behind. */
  @WeftTest
  void testCancelledSendDeliversNothing() throws Exception {
    MemoryChannel<String> ch = MemoryChannel.open(1);
    ch.sendChannel().send("kept");
    CancelScope scope = Timeouts.moveOnAfter(s(1), () -> ch.sendChannel().send("lost"));
    assertTrue(scope.cancelledCaught());
    assertEquals(0, ch.sendChannel().statistics().tasksWaitingSend());
    assertEquals("kept", ch.receiveChannel().tryReceive());
    assertNull(ch.receiveChannel().tryReceive());
  }

  /** A send or receive in an already-cancelled scope does nothing, even when it could complete. */
  @WeftTest
  void testAlreadyCancelledOperationsDoNothing() throws Exception {
    MemoryChannel<String> ch = MemoryChannel.open(1);
    CancelScope scope = new CancelScope();
    scope.cancel();
    scope.run(() -> ch.sendChannel().send("a")); // there is room, but the cancel point comes first
    assertEquals(0, ch.sendChannel().statistics().currentBufferUsed());
    ch.sendChannel().send("b");
    CancelScope scope2 = new CancelScope();
    scope2.cancel();
    scope2.run(() -> ch.receiveChannel().receive());
    assertEquals("b", ch.receiveChannel().tryReceive());
  }

  /**
   * A receiver handed a value keeps it even if its scope is cancelled before it runs again; the
   * cancellation comes at its next checkpoint.
   */
  @WeftTest
  void testReceiverHandedValueThenCancelledKeepsIt() throws Exception {
    MemoryChannel<String> ch = MemoryChannel.open(0);
    CancelScope scope = new CancelScope();
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(
              () ->
                  scope.run(
                      () -> {
                        log.add("got " + ch.receiveChannel().receive());
                        try {
                          Weft.checkpoint();
                        } catch (CancelledError e) {
                          log.add("then cancelled");
                          throw e;
                        }
                      }));
          settle();
          // In one step, with no checkpoint between: hand the value over, then cancel.
          assertTrue(ch.sendChannel().trySend("v"));
          scope.cancel();
        });
    assertEquals(List.of("got v", "then cancelled"), log);
    assertTrue(scope.cancelledCaught());
  }

  /** A blocked sender whose value was taken completes its send even if cancelled right after. */
  @WeftTest
  void testSenderTakenThenCancelledCompletes() throws Exception {
    MemoryChannel<String> ch = MemoryChannel.open(0);
    CancelScope scope = new CancelScope();
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(
              () ->
                  scope.run(
                      () -> {
                        ch.sendChannel().send("v");
                        log.add("sent");
                        Weft.checkpoint();
                        log.add("unreachable");
                      }));
          settle();
          assertEquals("v", ch.receiveChannel().tryReceive());
          scope.cancel();
        });
    assertEquals(List.of("sent"), log);
  }

  /** A cancelled sender in the middle of the queue drops out; the others keep their order. */
  @WeftTest
  void testCancelledSenderLeavesQueueOrderIntact() throws Exception {
    MemoryChannel<String> ch = MemoryChannel.open(0);
    CancelScope middle = new CancelScope();
    Nursery.open(
        n -> {
          n.startSoon(() -> ch.sendChannel().send("a"));
          settle();
          n.startSoon(() -> middle.run(() -> ch.sendChannel().send("b")));
          settle();
          n.startSoon(() -> ch.sendChannel().send("c"));
          settle();
          middle.cancel();
          settle();
          assertEquals(2, ch.sendChannel().statistics().tasksWaitingSend());
          assertEquals("a", ch.receiveChannel().receive());
          assertEquals("c", ch.receiveChannel().receive());
        });
  }

  /**
   * Many senders and receivers on rendezvous and buffered channels, with plain operations and
   * selects, under random timeouts on a coarse time grid (so deadlines often fall in the same
   * instant as a hand-off): every value whose send returned is received exactly once, and no
   * value whose send was cancelled is received.
   */
  @WeftTest
  void testRandomCancellationsLoseAndDuplicateNothing() throws Exception {
    for (int capacity : new int[] {0, 1, 3}) {
      for (long seed = 1; seed <= 8; seed++) {
        stress(seed, capacity);
      }
    }
  }

  private static void stress(long seed, int capacity) throws Exception {
    Random rnd = new Random(seed);
    MemoryChannel<Integer> c1 = MemoryChannel.open(capacity);
    MemoryChannel<Integer> c2 = MemoryChannel.open(capacity);
    List<Integer> sent = new ArrayList<>();
    List<Integer> received = new ArrayList<>();
    int[] cancelled = new int[1];
    Nursery.open(
        n -> {
          for (int p = 0; p < 4; p++) {
            MemorySendChannel<Integer> tx1 = c1.sendChannel().clone();
            MemorySendChannel<Integer> tx2 = c2.sendChannel().clone();
            int base = p * 1000;
            n.startSoon(
                () -> {
                  try (tx1; tx2) {
                    for (int k = 0; k < 40; k++) {
                      int v = base + k;
                      int mode = rnd.nextInt(3);
                      CancelScope scope =
                          Timeouts.moveOnAfter(
                              s(rnd.nextInt(4) / 10.0),
                              () -> {
                                switch (mode) {
                                  case 0 -> tx1.send(v);
                                  case 1 -> tx2.send(v);
                                  default -> Select.select(tx1.onSend(v, () -> 1), tx2.onSend(v, () -> 2));
                                }
                                sent.add(v); // no checkpoint between the send returning and this
                              });
                      if (scope.cancelledCaught()) {
                        cancelled[0]++;
                      }
                      if (rnd.nextBoolean()) {
                        Weft.sleep(s(rnd.nextInt(3) / 10.0));
                      }
                    }
                  }
                });
          }
          c1.sendChannel().close();
          c2.sendChannel().close();
          for (int r = 0; r < 3; r++) {
            MemoryReceiveChannel<Integer> rx1 = c1.receiveChannel().clone();
            MemoryReceiveChannel<Integer> rx2 = c2.receiveChannel().clone();
            n.startSoon(
                () -> {
                  boolean[] ended = new boolean[2];
                  try (rx1; rx2) {
                    while (!(ended[0] && ended[1])) {
                      int mode = rnd.nextInt(3);
                      Timeouts.moveOnAfter(
                          s(rnd.nextInt(4) / 10.0),
                          () -> {
                            if (mode == 2 && !ended[0] && !ended[1]) {
                              Integer v =
                                  Select.select(
                                      rx1.onReceiveOrEnd(x -> x, () -> { ended[0] = true; return null; }),
                                      rx2.onReceiveOrEnd(x -> x, () -> { ended[1] = true; return null; }));
                              if (v != null) {
                                received.add(v);
                              }
                            } else {
                              int which = ended[0] ? 1 : ended[1] ? 0 : mode % 2;
                              try {
                                received.add((which == 0 ? rx1 : rx2).receive());
                              } catch (EndOfChannelException e) {
                                ended[which] = true;
                              }
                            }
                          });
                      if (rnd.nextInt(4) == 0) {
                        Weft.sleep(s(rnd.nextInt(3) / 10.0));
                      }
                    }
                  }
                });
          }
          c1.receiveChannel().close();
          c2.receiveChannel().close();
        });
    String where = "seed " + seed + ", capacity " + capacity;
    assertEquals(received.size(), new HashSet<>(received).size(), "a value was received twice; " + where);
    assertEquals(new HashSet<>(sent), new HashSet<>(received), "sent and received differ; " + where);
    assertTrue(cancelled[0] > 0, "the scenario should cancel some sends; " + where);
    assertTrue(sent.size() > 0, where);
  }
}
