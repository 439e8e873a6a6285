package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.Awaitable;
import dev.weft.asyncio.Loop;
import dev.weft.cancel.CancelScope;
import dev.weft.cancel.Timeouts;
import dev.weft.channel.Select;
import dev.weft.channel.SelectClause;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.TimerHandle;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad arguments get weft's own messages, the same way everywhere: a null is named after the
 * parameter (the JDK's convention, which the rest of the API follows), a negative delay is
 * rejected by every method that takes one, naming the method (issue 11, item 10).
 */
class BadArgumentsTest {
  private static void assertNullNamed(String parameter, Executable call) {
    NullPointerException e = assertThrows(NullPointerException.class, call);
    assertEquals(parameter, e.getMessage());
  }

  /** Nulls where a list, a duration or a callback belongs. */
  @WeftTest
  @SuppressWarnings({"unchecked", "rawtypes"})
  void testNullsAreNamed() {
    Loop loop = Asyncio.getRunningLoop();
    assertNullNamed("clauses", () -> Select.select((List) null));
    assertNullNamed("clauses", () -> Select.select((SelectClause[]) null));
    assertNullNamed("cushion", () -> Scheduling.awaitAllTasksBlocked(null));
    assertNullNamed("delay", () -> loop.callLater(null, () -> {}));
    assertNullNamed("callback", () -> loop.callLater(Duration.ZERO, null));
    assertNullNamed("awaitables", () -> Asyncio.gather((List<Awaitable<Object>>) null));
    assertNullNamed("awaitables", () -> Asyncio.gather((Awaitable<Object>[]) null));
    assertNullNamed("awaitables", () -> Asyncio.gather(true, (Awaitable<Object>[]) null));
  }

  /** A delay too large for nanoseconds means "never", not an ArithmeticException. */
  @WeftTest
  void testHugeDelayIsNever() throws Exception {
    Loop loop = Asyncio.getRunningLoop();
    TimerHandle h = loop.callLater(Duration.ofSeconds(Long.MAX_VALUE), () -> {});
    assertTrue(h.when() > 1e18, String.valueOf(h.when()));
    h.cancel();
    assertEquals("done", Asyncio.timeout(Duration.ofSeconds(Long.MAX_VALUE), () -> "done"));
  }

  /** Every constructor of a timeout rejects a negative delay, naming itself. */
  @WeftTest
  void testNegativeDelaysAreRejectedAlike() {
    Duration minus = Duration.ofSeconds(-5);
    IllegalArgumentException a =
        assertThrows(IllegalArgumentException.class, () -> CancelScope.withRelativeDeadline(minus));
    assertTrue(a.getMessage().startsWith("CancelScope.withRelativeDeadline:"), a.getMessage());
    IllegalArgumentException b =
        assertThrows(IllegalArgumentException.class, () -> Timeouts.moveOnAfter(minus, () -> {}));
    assertTrue(b.getMessage().startsWith("Timeouts.moveOnAfter:"), b.getMessage());
    IllegalArgumentException c =
        assertThrows(IllegalArgumentException.class, () -> Timeouts.failAfter(minus, () -> {}));
    assertTrue(c.getMessage().startsWith("Timeouts.failAfter:"), c.getMessage());
  }

  /** cancel() from another thread is rejected whether or not the scope is already cancelled. */
  @WeftTest
  void testCancelFromPlatformThreadRejectedAlways() throws Exception {
    CancelScope scope = new CancelScope();
    scope.run(
        () -> {
          assertTrue(OtherThread.thrownBy(scope::cancel) instanceof IllegalStateException);
          assertFalse(scope.cancelCalled());
          scope.cancel();
          Throwable again = OtherThread.thrownBy(scope::cancel);
          assertTrue(again instanceof IllegalStateException, String.valueOf(again));
          assertTrue(again.getMessage().contains("CancelScope.cancel()"), again.getMessage());
          Weft.checkpoint();
        });
    assertTrue(scope.cancelledCaught());
  }
}
