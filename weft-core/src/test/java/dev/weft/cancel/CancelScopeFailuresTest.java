package dev.weft.cancel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.CompositeException;
import dev.weft.Hostile;
import dev.weft.Weft;
import dev.weft.testing.WeftTest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A scope catches only the cancellation it caused (Trio's rule): failures that rode along on its
 * CancelledError, such as a try-with-resources close() that failed during the unwinding, come out
 * of the scope instead of vanishing with the error it absorbed (issue 11, item 1).
 */
@SuppressWarnings("try") // the resources exist only to fail in close()
class CancelScopeFailuresTest {
  /** A close() that fails while the timeout unwinds the body comes out of moveOnAfter. */
  @WeftTest
  void testCloseFailureDuringTimeoutSurfaces() {
    IOException closeFailed = new IOException("close failed");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                Timeouts.moveOnAfter(
                    Duration.ofMillis(5), Hostile.sleepThenFailToClose(closeFailed)));
    assertSame(closeFailed, e);
    assertEquals(5e-3, Weft.currentTime(), 1e-9);
  }

  /** The scope still records that it caught its cancellation, while the failure goes on. */
  @WeftTest
  void testCancelledCaughtWhileFailureSurfaces() {
    IllegalStateException cleanup = new IllegalStateException("cleanup");
    CancelScope scope = new CancelScope();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                scope.run(
                    () -> {
                      scope.cancel();
                      try {
                        Weft.checkpoint();
                      } catch (CancelledError c) {
                        c.addSuppressed(cleanup);
                        throw c;
                      }
                    }));
    assertSame(cleanup, e);
    assertTrue(scope.cancelledCaught());
  }

  /** Two failures riding on one CancelledError come out together, in order. */
  @WeftTest
  void testSeveralRidingFailuresAreComposed() {
    IOException a = new IOException("a");
    IOException b = new IOException("b");
    CompositeException e =
        assertThrows(
            CompositeException.class,
            () ->
                Timeouts.moveOnAfter(
                    Duration.ofSeconds(1),
                    () -> {
                      try (AutoCloseable ra = () -> { throw a; };
                          AutoCloseable rb = () -> { throw b; }) {
                        Weft.sleepForever();
                      }
                    }));
    // try-with-resources closes in reverse order: b first, then a.
    assertEquals(List.of(b, a), e.exceptions());
  }

  /** A failure riding on an inner scope's CancelledError that an outer scope caused still surfaces. */
  @WeftTest
  void testFailureRidesThroughInnerScopes() {
    IOException closeFailed = new IOException("close failed");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                Timeouts.moveOnAfter(
                    Duration.ofSeconds(1),
                    () -> new CancelScope().run(Hostile.sleepThenFailToClose(closeFailed))));
    assertSame(closeFailed, e);
  }

  /** failAfter: the close failure surfaces rather than TooSlowException, which it replaces. */
  @WeftTest
  void testFailAfterSurfacesCloseFailure() {
    IOException closeFailed = new IOException("close failed");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                Timeouts.failAfter(
                    Duration.ofSeconds(1), Hostile.sleepThenFailToClose(closeFailed)));
    assertSame(closeFailed, e);
  }

  /** A close() that succeeds leaves nothing riding on the error: the scope exits quietly. */
  @WeftTest
  void testNothingRidingMeansQuietExit() throws Exception {
    CancelScope s =
        Timeouts.moveOnAfter(
            Duration.ofSeconds(1),
            () -> {
              try (AutoCloseable r = () -> {}) {
                Weft.sleepForever();
              }
            });
    assertTrue(s.cancelledCaught());
  }
}
