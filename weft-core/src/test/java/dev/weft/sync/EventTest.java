package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.cancel.CancelScope;
import dev.weft.cancel.Timeouts;
import dev.weft.lowlevel.Scheduling;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link Event}: set wakes all waiters; clear; cancellation. */
class EventTest {
  /** set wakes every waiter in order; await on a set event returns at once. */
  @WeftTest
  void testSetWakesAll() throws Exception {
    Event e = new Event();
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      for (String name : List.of("a", "b", "c")) {
        n.startSoon(() -> {
          e.await();
          log.add(name + " at " + Weft.currentTime());
        });
      }
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      assertEquals(new EventStatistics(3), e.statistics());
      Weft.sleep(Duration.ofSeconds(1));
      assertFalse(e.isSet());
      e.set();
      assertTrue(e.isSet());
      assertEquals(new EventStatistics(0), e.statistics());
      e.set(); // again: nothing happens
    });
    assertEquals(List.of("a at 1.0", "b at 1.0", "c at 1.0"), log);
    e.await();
    assertEquals(1.0, Weft.currentTime());
  }

  /** clear makes later awaits wait again; tasks woken by set stay woken even if cleared. */
  @WeftTest
  void testClear() throws Exception {
    Event e = new Event();
    List<String> log = new ArrayList<>();
    Nursery.open(n -> {
      n.startSoon(() -> {
        e.await();
        log.add("first woken, set=" + e.isSet());
      });
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      e.set();
      e.clear();
      assertFalse(e.isSet());
      n.startSoon(() -> {
        e.await();
        log.add("second woken at " + Weft.currentTime());
      });
      Weft.sleep(Duration.ofSeconds(2));
      e.set();
    });
    assertEquals(List.of("first woken, set=false", "second woken at 2.0"), log);
  }

  /** A cancelled await stops waiting and leaves the event unchanged. */
  @WeftTest
  void testCancelledAwait() throws Exception {
    Event e = new Event();
    CancelScope scope = Timeouts.moveOnAfter(Duration.ofSeconds(1), e::await);
    assertTrue(scope.cancelledCaught());
    assertEquals(new EventStatistics(0), e.statistics());
    assertFalse(e.isSet());
  }

  /** Setting an event with waiters from another thread fails and names the way in. */
  @WeftTest
  void testSetFromAnotherThreadFails() throws Exception {
    Event e = new Event();
    Nursery.open(n -> {
      n.startSoon(e::await);
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      Throwable[] thrown = new Throwable[1];
      Thread other = Thread.ofPlatform().start(() -> {
        try {
          e.set();
        } catch (Throwable t) {
          thrown[0] = t;
        }
      });
      other.join();
      assertTrue(thrown[0] instanceof IllegalStateException, String.valueOf(thrown[0]));
      assertTrue(thrown[0].getMessage().contains("runSyncSoon"), thrown[0].getMessage());
      assertEquals(new EventStatistics(1), e.statistics()); // unchanged: the waiter still waits
      assertFalse(e.isSet());
      Scheduling.currentRunToken().runSyncSoon(e::set); // the right way in
    });
    assertTrue(e.isSet());
  }

  /** await is a checkpoint whether or not the event is set; set and clear are not. */
  @WeftTest
  void testCheckpoints() throws Exception {
    Event e = new Event();
    Nursery.open(n -> {
      n.startSoon(() -> {
        Scheduling.awaitAllTasksBlocked(Duration.ZERO);
        Checkpoints.assertNoCheckpoints(e::set);
      });
      Checkpoints.assertCheckpoints(e::await);
    });
    Checkpoints.assertCheckpoints(e::await);
    Checkpoints.assertNoCheckpoints(e::clear);
    CancelScope scope = new CancelScope();
    scope.cancel();
    e.set();
    scope.run(e::await); // a cancel point even when set
    assertTrue(scope.cancelledCaught());
    assertTrue(e.toString().contains("set"), e.toString());
  }
}
