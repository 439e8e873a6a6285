package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.Scheduling;
import dev.weft.testing.MockClock;
import dev.weft.testing.WeftTest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No failure is lost on the way out of a nursery, even one that rode on a CancelledError the
 * nursery itself caused (issue 11, item 1).
 */
@SuppressWarnings("try") // the resources exist only to fail in close()
class NurseryFailuresTest {
  /** {@return what {@code Nursery.open(body)} throws, checked to be a {@code type}} */
  static <T extends Throwable> T thrownBy(Class<T> type, Nursery.Body body) {
    return assertThrows(type, () -> Nursery.open(body));
  }

  /** A child cancelled by a failing sibling, whose close() fails while it unwinds: both count. */
  @WeftTest
  void testCloseFailureOfCancelledChildIsKept() {
    IllegalStateException sibling = new IllegalStateException("sibling failed");
    IOException closeFailed = new IOException("close failed");
    CompositeException c =
        thrownBy(
            CompositeException.class,
            n -> {
              n.startSoon(Hostile.sleepThenFailToClose(closeFailed));
              n.startSoon(
                  () -> {
                    Scheduling.awaitAllTasksBlocked(Duration.ZERO);
                    throw sibling;
                  });
            });
    assertEquals(List.of(sibling, closeFailed), c.exceptions());
  }

  /** The nursery's own cancellation (cancelScope().cancel()) with a failing close(): it surfaces. */
  @WeftTest
  void testCloseFailureDuringQuietCancelSurfaces() {
    IOException closeFailed = new IOException("close failed");
    IOException e =
        thrownBy(
            IOException.class,
            n -> {
              n.startSoon(Hostile.sleepThenFailToClose(closeFailed));
              Scheduling.awaitAllTasksBlocked(Duration.ZERO);
              n.cancelScope().cancel();
            });
    assertSame(closeFailed, e);
  }

  /** The body's CancelledError carries a failure too: it is kept beside the child's. */
  @WeftTest
  void testBodyRidingFailureIsKept() {
    IllegalStateException child = new IllegalStateException("child");
    IOException bodyClose = new IOException("body close");
    CompositeException c =
        thrownBy(
            CompositeException.class,
            n -> {
              n.startSoon(() -> { throw child; });
              try (AutoCloseable r = () -> { throw bodyClose; }) {
                Weft.sleepForever();
              }
            });
    assertEquals(List.of(child, bodyClose), c.exceptions());
  }

  /** Plain CancelledErrors with nothing on them are still never reported. */
  @WeftTest
  void testPlainCancellationsStayQuiet() throws Exception {
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                try {
                  Weft.sleepForever();
                } catch (CancelledError e) {
                  throw e;
                }
              });
          Scheduling.awaitAllTasksBlocked(Duration.ZERO);
          n.cancelScope().cancel();
        });
  }

  /** A system task whose close() fails while the run's shutdown cancels it: the run reports it. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testSystemTaskCloseFailureAtShutdownIsReported(Engine engine) {
    IOException closeFailed = new IOException("close failed");
    IllegalStateException crash =
        assertThrows(
            IllegalStateException.class,
            () ->
                Weft.run(
                    c -> c.withClock(MockClock.autojumping()).withEngine(engine),
                    () ->
                        Scheduling.spawnSystemTask(
                            Hostile.sleepThenFailToClose(closeFailed),
                            "service")));
    assertTrue(crash.getMessage().contains("crashed"), crash.getMessage());
    assertSame(closeFailed, crash.getCause());
  }

  /** Two failures whose toString() and getMessage() throw: both are still reported, together. */
  @WeftTest
  void testFailuresWithThrowingToStringAreComposed() {
    RuntimeException a = Hostile.exception();
    RuntimeException b = Hostile.exception();
    CompositeException c =
        thrownBy(
            CompositeException.class,
            n -> {
              n.startSoon(() -> { throw a; });
              n.startSoon(() -> { throw b; });
            });
    assertEquals(List.of(a, b), c.exceptions());
    assertTrue(c.getMessage().contains("toString() threw"), c.getMessage());
  }

  /** A task that failed with such an exception still describes itself. */
  @WeftTest
  void testTaskWithThrowingFailureDescribesItself() throws Exception {
    RuntimeException a = Hostile.exception();
    dev.weft.lowlevel.Task[] child = new dev.weft.lowlevel.Task[1];
    thrownBy(
        RuntimeException.class,
        n ->
            n.startSoon(
                () -> {
                  child[0] = Scheduling.currentTask();
                  throw a;
                }));
    assertTrue(child[0].toString().contains("failed"), child[0].toString());
  }
}
