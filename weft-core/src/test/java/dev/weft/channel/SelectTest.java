package dev.weft.channel;

import static dev.weft.channel.ChannelTesting.s;
import static dev.weft.channel.ChannelTesting.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.BrokenResourceException;
import dev.weft.ClosedResourceException;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.cancel.Timeouts;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.WeftTest;
import java.util.ArrayList;
import java.util.List;

/** Select: exactly one operation, deterministic choice, default, waiting, cancellation, errors. */
class SelectTest {
  /** With several clauses ready, the first listed wins and the others are left untouched. */
  @WeftTest
  void testFirstReadyClauseWins() throws Exception {
    MemoryChannel<String> a = MemoryChannel.open(1);
    MemoryChannel<String> b = MemoryChannel.open(1);
    MemoryChannel<String> c = MemoryChannel.open(1);
    a.sendChannel().send("from a");
    b.sendChannel().send("from b");
    String r =
        Select.select(
            b.receiveChannel().onReceive(v -> "b: " + v),
            a.receiveChannel().onReceive(v -> "a: " + v),
            c.sendChannel().onSend("x", () -> "sent to c"));
    assertEquals("b: from b", r);
    assertEquals(1, a.sendChannel().statistics().currentBufferUsed());
    assertEquals(0, c.sendChannel().statistics().currentBufferUsed());
    // and the order decides each time
    assertEquals("sent to c", Select.select(c.sendChannel().onSend("x", () -> "sent to c"), a.receiveChannel().onReceive()));
    assertEquals("from a", Select.select(a.receiveChannel().onReceive(), b.receiveChannel().onReceive()));
  }

  /** Clauses that cannot happen are skipped in favour of a later one that can. */
  @WeftTest
  void testSkipsClausesThatAreNotReady() throws Exception {
    MemoryChannel<Integer> empty = MemoryChannel.open(0);
    MemoryChannel<Integer> full = MemoryChannel.open(1);
    MemoryChannel<Integer> ready = MemoryChannel.open(1);
    full.sendChannel().send(0);
    ready.sendChannel().send(42);
    int r =
        Select.select(
            empty.receiveChannel().onReceive(),
            full.sendChannel().onSend(1, () -> -1),
            ready.receiveChannel().onReceive());
    assertEquals(42, r);
    assertEquals(0, empty.sendChannel().statistics().tasksWaitingReceive());
    assertEquals(0, full.sendChannel().statistics().tasksWaitingSend());
  }

  /** selectOrDefault returns the default when nothing is ready, changes nothing, never checkpoints. */
  @WeftTest
  void testDefaultWhenNothingReady() throws Exception {
    MemoryChannel<String> a = MemoryChannel.open(0);
    MemoryChannel<String> b = MemoryChannel.open(0);
    Checkpoints.assertNoCheckpoints(
        () ->
            assertEquals(
                "none",
                Select.selectOrDefault(
                    () -> "none", a.receiveChannel().onReceive(), b.sendChannel().onSend("x", () -> "sent"))));
    assertEquals(new MemoryChannelStatistics(0, 0, 1, 1, 0, 0), a.sendChannel().statistics());
    assertEquals(new MemoryChannelStatistics(0, 0, 1, 1, 0, 0), b.sendChannel().statistics());
    // with a clause ready it performs it, still without a checkpoint
    b.receiveChannel().clone(); // (an extra open end changes nothing here)
    MemoryChannel<String> c = MemoryChannel.open(1);
    c.sendChannel().send("ready");
    Checkpoints.assertNoCheckpoints(
        () -> assertEquals("ready", Select.selectOrDefault(() -> "none", a.receiveChannel().onReceive(), c.receiveChannel().onReceive())));
  }

  /** select is a checkpoint, both when a clause is ready at once and when it waits. */
  @WeftTest
  void testSelectIsCheckpoint() throws Exception {
    MemoryChannel<String> a = MemoryChannel.open(1);
    a.sendChannel().send("x");
    Checkpoints.assertCheckpoints(() -> Select.select(a.receiveChannel().onReceive()));
    a.sendChannel().send("z");
    Checkpoints.assertCheckpoints(() -> assertEquals("z", Select.select(List.of(a.receiveChannel().onReceive()))));
    Nursery.open(
        n -> {
          n.startSoon(() -> { Weft.sleep(s(1)); a.sendChannel().send("y"); });
          Checkpoints.assertCheckpoints(() -> assertEquals("y", Select.select(a.receiveChannel().onReceive())));
        });
  }

