package dev.weft.asyncio;

import static dev.weft.asyncio.Asyncio.createTask;
import static dev.weft.asyncio.Asyncio.getRunningLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.cancel.CancelledError;
import dev.weft.testing.Trace;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.List;

/** Loop callbacks and task steps share one FIFO ready queue, as asyncio's _ready does. */
class LoopOrderTest {
  /** A task created before a callSoon runs its first step before the callback. */
  @WeftTest
  void testTaskStepBeforeLaterCallback() throws Exception {
    Trace trace = new Trace();
    AsyncTask<Void> t = createTask(() -> {
      trace.expect(1);
      return null;
    });
    getRunningLoop().callSoon(() -> trace.expect(2));
    t.await();
    Weft.checkpoint();
    trace.finish(3);
  }

  /** callSoon(w::cancel) lets w run its first step; the cancel reaches it at its first wait. */
  @WeftTest
  void testCancelFromCallbackAfterFirstStep() throws Exception {
    Trace trace = new Trace();
    AsyncTask<String> w = createTask(() -> {
      trace.expect(1);
      Weft.sleep(Duration.ofSeconds(1));
      trace.unreached();
      return "slept";
    });
    getRunningLoop().callSoon(w::cancel);
    assertThrows(CancelledError.class, w::await);
    trace.finish(2);
  }

  /**
   * A gather whose last child is done refuses a cancel from a callback that runs after the child's
   * step (CPython test_cancel_gather_1, bpo-26923).
   */
  @WeftTest
  void testGatherRefusesCancelOnceChildrenDone() throws Exception {
    AsyncFuture<Integer> fut = getRunningLoop().createFuture();
    AsyncFuture<List<Integer>> gathered = Asyncio.gather(() -> fut.await());
    Weft.checkpoint(); // the child now awaits fut
    boolean[] cancelResult = new boolean[] {true};
    fut.addDoneCallback(f -> cancelResult[0] = gathered.cancel());
    fut.setResult(42);
    assertEquals(List.of(42), gathered.await());
    assertFalse(cancelResult[0]);
    assertFalse(gathered.cancelled());
    assertTrue(gathered.done());
  }
}
