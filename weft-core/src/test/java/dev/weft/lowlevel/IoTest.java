package dev.weft.lowlevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.BusyResourceException;
import dev.weft.ClosedResourceException;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.cancel.CancelledError;
import dev.weft.sync.Event;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.WeftTest;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The loop's I/O verbs on real pipes: waking, cancellation, one waiter per direction, closing, and
 * the loop blocking in its selector. Pipes stand for any selectable channel; the socket streams
 * test sockets. The MockClock (autojump) is fine here: no test has a timer racing the bytes.
 */
class IoTest {
  static Pipe openPipe() throws Exception {
    Pipe p = Pipe.open();
    p.source().configureBlocking(false);
    p.sink().configureBlocking(false);
    return p;
  }

  static void closeAll(Pipe p) throws Exception {
    Io.notifyClosing(p.source());
    Io.notifyClosing(p.sink());
    p.source().close();
    p.sink().close();
  }

  /** A reader parked in waitReadable wakes when a writer writes, and then reads the bytes. */
  @WeftTest
  void testWaitReadableWakesOnData() throws Exception {
    Pipe p = openPipe();
    List<String> trace = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                trace.add("waiting");
                Io.waitReadable(p.source());
                ByteBuffer b = ByteBuffer.allocate(8);
                trace.add("read " + p.source().read(b));
              });
          Scheduling.awaitAllTasksBlocked(Duration.ZERO);
          assertEquals(1, Io.statistics().tasksWaitingReadable());
          trace.add("writing");
          p.sink().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        });
    assertEquals(List.of("waiting", "writing", "read 3"), trace);
    assertEquals(new IoStatistics(1, 0, 0), Io.statistics());
    closeAll(p);
    assertEquals(new IoStatistics(0, 0, 0), Io.statistics());
  }

  /** Both verbs are checkpoints even when the channel is ready at once. */
  @WeftTest
  void testVerbsAreCheckpoints() throws Exception {
    Pipe p = openPipe();
    try {
      Checkpoints.assertCheckpoints(() -> Io.waitWritable(p.sink()));
      p.sink().write(ByteBuffer.wrap(new byte[] {1}));
      Checkpoints.assertCheckpoints(() -> Io.waitReadable(p.source()));
    } finally {
      closeAll(p);
    }
  }

  /** A cancelled wait throws CancelledError, leaves no waiter behind, and the channel stays usable. */
  @WeftTest
  void testCancelledWaitLeavesChannelUsable() throws Exception {
    Pipe p = openPipe();
    try {
      CancelScope scope = new CancelScope();
      Nursery.open(
          n -> {
            n.startSoon(() -> scope.run(() -> Io.waitReadable(p.source())));
            Scheduling.awaitAllTasksBlocked(Duration.ZERO);
            scope.cancel();
          });
      assertTrue(scope.cancelledCaught());
      assertEquals(0, Io.statistics().tasksWaitingReadable());
      p.sink().write(ByteBuffer.wrap(new byte[] {7}));
      Io.waitReadable(p.source());
      ByteBuffer b = ByteBuffer.allocate(4);
      assertEquals(1, p.source().read(b));
      assertEquals(7, b.get(0));
    } finally {
      closeAll(p);
    }
  }

  /** A wait inside an already cancelled scope throws at once, even if the channel is ready. */
  @WeftTest
  void testWaitInCancelledScopeThrows() throws Exception {
    Pipe p = openPipe();
    try {
      CancelScope scope = new CancelScope();
      scope.cancel();
      scope.run(() -> assertThrows(CancelledError.class, () -> Io.waitWritable(p.sink())));
      assertEquals(0, Io.statistics().tasksWaitingWritable());
    } finally {
      closeAll(p);
    }
  }

  /** A second waiter for the same direction gets BusyResourceException naming the first. */
  @WeftTest
  void testSecondWaiterIsBusy() throws Exception {
    Pipe p = openPipe();
    AtomicReference<Throwable> second = new AtomicReference<>();
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                try {
                  Io.waitReadable(p.source());
                } catch (ClosedResourceException expected) {
                  // woken by closeAll below
                }
              },
              "first-reader");
          Scheduling.awaitAllTasksBlocked(Duration.ZERO);
          second.set(assertThrows(BusyResourceException.class, () -> Io.waitReadable(p.source())));
          closeAll(p);
        });
    String m = second.get().getMessage();
    assertTrue(m.contains("first-reader") && m.contains("Io.waitReadable"), m);
  }

  /** notifyClosing wakes the waiters of both directions with ClosedResourceException. */
  @WeftTest
  void testNotifyClosingWakesWaiters() throws Exception {
    Pipe p = openPipe();
    List<String> got = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                ClosedResourceException e =
                    assertThrows(ClosedResourceException.class, () -> Io.waitReadable(p.source()));
                got.add(e.getMessage().contains("Io.notifyClosing") ? "closed" : e.getMessage());
              });
          Scheduling.awaitAllTasksBlocked(Duration.ZERO);
          Io.notifyClosing(p.source());
          p.source().close();
        });
    assertEquals(List.of("closed"), got);
    assertEquals(0, Io.statistics().tasksWaitingReadable());
    closeAll(p);
  }

  /** Bad input: a closed channel, a channel in blocking mode, a direction it cannot have. */
  @WeftTest
  void testBadChannels() throws Exception {
    Pipe p = Pipe.open();
    try {
      IllegalArgumentException blocking =
          assertThrows(IllegalArgumentException.class, () -> Io.waitReadable(p.source()));
      assertTrue(blocking.getMessage().contains("configureBlocking(false)"), blocking.getMessage());
      p.source().configureBlocking(false);
      assertThrows(IllegalArgumentException.class, () -> Io.waitWritable(p.source()));
      assertThrows(NullPointerException.class, () -> Io.waitReadable(null));
    } finally {
      p.source().close();
      p.sink().close();
    }
    assertThrows(ClosedResourceException.class, () -> Io.waitReadable(p.source()));
  }

  /** Outside a task every verb names the way in. */
  @Test
  void testOutsideLoop() throws Exception {
    Pipe p = openPipe();
    try {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> Io.waitReadable(p.source()));
      assertTrue(e.getMessage().contains("Io.waitReadable"), e.getMessage());
      assertThrows(IllegalStateException.class, () -> Io.notifyClosing(p.source()));
      assertThrows(IllegalStateException.class, Io::statistics);
    } finally {
      p.source().close();
      p.sink().close();
    }
  }

  /** A task waiting for I/O counts as blocked: the clock autojumps past a sleeping sibling. */
  @WeftTest
  void testIoWaiterIsBlockedForAutojump() throws Exception {
    Pipe p = openPipe();
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                try {
                  Io.waitReadable(p.source());
                } catch (ClosedResourceException expected) {
                  // the end of the test
                }
              });
          Weft.sleep(Duration.ofSeconds(30));
          assertEquals(30.0, Weft.currentTime());
          closeAll(p);
        });
  }

  /**
   * The loop blocked in its selector (a task waits on a channel, nothing else is runnable) wakes
   * for a post from another thread.
   */
  @WeftTest
  void testInboxWakesLoopBlockedInSelector() throws Exception {
    Pipe p = openPipe();
    RunToken token = Scheduling.currentRunToken();
    Event posted = new Event();
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                try {
                  Io.waitReadable(p.source());
                } catch (ClosedResourceException expected) {
                  // the end of the test
                }
              });
          Scheduling.awaitAllTasksBlocked(Duration.ZERO);
          Thread helper = Thread.ofPlatform().start(() -> token.runSyncSoon(posted::set));
          posted.await();
          helper.join();
          closeAll(p);
        });
  }

  /** Readiness is level-triggered: a waiter that did not read is woken again by the same byte. */
  @WeftTest
  void testReadinessIsLevelTriggered() throws Exception {
    Pipe p = openPipe();
    try {
      p.sink().write(ByteBuffer.wrap(new byte[] {1}));
      Io.waitReadable(p.source());
      // Not read: the next wait is still woken at once (readiness is level-triggered).
      Io.waitReadable(p.source());
      assertEquals(0, Io.statistics().tasksWaitingReadable());
    } finally {
      closeAll(p);
    }
  }
}
