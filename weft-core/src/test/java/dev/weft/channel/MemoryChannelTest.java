package dev.weft.channel;

import static dev.weft.channel.ChannelTesting.s;
import static dev.weft.channel.ChannelTesting.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.BrokenResourceException;
import dev.weft.Engine;
import dev.weft.ClosedResourceException;
import dev.weft.Nursery;
import dev.weft.RunConfig;
import dev.weft.Weft;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.Trace;
import dev.weft.testing.WeftTest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The memory channel's rules: buffering, hand-off, closing, clones, checkpoints, fairness. */
class MemoryChannelTest {
  /**
   * On a rendezvous channel, send waits until a receiver takes the value. Under the default
   * policy the receiver goes on after its receive (its schedule point has budget left) and the
   * woken sender runs next; with a budget of 1 (Trio's policy) receive's schedule point lets the
   * sender run first.
   */
  @WeftTest(schedulingBudgets = {RunConfig.DEFAULT_SCHEDULING_BUDGET, 1})
  void testRendezvousSendWaitsForReceiver(RunConfig config) throws Exception {
    MemoryChannel<String> ch = MemoryChannel.open(0);
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                ch.sendChannel().send("a");
                log.add("sent at " + Weft.currentTime());
              });
          n.startSoon(
              () -> {
                Weft.sleep(s(5));
                log.add("got " + ch.receiveChannel().receive() + " at " + Weft.currentTime());
              });
        });
    assertEquals(
        config.schedulingBudget() == 1
            ? List.of("sent at 5.0", "got a at 5.0")
            : List.of("got a at 5.0", "sent at 5.0"),
        log);
  }

  /** A value sent to a waiting receiver goes straight to it, never through the buffer. */
  @WeftTest
  void testHandOffToWaitingReceiverSkipsBuffer() throws Exception {
    MemoryChannel<Integer> ch = MemoryChannel.open(4);
    List<Integer> got = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(() -> got.add(ch.receiveChannel().receive()));
          settle();
          assertEquals(1, ch.sendChannel().statistics().tasksWaitingReceive());
          assertTrue(ch.sendChannel().trySend(7));
          MemoryChannelStatistics st = ch.sendChannel().statistics();
          assertEquals(0, st.currentBufferUsed());
          assertEquals(0, st.tasksWaitingReceive());
        });
    assertEquals(List.of(7), got);
  }

  /**
   * The rendezvous hand-off runs in a fixed order: send parks, receive takes the value and wakes
   * the sender; then the receiver goes on (default policy) or, with a budget of 1, receive's
   * schedule point lets the woken sender run first.
   */
  @WeftTest(schedulingBudgets = {RunConfig.DEFAULT_SCHEDULING_BUDGET, 1})
  void testRendezvousOrder(RunConfig config) throws Exception {
    boolean trio = config.schedulingBudget() == 1;
    MemoryChannel<String> ch = MemoryChannel.open(0);
    Trace trace = new Trace();
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                trace.expect(1);
                ch.sendChannel().send("x"); // parks: nobody receives yet
                trace.expect(trio ? 3 : 4);
              });
          n.startSoon(
              () -> {
                trace.expect(2);
                assertEquals("x", ch.receiveChannel().receive()); // takes it, wakes the sender
                trace.expect(trio ? 4 : 3);
              });
        });
    trace.finish(5);
  }

  /** A buffered channel takes capacity values without waiting, then send blocks until a receive. */
  @WeftTest
  void testBufferedCapacityBlocks() throws Exception {
    MemoryChannel<Integer> ch = MemoryChannel.open(2);
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                for (int i = 0; i < 3; i++) {
                  ch.sendChannel().send(i);
                  log.add("sent " + i + " at " + Weft.currentTime());
                }
              });
          settle();
          assertEquals(new MemoryChannelStatistics(2, 2, 1, 1, 1, 0), ch.receiveChannel().statistics());
          Weft.sleep(s(1));
          assertEquals(0, ch.receiveChannel().receive());
          settle();
          // the blocked sender's value moved into the buffer behind 1
          assertEquals(1, ch.receiveChannel().tryReceive());
          assertEquals(2, ch.receiveChannel().tryReceive());
          assertNull(ch.receiveChannel().tryReceive());
        });
    assertEquals(List.of("sent 0 at 0.0", "sent 1 at 0.0", "sent 2 at 1.0"), log);
  }

  /** An unbounded channel never makes a sender wait, and keeps the order. */
  @WeftTest
  void testUnbounded() throws Exception {
    MemoryChannel<Integer> ch = MemoryChannel.openUnbounded();
    for (int i = 0; i < 10_000; i++) {
      ch.sendChannel().send(i);
    }
    assertEquals(0.0, Weft.currentTime());
    MemoryChannelStatistics st = ch.sendChannel().statistics();
    assertEquals(10_000, st.currentBufferUsed());
    assertEquals(MemoryChannel.UNBOUNDED, st.maxBufferSize());
    assertEquals(Integer.MAX_VALUE, MemoryChannel.open(MemoryChannel.UNBOUNDED).sendChannel().statistics().maxBufferSize());
    for (int i = 0; i < 10_000; i++) {
      assertEquals(i, ch.receiveChannel().receive());
    }
  }

  /** A negative capacity is rejected with a message naming the valid choices. */
  @Test
  void testNegativeCapacityRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemoryChannel.open(-1));
    assertTrue(e.getMessage().contains("UNBOUNDED"), e.getMessage());
  }

  /** Receivers see the end only after every send clone is closed and the buffer is drained. */
  @WeftTest
  void testEndOfChannelAfterLastCloneAndDrain() throws Exception {
    MemoryChannel<String> ch = MemoryChannel.open(5);
    MemorySendChannel<String> tx1 = ch.sendChannel();
    MemorySendChannel<String> tx2 = tx1.clone();
    MemorySendChannel<String> tx3 = tx2.clone();
    MemoryReceiveChannel<String> rx = ch.receiveChannel();
    tx1.send("a");
    tx2.send("b");
    tx1.close();
    tx2.close();
    assertEquals(1, rx.statistics().openSendChannels());
    assertEquals("a", rx.receive());
    assertEquals("b", rx.receive());
    assertNull(rx.tryReceive()); // tx3 is still open: not the end
    tx3.send("c");
    tx3.close();
    assertEquals("c", rx.receive()); // closed, but the buffer still holds c
    assertThrows(EndOfChannelException.class, rx::receive);
    assertThrows(EndOfChannelException.class, rx::tryReceive);
    assertThrows(EndOfChannelException.class, rx::receive); // and again
  }

  /** Receivers blocked when the last send end closes are woken with EndOfChannelException. */
  @WeftTest
  void testCloseOfLastSenderWakesReceivers() throws Exception {
    MemoryChannel<String> ch = MemoryChannel.open(0);
    MemorySendChannel<String> tx2 = ch.sendChannel().clone();
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          for (int i = 0; i < 2; i++) {
            MemoryReceiveChannel<String> rx = i == 0 ? ch.receiveChannel() : ch.receiveChannel().clone();
            n.startSoon(
                () -> {
                  try {
                    rx.receive();
                  } catch (EndOfChannelException e) {
                    log.add("end at " + Weft.currentTime());
                  }
                });
          }
          settle();
          ch.sendChannel().close();
          settle();
          assertEquals(List.of(), log); // tx2 still open
          Weft.sleep(s(1));
          tx2.close();
        });
    assertEquals(List.of("end at 1.0", "end at 1.0"), log);
  }

  /** Senders see a broken channel only after every receive clone is closed; waiting ones too. */
  @WeftTest
  void testBrokenAfterLastReceiveClone() throws Exception {
    MemoryChannel<Integer> ch = MemoryChannel.open(1);
    MemorySendChannel<Integer> tx = ch.sendChannel();
    MemoryReceiveChannel<Integer> rx2 = ch.receiveChannel().clone();
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          tx.send(1); // fills the buffer
          n.startSoon(
              () -> {
                try {
                  tx.send(2);
                } catch (BrokenResourceException e) {
                  log.add("broken at " + Weft.currentTime() + ": " + e.getMessage());
                }
              });
          settle();
          ch.receiveChannel().close();
          settle();
          assertEquals(List.of(), log); // rx2 still open
          assertEquals(1, tx.statistics().tasksWaitingSend());
          Weft.sleep(s(2));
          rx2.close();
        });
    assertEquals(1, log.size());
    assertTrue(log.get(0).startsWith("broken at 2.0: MemorySendChannel.send: every receive channel"), log.get(0));
    MemoryChannelStatistics st = tx.statistics();
    assertEquals(0, st.currentBufferUsed()); // nobody can receive the buffered value: dropped
    assertEquals(0, st.openReceiveChannels());
    assertThrows(BrokenResourceException.class, () -> tx.send(3));
    assertThrows(BrokenResourceException.class, () -> tx.trySend(3));
  }

  /** Every use of a closed end throws ClosedResourceException; closing twice does nothing. */
  @WeftTest
  void testClosedEndErrors() throws Exception {
    MemoryChannel<String> ch = MemoryChannel.open(3);
    MemorySendChannel<String> tx = ch.sendChannel();
    MemorySendChannel<String> keep = tx.clone();
    MemoryReceiveChannel<String> rx = ch.receiveChannel();
    MemoryReceiveChannel<String> rxKeep = rx.clone();
    tx.close();
    tx.close();
    rx.close();
    rx.close();
    assertTrue(tx.isClosed());
    assertTrue(rx.isClosed());
    ClosedResourceException e = assertThrows(ClosedResourceException.class, () -> tx.send("x"));
    assertTrue(e.getMessage().startsWith("MemorySendChannel.send: this send channel has been closed"), e.getMessage());
    assertThrows(ClosedResourceException.class, () -> tx.trySend("x"));
    assertThrows(ClosedResourceException.class, tx::clone);
    assertThrows(ClosedResourceException.class, rx::receive);
    assertThrows(ClosedResourceException.class, rx::tryReceive);
    assertThrows(ClosedResourceException.class, rx::clone);
    assertThrows(ClosedResourceException.class, () -> rx.iterator().hasNext());
    // the other clones are unaffected
    keep.send("y");
    assertEquals("y", rxKeep.receive());
    assertEquals(1, keep.statistics().openSendChannels());
    assertEquals(1, keep.statistics().openReceiveChannels());
  }

  /** Closing an end wakes the tasks blocked in that same end, and no others. */
  @WeftTest
  void testCloseWakesOwnBlockedTasks() throws Exception {
    MemoryChannel<String> ch = MemoryChannel.open(0);
    MemorySendChannel<String> tx1 = ch.sendChannel();
    MemorySendChannel<String> tx2 = tx1.clone();
    MemoryReceiveChannel<String> rx1 = ch.receiveChannel();
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                try {
                  tx1.send("one");
                } catch (ClosedResourceException e) {
                  log.add("tx1 closed: " + e.getMessage());
                }
              });
          n.startSoon(() -> { tx2.send("two"); log.add("tx2 sent"); });
          settle();
          tx1.close();
          settle();
          assertEquals(1, log.size());
          assertTrue(log.get(0).startsWith("tx1 closed: MemorySendChannel.send: another task closed this send channel"), log.get(0));
          assertEquals("two", rx1.receive());
        });
    assertEquals("tx2 sent", log.get(1));

    // The receive side: a receiver blocked in rx1 is woken when rx1 closes; one in rx2 is not.
    MemoryReceiveChannel<String> rx2 = rx1.clone();
    log.clear();
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                try {
                  rx1.receive();
                } catch (ClosedResourceException e) {
                  log.add("rx1 closed");
                }
              });
          n.startSoon(() -> log.add("rx2 got " + rx2.receive()));
          settle();
          rx1.close();
          settle();
          assertEquals(List.of("rx1 closed"), log);
          tx2.send("three");
        });
    assertEquals(List.of("rx1 closed", "rx2 got three"), log);
  }

  /** A for loop over the receive end gets every value, then ends cleanly at the end of channel. */
  @WeftTest
  void testIterableEndsAtEndOfChannel() throws Exception {
    MemoryChannel<Integer> ch = MemoryChannel.open(0);
    List<Integer> got = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                try (var tx = ch.sendChannel()) {
                  for (int i = 0; i < 5; i++) {
                    tx.send(i);
                  }
                }
              });
          n.startSoon(
              () -> {
                try (var rx = ch.receiveChannel()) {
                  for (int v : rx) {
                    got.add(v);
                  }
                }
              });
        });
    assertEquals(List.of(0, 1, 2, 3, 4), got);
  }

  /** The iterator's next() works without hasNext(), and past the end throws NoSuchElementException. */
  @WeftTest
  void testIteratorProtocol() throws Exception {
    MemoryChannel<String> ch = MemoryChannel.open(2);
    ch.sendChannel().send("a");
    ch.sendChannel().close();
    Iterator<String> it = ch.receiveChannel().iterator();
    assertEquals("a", it.next());
    assertFalse(it.hasNext());
    assertFalse(it.hasNext());
    assertThrows(NoSuchElementException.class, it::next);
  }

  /** Channels reject null everywhere a value goes in, with a message that says why. */
  @WeftTest
  void testNullRejected() {
    MemoryChannel<String> ch = MemoryChannel.open(1);
    NullPointerException e = assertThrows(NullPointerException.class, () -> ch.sendChannel().send(null));
    assertTrue(e.getMessage().contains("channels do not carry null"), e.getMessage());
    assertThrows(NullPointerException.class, () -> ch.sendChannel().trySend(null));
    assertThrows(NullPointerException.class, () -> ch.sendChannel().onSend(null, () -> 1));
    assertEquals(0, ch.sendChannel().statistics().currentBufferUsed());
  }

  /** trySend, tryReceive, clone, close and statistics never checkpoint, whatever they find. */
  @WeftTest
  void testNonBlockingOperationsNeverCheckpoint() throws Exception {
    MemoryChannel<String> ch = MemoryChannel.open(1);
    MemorySendChannel<String> tx = ch.sendChannel();
    MemoryReceiveChannel<String> rx = ch.receiveChannel();
    Checkpoints.assertNoCheckpoints(() -> assertNull(rx.tryReceive()));
    Checkpoints.assertNoCheckpoints(() -> assertTrue(tx.trySend("a")));
    Checkpoints.assertNoCheckpoints(() -> assertFalse(tx.trySend("b")));
    Checkpoints.assertNoCheckpoints(() -> assertEquals("a", rx.tryReceive()));
    Checkpoints.assertNoCheckpoints(() -> tx.clone().close());
    Checkpoints.assertNoCheckpoints(() -> rx.clone().close());
    Checkpoints.assertNoCheckpoints(tx::statistics);
    Checkpoints.assertNoCheckpoints(tx::close);
    Checkpoints.assertNoCheckpoints(() -> assertThrows(EndOfChannelException.class, rx::tryReceive));
  }

  /** send and receive are checkpoints even when they do not wait. */
  @WeftTest
  void testSendAndReceiveAreCheckpoints() throws Exception {
    MemoryChannel<String> ch = MemoryChannel.open(1);
    Checkpoints.assertCheckpoints(() -> ch.sendChannel().send("a")); // room in the buffer
    Checkpoints.assertCheckpoints(() -> assertEquals("a", ch.receiveChannel().receive())); // ready
    Nursery.open(
        n -> {
          n.startSoon(() -> ch.sendChannel().send("b"));
          n.startSoon(() -> ch.sendChannel().send("c"));
          settle();
          // a receive that also tops the buffer up from a blocked sender
          Checkpoints.assertCheckpoints(() -> assertEquals("b", ch.receiveChannel().receive()));
          // one step of a for loop
          Checkpoints.assertCheckpoints(() -> assertEquals("c", ch.receiveChannel().iterator().next()));
        });
    // and when they wait
    Nursery.open(
        n -> {
          n.startSoon(() -> { Weft.sleep(s(1)); ch.receiveChannel().receive(); });
          Checkpoints.assertCheckpoints(() -> ch.sendChannel().send("d"));
          Checkpoints.assertCheckpoints(() -> ch.sendChannel().send("e"));
        });
    Checkpoints.assertCheckpoints(() -> assertEquals("e", ch.receiveChannel().receive()));
  }

  /** Senders blocked on a full channel are served in the order they started waiting. */
  @WeftTest
  void testFairnessAmongSenders() throws Exception {
    MemoryChannel<String> ch = MemoryChannel.open(0);
    List<String> got = new ArrayList<>();
    Nursery.open(
        n -> {
          for (String name : List.of("a", "b", "c", "d")) {
            n.startSoon(() -> ch.sendChannel().send(name));
            settle(); // each one waits before the next starts
          }
          assertEquals(4, ch.sendChannel().statistics().tasksWaitingSend());
          for (int i = 0; i < 4; i++) {
            got.add(ch.receiveChannel().receive());
          }
        });
    assertEquals(List.of("a", "b", "c", "d"), got);
  }

  /** Receivers blocked on an empty channel are served in the order they started waiting. */
  @WeftTest
  void testFairnessAmongReceivers() throws Exception {
    MemoryChannel<Integer> ch = MemoryChannel.open(0);
    List<String> got = new ArrayList<>();
    Nursery.open(
        n -> {
          for (String name : List.of("r1", "r2", "r3")) {
            n.startSoon(() -> got.add(name + "=" + ch.receiveChannel().receive()));
            settle();
          }
          assertEquals(3, ch.sendChannel().statistics().tasksWaitingReceive());
          for (int i = 1; i <= 3; i++) {
            ch.sendChannel().send(i);
          }
        });
    assertEquals(List.of("r1=1", "r2=2", "r3=3"), got);
  }

  /** statistics() reports the buffer, the open ends and the waiting tasks. */
  @WeftTest
  void testStatistics() throws Exception {
    MemoryChannel<Integer> ch = MemoryChannel.open(3);
    assertEquals(new MemoryChannelStatistics(0, 3, 1, 1, 0, 0), ch.sendChannel().statistics());
    MemorySendChannel<Integer> tx2 = ch.sendChannel().clone();
    MemoryReceiveChannel<Integer> rx2 = ch.receiveChannel().clone();
    MemoryReceiveChannel<Integer> rx3 = rx2.clone();
    ch.sendChannel().send(1);
    assertEquals(new MemoryChannelStatistics(1, 3, 2, 3, 0, 0), rx3.statistics());
    rx2.close();
    tx2.close();
    assertEquals(new MemoryChannelStatistics(1, 3, 1, 2, 0, 0), rx3.statistics());
    assertTrue(rx3.toString().contains("buffer 1/3"), rx3.toString());
    assertTrue(rx2.toString().startsWith("MemoryReceiveChannel[closed"), rx2.toString());
  }

  /** Using a channel outside a loop fails with a message that names the way in. */
  @Test
  void testUseOutsideLoopFails() {
    MemoryChannel<String> ch = MemoryChannel.open(1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ch.sendChannel().trySend("x"));
    assertTrue(e.getMessage().startsWith("MemorySendChannel.trySend must be called from a weft task"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> ch.receiveChannel().tryReceive());
    // statistics is a plain read and works anywhere
    assertEquals(0, ch.sendChannel().statistics().currentBufferUsed());
  }

  /** A channel belongs to the first loop that uses it; another loop gets a clear error. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testChannelIsConfinedToOneLoop(Engine engine) throws Exception {
    MemoryChannel<String> ch = MemoryChannel.open(1);
    Weft.run(c -> c.withEngine(engine), () -> ch.sendChannel().send("x"));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Weft.run(c -> c.withEngine(engine), () -> ch.receiveChannel().receive()));
    assertTrue(e.getMessage().contains("belongs to another weft loop"), e.getMessage());
  }

  /** The pair unpacks with a record pattern, and rejects ends of different channels. */
  @WeftTest
  void testPairRecord() {
    if (MemoryChannel.<String>open(1) instanceof MemoryChannel<String>(var tx, var rx)) {
      assertTrue(tx.trySend("v"));
      assertEquals("v", rx.tryReceive());
    }
    MemoryChannel<String> a = MemoryChannel.open(0);
    MemoryChannel<String> b = MemoryChannel.open(0);
    assertThrows(IllegalArgumentException.class, () -> new MemoryChannel<>(a.sendChannel(), b.receiveChannel()));
    assertEquals(a, new MemoryChannel<>(a.sendChannel(), a.receiveChannel()));
  }

  /**
   * A task looping on send into a channel with room never has to wait, yet lets every other
   * runnable task run within the scheduling budget (fails when the budget is not enforced).
   */
  @WeftTest(schedulingBudgets = {RunConfig.DEFAULT_SCHEDULING_BUDGET, 1})
  void testSendLoopWithRoomLetsOthersRun(RunConfig config) throws Exception {
    int budget = config.schedulingBudget();
    MemoryChannel<Integer> ch = MemoryChannel.open(8 * budget);
    MemorySendChannel<Integer> tx = ch.sendChannel();
    Checkpoints.assertLetsOthersRun(budget, () -> tx.send(1));
    assertTrue(tx.statistics().currentBufferUsed() >= 3 * budget, "every send went to the buffer");
  }

}
