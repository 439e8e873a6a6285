package dev.weft.cancel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a CancelledError and a TooSlowException say (issue 13, item 5): the scope that cancelled,
 * by the public call that made it, and its deadline when it had one; the main task's name.
 */
class CancelledErrorMessageTest {
  private static String caught(CancelScopeBody scope) throws Exception {
    String[] msg = new String[1];
    scope.run(
        () -> {
          try {
            Weft.sleep(Duration.ofSeconds(100));
          } catch (CancelledError e) {
            msg[0] = e.getMessage();
            throw e;
          }
        });
    return msg[0];
  }

  @FunctionalInterface
  interface CancelScopeBody {
    void run(dev.weft.Block body) throws Exception;
  }

  /** A moveOnAfter deadline: the error names Timeouts.moveOnAfter, its delay and its deadline. */
  @WeftTest
  void testDeadlineOfMoveOnAfter() throws Exception {
    assertEquals(
        "cancelled: the deadline of Timeouts.moveOnAfter(PT5S) passed (deadline 5.0 on the loop's"
            + " clock)",
        caught(b -> Timeouts.moveOnAfter(Duration.ofSeconds(5), b)));
  }

  /** failAfter: the error names failAfter, and so does the TooSlowException. */
  @WeftTest
  void testFailAfter() throws Exception {
    List<String> seen = new ArrayList<>();
    TooSlowException e =
        assertThrows(
            TooSlowException.class,
            () ->
                Timeouts.failAfter(
                    Duration.ofSeconds(2),
                    () -> {
                      try {
                        Weft.sleepForever();
                      } catch (CancelledError c) {
                        seen.add(c.getMessage());
                        throw c;
                      }
                    }));
    assertEquals(
        List.of(
            "cancelled: the deadline of Timeouts.failAfter(PT2S) passed (deadline 2.0 on the"
                + " loop's clock)"),
        seen);
    assertEquals(
        "Timeouts.failAfter: the block did not finish within its time limit (PT2S)",
        e.getMessage());
  }

  /** A nursery cancelled through its scope: the error names Nursery.open. */
  @WeftTest
  void testNurseryCancel() throws Exception {
    List<String> seen = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(
              () -> {
                try {
                  Weft.sleepForever();
                } catch (CancelledError e) {
                  seen.add(e.getMessage());
                  throw e;
                }
              });
          Weft.sleep(Duration.ofSeconds(1));
          n.cancelScope().cancel();
        });
    assertEquals(List.of("cancelled: cancel() was called on the scope of Nursery.open"), seen);
  }

  /** A plain scope: cancel() before its deadline says so; a reason replaces the message. */
  @WeftTest
  void testPlainScope() throws Exception {
    CancelScope s = CancelScope.withRelativeDeadline(Duration.ofSeconds(10));
    String[] msg = new String[1];
    s.run(
        () -> {
          s.cancel();
          try {
            Weft.checkpoint();
          } catch (CancelledError e) {
            msg[0] = e.getMessage();
            throw e;
          }
        });
    assertEquals("cancelled: cancel() was called on a CancelScope (its deadline 10.0 had not"
        + " passed)", msg[0]);
    CancelScope r = new CancelScope();
    assertEquals("shutting down", caught(b -> r.run(() -> {
      r.cancelWithReason("shutting down");
      b.run();
    })));
  }

  /** The main task is not called "main", so a thread dump shows one "main" thread, the JVM's. */
  @WeftTest
  void testMainTaskName() {
    assertEquals("weft-main", Weft.currentTask().name());
    assertTrue(Thread.currentThread().getName().equals("weft-main"));
  }
}
