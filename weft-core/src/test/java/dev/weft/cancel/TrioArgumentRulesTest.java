package dev.weft.cancel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.CompositeException;
import dev.weft.Nursery;
import dev.weft.TaskStatus;
import dev.weft.Weft;
import dev.weft.asyncio.Asyncio;
import dev.weft.sync.CapacityLimiter;
import dev.weft.testing.WeftTest;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Trio's argument rules (test_run.py: test_cancel_scope_invalid_*, test_timeouts.py:
 * test_timeouts_raise_value_error, test_sync.py: test_CapacityLimiter_inf, test_relative_deadline,
 * test_nursery_start with TASK_STATUS_IGNORED, nested nursery errors).
 */
class TrioArgumentRulesTest {
  private static final Duration ONE = Duration.ofSeconds(1);

  /** Negative sleeps and NaN deadlines are errors; asyncio's sleep keeps accepting negatives. */
  @WeftTest
  void testNegativeAndNaN() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> Weft.sleep(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> Weft.sleepUntil(Double.NaN));
    assertThrows(IllegalArgumentException.class,
        () -> Timeouts.moveOnAfter(Duration.ofSeconds(-1), () -> {}));
    assertThrows(IllegalArgumentException.class,
        () -> Timeouts.failAfter(Duration.ofSeconds(-1), () -> "x"));
    assertThrows(IllegalArgumentException.class, () -> Timeouts.moveOnAt(Double.NaN, () -> {}));
    assertThrows(IllegalArgumentException.class, () -> Timeouts.failAt(Double.NaN, () -> "x"));
    assertThrows(IllegalArgumentException.class,
        () -> CancelScope.withRelativeDeadline(Duration.ofSeconds(-1)));
    assertEquals("late", Asyncio.sleep(Duration.ofSeconds(-1), "late"));
    assertEquals(0.0, Weft.currentTime());
  }

  /** CapacityLimiter(0) is valid (nobody gets in until tokens are added), and so is unbounded. */
  @WeftTest
  void testCapacityLimiterZeroAndUnbounded() throws Exception {
    CapacityLimiter zero = new CapacityLimiter(0);
    assertFalse(zero.tryAcquire());
    CapacityLimiter many = new CapacityLimiter(CapacityLimiter.UNBOUNDED);
    Object[] borrowers = new Object[1000];
    for (int i = 0; i < borrowers.length; i++) {
      borrowers[i] = new Object();
      many.acquireOnBehalfOf(borrowers[i]);
    }
    assertEquals(CapacityLimiter.UNBOUNDED, many.totalTokens());
    assertThrows(IllegalArgumentException.class, () -> new CapacityLimiter(-1));
  }

  /** relativeDeadline reads back after entry and can be set then (Trio's relative_deadline). */
  @WeftTest
  void testRelativeDeadlineAfterEntry() throws Exception {
    CancelScope scope = CancelScope.withRelativeDeadline(Duration.ofSeconds(5));
    assertEquals(Optional.of(Duration.ofSeconds(5)), scope.relativeDeadline());
    scope.run(() -> {
      Weft.sleep(ONE);
      assertEquals(Optional.of(Duration.ofSeconds(4)), scope.relativeDeadline());
      scope.setRelativeDeadline(Duration.ofSeconds(2));
      assertEquals(3.0, scope.deadline());
      Weft.sleep(Duration.ofSeconds(10));
    });
    assertTrue(scope.cancelledCaught());
    assertEquals(3.0, Weft.currentTime());
    CancelScope absolute = CancelScope.withDeadline(7);
    assertThrows(IllegalStateException.class,
        () -> absolute.setRelativeDeadline(Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class,
        () -> new CancelScope().setRelativeDeadline(Duration.ofSeconds(-1)));
  }

  /** A shielded timeout keeps its body from outer cancellation but still times out itself. */
  @WeftTest
  void testShieldedTimeouts() throws Exception {
    CancelScope outer = new CancelScope();
    CancelScope[] inner = new CancelScope[1];
    outer.run(() -> {
      outer.cancel();
      inner[0] = Timeouts.moveOnAfter(ONE, true, () -> Weft.sleep(Duration.ofSeconds(5)));
      assertEquals(1.0, Weft.currentTime());
      assertThrows(TooSlowException.class,
          () -> Timeouts.failAfter(ONE, true, () -> Weft.sleep(Duration.ofSeconds(5))));
      assertEquals(Optional.empty(),
          Timeouts.moveOnAt(Weft.currentTime() + 1, true, () -> {
            Weft.sleepForever();
            return "never";
          }));
      assertEquals("x", Timeouts.failAt(Weft.currentTime() + 1, true, () -> "x"));
      Weft.checkpoint();
    });
    assertTrue(inner[0].cancelledCaught());
    assertTrue(inner[0].shield());
    assertTrue(outer.cancelledCaught());
  }

  /** TaskStatus.ignored() lets a function written for start() be called directly. */
  @WeftTest
  void testTaskStatusIgnored() throws Exception {
    int[] ran = new int[1];
    Nursery.StartBody<Integer> server = status -> {
      ran[0]++;
      status.started(42);
    };
    server.run(TaskStatus.ignored());
    server.run(TaskStatus.ignored()); // started() on it may be called any number of times
    assertEquals(2, ran[0]);
  }

  /** A nursery nested in a nursery keeps its CompositeException as one child of the outer one. */
  @WeftTest
  void testNestedCompositeKeepsStructure() throws Exception {
    IOException a = new IOException("a");
    IOException b = new IOException("b");
    IllegalStateException c = new IllegalStateException("c");
    CompositeException outer = assertThrows(CompositeException.class, () -> Nursery.open(n -> {
      n.startSoon(() -> Nursery.open(inner -> {
        inner.startSoon(() -> {
          throw a;
        });
        inner.startSoon(() -> {
          throw b;
        });
      }));
      n.startSoon(() -> {
        throw c;
      });
    }));
    assertEquals(2, outer.exceptions().size(), outer.exceptions().toString());
    CompositeException nested = assertInstanceOf(CompositeException.class,
        outer.exceptions().stream().filter(e -> e instanceof CompositeException).findFirst()
            .orElseThrow());
    assertEquals(2, nested.exceptions().size());
    assertSame(a, nested.exceptions().get(0));
    assertTrue(outer.exceptions().contains(c));
  }
}
