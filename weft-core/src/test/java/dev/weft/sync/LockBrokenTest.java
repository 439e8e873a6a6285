package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.BrokenResourceException;
import dev.weft.CompositeException;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.lowlevel.Scheduling;
import java.time.Duration;

/**
 * A lock whose owner task ends while holding it is broken, as in Trio (trio#3035:
 * test_lock_acquire_unowned_lock, test_lock_multiple_acquire, test_lock_handover).
 */
class LockBrokenTest {
  /** The next acquire fails instead of waiting for ever. */
  @dev.weft.testing.WeftTest
  void testAcquireAfterOwnerExited() throws Exception {
    Lock lock = new Lock();
    Nursery.open(n -> n.startSoon(() -> lock.acquire(), "holder"));
    BrokenResourceException e = assertThrows(BrokenResourceException.class, lock::acquire);
    assertTrue(e.getMessage().contains("exited without releasing"), e.getMessage());
    assertTrue(e.getMessage().contains("holder"), e.getMessage());
    assertFalse(lock.tryAcquire());
  }

  /** A task already waiting when the owner exits is woken with the error. */
  @dev.weft.testing.WeftTest
  void testWaiterWokenWhenOwnerExits() throws Exception {
    StrictFifoLock lock = new StrictFifoLock();
    CompositeException c = assertThrows(CompositeException.class, () -> Nursery.open(n -> {
      n.startSoon(() -> {
        lock.acquire();
        Scheduling.awaitAllTasksBlocked(Duration.ZERO); // both others wait for the lock
      });
      n.startSoon(() -> lock.acquire());
      n.startSoon(() -> lock.acquire());
    }));
    assertEquals(2, c.exceptions().size());
    for (Throwable t : c.exceptions()) {
      assertTrue(t instanceof BrokenResourceException, t.toString());
    }
  }

  /** A lock handed over to a waiter breaks when that waiter exits, not the first owner. */
  @dev.weft.testing.WeftTest
  void testHandOverMovesTheBreaker() throws Exception {
    Lock lock = new Lock();
    assertTrue(lock.tryAcquire());
    Nursery.open(n -> {
      n.startSoon(() -> lock.acquire(), "second");
      Scheduling.awaitAllTasksBlocked(Duration.ZERO);
      lock.release();
    });
    BrokenResourceException e = assertThrows(BrokenResourceException.class, lock::acquire);
    assertTrue(e.getMessage().contains("second"), e.getMessage());
  }

  /** Released properly, nothing breaks; the lock can be used on. */
  @dev.weft.testing.WeftTest
  void testReleasedLockIsNotBroken() throws Exception {
    Lock lock = new Lock();
    Nursery.open(n -> n.startSoon(() -> {
      try (var _ = lock.acquire()) {
        Weft.checkpoint();
      }
    }));
    try (var _ = lock.acquire()) {
      assertTrue(lock.isLocked());
    }
  }

  /** A condition's lock breaks the same way. */
  @dev.weft.testing.WeftTest
  void testConditionLockBroken() throws Exception {
    Condition cond = new Condition();
    Nursery.open(n -> n.startSoon(() -> cond.acquire()));
    assertThrows(BrokenResourceException.class, cond::acquire);
  }
}
