package dev.weft.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.cancel.Timeouts;
import dev.weft.lowlevel.RunToken;
import dev.weft.lowlevel.Scheduling;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.WeftTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The CompletionStage bridges, without the asyncio layer. */
class CompletionStagesTest {
  /** A stage completed by another thread wakes the waiting task with its value. */
  @WeftTest
  void testAwaitValueFromAnotherThread() throws Exception {
    CompletableFuture<String> cf = new CompletableFuture<>();
    Thread.ofPlatform().start(() -> cf.complete("from a thread"));
    assertEquals("from a thread", CompletionStages.await(cf));
  }

  /** A failed stage throws its failure, unwrapped from CompletionException. */
  @WeftTest
  void testAwaitFailureUnwrapped() throws Exception {
    IOException boom = new IOException("boom");
    CompletionStage<String> failing =
        CompletableFuture.completedFuture("x")
            .thenApply(
                v -> {
                  throw new java.util.concurrent.CompletionException(boom);
                });
    assertSame(boom, assertThrows(IOException.class, () -> CompletionStages.await(failing)));
  }

  /** A stage cancelled by someone else throws the JDK's CancellationException, not weft's. */
  @WeftTest
  void testAwaitCancelledStage() throws Exception {
    CompletableFuture<String> cf = new CompletableFuture<>();
    cf.cancel(false);
    assertThrows(CancellationException.class, () -> CompletionStages.await(cf));
  }

  /** Cancelling the waiting task stops the wait at once and cancels the stage. */
  @WeftTest
  void testCancelledWaitCancelsStage() throws Exception {
    CompletableFuture<String> never = new CompletableFuture<>();
    Timeouts.moveOnAfter(Duration.ofSeconds(1), () -> CompletionStages.await(never));
    assertEquals(1.0, Weft.currentTime());
    assertTrue(never.isCancelled());
  }

  /** A completion that arrives after the wait was cancelled does not wake the task again. */
  @WeftTest
  void testLateCompletionIgnored() throws Exception {
    CompletableFuture<String> cf = new CompletableFuture<>();
    CompletionStage<String> uncancellable = cf.minimalCompletionStage();
    Timeouts.moveOnAfter(Duration.ofSeconds(1), () -> CompletionStages.await(uncancellable));
    cf.complete("late");
    Weft.sleep(Duration.ofSeconds(1));
    assertEquals(2.0, Weft.currentTime());
  }

  /** await is a checkpoint, also on a stage that is already complete. */
  @WeftTest
  void testAwaitIsCheckpoint() throws Exception {
    Checkpoints.assertCheckpoints(() -> CompletionStages.await(CompletableFuture.completedFuture(1)));
  }

  /** await outside a task fails and says where to call it from. */
  @Test
  void testAwaitOutsideTask() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> CompletionStages.await(CompletableFuture.completedFuture(1)));
    assertTrue(e.getMessage().contains("weft task"), e.getMessage());
  }

  /** whenCompleteOnLoop runs the action on the loop, with the failure unwrapped. */
  @WeftTest
  void testWhenCompleteOnLoop() throws Exception {
    List<String> log = new ArrayList<>();
    CompletableFuture<String> cf = new CompletableFuture<>();
    CompletionStages.whenCompleteOnLoop(
        cf.thenApply(
            v -> {
              throw new IllegalArgumentException(v);
            }),
        Scheduling.currentRunToken(),
        (v, e) -> log.add(v + " " + e.getClass().getSimpleName() + " " + e.getMessage()));
    Thread.ofPlatform().start(() -> cf.complete("bad")).join();
    Scheduling.awaitAllTasksBlocked(Duration.ZERO);
    assertEquals(List.of("null IllegalArgumentException bad"), log);
  }

  /** A stage that completes after its loop has finished is dropped quietly. */
  @Test
  void testCompletionAfterLoopEnded() throws Exception {
    CompletableFuture<String> cf = new CompletableFuture<>();
    List<String> log = new ArrayList<>();
    Weft.run(
        () -> CompletionStages.whenCompleteOnLoop(cf, Scheduling.currentRunToken(), (v, e) -> log.add(v)));
    assertTrue(cf.complete("too late"));
    assertEquals(List.of(), log);
  }

  /** Cancelling the handed-out future from another thread runs the cancel action in the loop. */
  @WeftTest
  void testNewCompletableFutureCancel() throws Exception {
    RunToken loop = Scheduling.currentRunToken();
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    CompletableFuture<String> cf =
        CompletionStages.newCompletableFuture(loop, () -> ranOn.set(Thread.currentThread()));
    Thread canceller = Thread.ofPlatform().start(() -> cf.cancel(false));
    canceller.join();
    Scheduling.awaitAllTasksBlocked(Duration.ZERO);
    assertTrue(ranOn.get() != null && ranOn.get() != canceller);
    assertTrue(cf.isCancelled());
  }

  /** cancel says whether the stage is cancelled now. */
  @Test
  void testCancel() {
    CompletableFuture<String> cf = new CompletableFuture<>();
    assertTrue(CompletionStages.cancel(cf));
    assertTrue(cf.isCancelled());
    assertFalse(CompletionStages.cancel(CompletableFuture.completedFuture("done")));
  }
}