  /** A select waits until one clause can happen; the other clauses are withdrawn. */
  @WeftTest
  void testBlocksUntilOneIsReady() throws Exception {
    MemoryChannel<String> a = MemoryChannel.open(0);
    MemoryChannel<String> b = MemoryChannel.open(0);
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(
              () ->
                  log.add(
                      Select.select(
                              a.receiveChannel().onReceive(v -> "a: " + v),
                              b.receiveChannel().onReceive(v -> "b: " + v))
                          + " at "
                          + Weft.currentTime()));
          settle();
          assertEquals(1, a.sendChannel().statistics().tasksWaitingReceive());
          assertEquals(1, b.sendChannel().statistics().tasksWaitingReceive());
          Weft.sleep(s(2));
          b.sendChannel().send("hello");
          assertEquals(0, a.sendChannel().statistics().tasksWaitingReceive());
          assertFalse(a.sendChannel().trySend("nobody")); // the select no longer listens on a
        });
    assertEquals(List.of("b: hello at 2.0"), log);
  }

  /** A waiting select's send clause delivers its value to a receiver that arrives later. */
  @WeftTest
  void testWaitingSendClause() throws Exception {
    MemoryChannel<String> a = MemoryChannel.open(0);
    MemoryChannel<String> b = MemoryChannel.open(0);
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(
              () ->
                  log.add(
                      Select.select(
                          a.sendChannel().onSend("to a", () -> "sent a"),
                          b.sendChannel().onSend("to b", () -> "sent b"))));
          settle();
          assertEquals(1, a.sendChannel().statistics().tasksWaitingSend());
          assertEquals("to a", a.receiveChannel().receive());
          settle();
          assertNull(b.receiveChannel().tryReceive()); // the b clause was withdrawn
        });
    assertEquals(List.of("sent a"), log);
  }

  /** A select with a send and a receive on one rendezvous channel never meets itself. */
  @WeftTest
  void testSelectDoesNotMeetItself() throws Exception {
    MemoryChannel<Integer> ch = MemoryChannel.open(0);
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(
              () ->
                  log.add(
                      Select.select(
                          ch.sendChannel().onSend(1, () -> "sent"),
                          ch.receiveChannel().onReceive(v -> "received " + v))));
          settle();
          assertEquals(List.of(), log);
          assertEquals(1, ch.receiveChannel().receive());
        });
    assertEquals(List.of("sent"), log);
    assertEquals(new MemoryChannelStatistics(0, 0, 1, 1, 0, 0), ch.sendChannel().statistics());
  }

  /** A select queues behind plain receivers that were already waiting: first come, first served. */
  @WeftTest
  void testSelectCompetesFairly() throws Exception {
    MemoryChannel<String> ch = MemoryChannel.open(0);
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(() -> log.add("plain " + ch.receiveChannel().receive()));
          settle();
          n.startSoon(() -> log.add("select " + Select.select(ch.receiveChannel().onReceive())));
          settle();
          ch.sendChannel().send("1");
          ch.sendChannel().send("2");
        });
    assertEquals(List.of("plain 1", "select 2"), log);
  }

  /** A cancelled select performed nothing and left no waiters on any channel. */
  @WeftTest
  void testCancelledSelectLosesNothing() throws Exception {
    MemoryChannel<String> a = MemoryChannel.open(0);
    MemoryChannel<String> b = MemoryChannel.open(0);
    CancelScope scope =
        Timeouts.moveOnAfter(
            s(1),
            () -> {
              Select.select(a.receiveChannel().onReceive(), b.sendChannel().onSend("never", () -> ""));
            });
    assertTrue(scope.cancelledCaught());
    assertEquals(new MemoryChannelStatistics(0, 0, 1, 1, 0, 0), a.sendChannel().statistics());
    assertEquals(new MemoryChannelStatistics(0, 0, 1, 1, 0, 0), b.sendChannel().statistics());
    assertFalse(a.sendChannel().trySend("x"));
    assertNull(b.receiveChannel().tryReceive());
  }

  /** A select handed a value keeps it when its scope is cancelled in the same instant. */
  @WeftTest
  void testSelectHandedValueThenCancelledKeepsIt() throws Exception {
    MemoryChannel<String> a = MemoryChannel.open(0);
    MemoryChannel<String> b = MemoryChannel.open(0);
    CancelScope scope = new CancelScope();
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(
              () ->
                  scope.run(
                      () -> {
                        log.add(Select.select(a.receiveChannel().onReceive(), b.receiveChannel().onReceive()));
                        Weft.checkpoint();
                        log.add("unreachable");
                      }));
          settle();
          assertTrue(b.sendChannel().trySend("v"));
          scope.cancel();
        });
    assertEquals(List.of("v"), log);
  }

  /** Errors count as ready: a closed end, a broken channel, an ended channel. */
  @WeftTest
  void testErrorsOfReadyClauses() throws Exception {
    MemoryChannel<String> open = MemoryChannel.open(0);
    MemoryChannel<String> closed = MemoryChannel.open(0);
    MemorySendChannel<String> closedTx = closed.sendChannel().clone();
    closedTx.close();
    assertThrows(
        ClosedResourceException.class,
        () -> Select.select(open.receiveChannel().onReceive(), closedTx.onSend("x", () -> "")));

    MemoryChannel<String> broken = MemoryChannel.open(0);
    broken.receiveChannel().close();
    assertThrows(
        BrokenResourceException.class,
        () -> Select.select(open.receiveChannel().onReceive(), broken.sendChannel().onSend("x", () -> "")));

    MemoryChannel<String> ended = MemoryChannel.open(0);
    ended.sendChannel().close();
    assertThrows(
        EndOfChannelException.class,
        () -> Select.select(open.receiveChannel().onReceive(), ended.receiveChannel().onReceive()));
    assertEquals(
        "ended",
        Select.select(
            open.receiveChannel().onReceive(),
            ended.receiveChannel().onReceiveOrEnd(v -> v, () -> "ended")));
    // an earlier clause that can complete still wins over a later failing one
    MemoryChannel<String> ready = MemoryChannel.open(1);
    ready.sendChannel().send("first");
    assertEquals("first", Select.select(ready.receiveChannel().onReceive(), ended.receiveChannel().onReceive()));
    assertEquals(0, open.sendChannel().statistics().tasksWaitingReceive());
  }

  /** A waiting select is woken by the end of one of its channels, or by its end being closed. */
  @WeftTest
  void testWaitingSelectWokenByClose() throws Exception {
    MemoryChannel<String> a = MemoryChannel.open(0);
    MemoryChannel<String> b = MemoryChannel.open(0);
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(
              () ->
                  log.add(
                      Select.select(
                          a.receiveChannel().onReceiveOrEnd(v -> v, () -> "a ended"),
                          b.receiveChannel().onReceive())));
          n.startSoon(
              () -> {
                try {
                  Select.select(b.receiveChannel().onReceive(), a.receiveChannel().onReceive());
                } catch (EndOfChannelException e) {
                  log.add("end thrown");
                }
              });
          settle();
          a.sendChannel().close();
        });
    assertEquals(List.of("a ended", "end thrown"), log);
    assertEquals(0, b.sendChannel().statistics().tasksWaitingReceive());

    MemoryReceiveChannel<String> mine = b.receiveChannel().clone();
    MemoryChannel<String> c = MemoryChannel.open(0);
    log.clear();
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                try {
                  Select.select(c.receiveChannel().onReceive(), mine.onReceive());
                } catch (ClosedResourceException e) {
                  log.add("closed");
                }
              });
          settle();
          mine.close();
        });
    assertEquals(List.of("closed"), log);
    assertEquals(0, c.sendChannel().statistics().tasksWaitingReceive());
  }

  /** Merging two channels with onReceiveOrEnd until both have ended. */
  @WeftTest
  void testMergeUntilBothEnd() throws Exception {
    MemoryChannel<String> a = MemoryChannel.open(0);
    MemoryChannel<String> b = MemoryChannel.open(0);
    List<String> got = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(() -> { try (var tx = a.sendChannel()) { for (int i = 0; i < 3; i++) { Weft.sleep(s(1)); tx.send("a" + i); } } });
          n.startSoon(() -> { try (var tx = b.sendChannel()) { for (int i = 0; i < 2; i++) { Weft.sleep(s(1.5)); tx.send("b" + i); } } });
          boolean[] ended = new boolean[2];
          while (!(ended[0] && ended[1])) {
            List<SelectClause<String>> clauses = new ArrayList<>();
            if (!ended[0]) {
              clauses.add(a.receiveChannel().onReceiveOrEnd(v -> v, () -> { ended[0] = true; return null; }));
            }
            if (!ended[1]) {
              clauses.add(b.receiveChannel().onReceiveOrEnd(v -> v, () -> { ended[1] = true; return null; }));
            }
            String v = Select.select(clauses);
            if (v != null) {
              got.add(v + "@" + Weft.currentTime());
            }
          }
        });
    // at t=3 both senders wake; b's sleep started first (at 1.5), so b sends first
    assertEquals(List.of("a0@1.0", "b0@1.5", "a1@2.0", "b1@3.0", "a2@3.0"), got);
  }

  /** A select needs at least one clause, and no null ones. */
  @WeftTest
  void testBadArguments() {
    MemoryChannel<String> a = MemoryChannel.open(0);
    assertThrows(IllegalArgumentException.class, () -> Select.select());
    assertThrows(IllegalArgumentException.class, () -> Select.select(List.of()));
    assertThrows(NullPointerException.class, () -> Select.select(a.receiveChannel().onReceive(), null));
    assertThrows(NullPointerException.class, () -> Select.selectOrDefault(null, a.receiveChannel().onReceive()));
    assertThrows(NullPointerException.class, () -> a.receiveChannel().onReceive(null));
    assertThrows(NullPointerException.class, () -> a.sendChannel().onSend("x", null));
  }
}
