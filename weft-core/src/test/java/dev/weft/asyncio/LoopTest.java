package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Engine;
import dev.weft.RunConfig;
import dev.weft.Weft;
import dev.weft.lowlevel.TimerHandle;
import dev.weft.testing.MockClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Loop object and Runner: runs, callbacks, errors, lifetime. */
class LoopTest {
  private static UnaryOperator<RunConfig> mock(Engine e) {
    return c -> c.withClock(MockClock.autojumping()).withEngine(e);
  }

  static String say(List<String> out, String what, double when) {
    Weft.sleep(Duration.ofMillis((long) (when * 1000)));
    out.add(what + "@" + Weft.currentTime());
    return what;
  }

  /** Tasks created before the loop runs start when it does; the future's result comes back. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testCreateTaskThenRunUntilComplete(Engine e) throws Exception {
    Loop loop = Loop.newEventLoop(mock(e));
    List<String> out = new ArrayList<>();
    loop.createTask(() -> say(out, "hello", 0.5), null);
    AsyncTask<String> world = loop.createTask(() -> say(out, "world", 1), null);
    assertEquals("world", loop.runUntilComplete(world));
    assertEquals(List.of("hello@0.5", "world@1.0"), out);
    assertFalse(loop.isRunning());
    loop.close();
    assertTrue(loop.isClosed());
  }

  /** A monitor task left pending by one run carries on in the next and is cancelled at close. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testPendingTaskAcrossRuns(Engine e) throws Exception {
    Loop loop = Loop.newEventLoop(mock(e));
    List<String> out = new ArrayList<>();
    AsyncFuture<String> future = loop.createFuture();
    loop.createTask(
        () -> {
          while (!future.done()) {
            out.add("Waiting... " + Weft.currentTime());
            Weft.sleep(Duration.ofSeconds(1));
          }
          out.add("Done");
          return null;
        },
        "monitor");
    loop.createTask(() -> {
      Weft.sleep(Duration.ofMillis(2500));
      future.setResult("found");
      return null;
    }, "search");
    assertEquals("found", loop.runUntilComplete(future));
    assertEquals(List.of("Waiting... 0.0", "Waiting... 1.0", "Waiting... 2.0"), out);
    assertEquals("found", future.result());
    loop.runUntilComplete(() -> Asyncio.sleep(Duration.ofSeconds(1), null));
    assertEquals("Done", out.get(3));
    loop.close();
  }

  /** asyncio's errors: running a closed loop, closing or re-running a running one, nesting. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testErrors(Engine e) throws Exception {
    Loop loop = Loop.newEventLoop(mock(e));
    List<String> msgs = new ArrayList<>();
    loop.runUntilComplete(
        () -> {
          msgs.add(assertThrows(IllegalStateException.class, loop::close).getMessage());
          msgs.add(assertThrows(IllegalStateException.class, loop::runForever).getMessage());
          Loop other = Loop.newEventLoop(mock(e));
          msgs.add(
              assertThrows(IllegalStateException.class, () -> other.runUntilComplete(() -> 1))
                  .getMessage());
          other.close();
          msgs.add(
              assertThrows(IllegalStateException.class, () -> Asyncio.run(() -> 1)).getMessage());
          return null;
        });
    assertEquals("Cannot close a running event loop", msgs.get(0));
    assertTrue(msgs.get(1).startsWith("Cannot run the event loop while another loop"));
    assertTrue(msgs.get(2).startsWith("Cannot run the event loop while another loop"));
    assertTrue(msgs.get(3).contains("running event loop"), msgs.get(3));
    loop.close();
    assertEquals(
        "Event loop is closed",
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(() -> 1))
            .getMessage());
  }

  /** stop() from a task ends runForever; runUntilComplete of an unfinished future then fails. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testStop(Engine e) throws Exception {
    Loop loop = Loop.newEventLoop(mock(e));
    loop.callLater(Duration.ofSeconds(2), loop::stop);
    loop.runForever();
    assertEquals(2.0, loop.time());
    AsyncFuture<String> never = loop.createFuture();
    loop.callSoon(loop::stop);
    IllegalStateException ex =
        assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(never));
    assertEquals("Event loop stopped before Future completed.", ex.getMessage());
    loop.close();
  }

  /** callSoon runs in FIFO order; a cancelled handle does not run; callLater/callAt in time. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testCallbacks(Engine e) throws Exception {
    Loop loop = Loop.newEventLoop(mock(e));
    List<String> log = new ArrayList<>();
    loop.runUntilComplete(
        () -> {
          loop.callSoon(() -> log.add("soon 1"));
          Handle h = loop.callSoon(() -> log.add("cancelled"));
          loop.callSoon(() -> log.add("soon 2"));
          h.cancel();
          assertTrue(h.isCancelled());
          loop.callAt(loop.time() + 2, () -> log.add("at 2"));
          TimerHandle t = loop.callLater(Duration.ofSeconds(1), () -> log.add("later 1"));
          assertEquals(1.0, t.when());
          loop.callLater(Duration.ofSeconds(3), () -> {
            throw new IllegalStateException("callback failed");
          });
          loop.setExceptionHandler((m, err) -> log.add("reported " + err.getMessage()));
          Weft.sleep(Duration.ofSeconds(4));
          return null;
        });
    assertEquals(
        List.of("soon 1", "soon 2", "later 1", "at 2", "reported callback failed"), log);
    loop.close();
  }

  /** callSoonThreadsafe from another thread wakes a waiting loop. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testCallSoonThreadsafe(Engine e) throws Exception {
    Loop loop = Loop.newEventLoop(c -> c.withEngine(e));
    AsyncFuture<String> f = loop.createFuture();
    CountDownLatch started = new CountDownLatch(1);
    Thread helper =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    started.await(10, TimeUnit.SECONDS);
                  } catch (InterruptedException ignored) {
                    return;
                  }
                  loop.callSoonThreadsafe(() -> f.setResult("from thread"));
                });
    loop.callSoon(started::countDown);
    assertEquals("from thread", loop.runUntilComplete(f));
    helper.join();
    loop.close();
  }

  /** Runner: several runs on one loop, then close; a closed runner refuses. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testRunner(Engine e) throws Exception {
    Runner runner = new Runner(mock(e));
    List<String> out = new ArrayList<>();
    Loop loop = runner.getLoop();
    assertEquals("a", runner.run(() -> say(out, "a", 1)));
    assertSame(loop, runner.getLoop());
    assertEquals("b", runner.run(() -> say(out, "b", 1)));
    assertEquals(List.of("a@1.0", "b@2.0"), out);
    assertThrows(IOException.class, () -> runner.run(() -> {
      throw new IOException("boom");
    }));
    runner.close();
    assertTrue(loop.isClosed());
    assertThrows(IllegalStateException.class, () -> runner.run(() -> 1));
  }

  /** CompletionStage both ways: await a CompletableFuture, and hand an AsyncTask out as one. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testCompletionStageInterop(Engine e) throws Exception {
    CompletableFuture<String> external = new CompletableFuture<>();
    CompletableFuture<String> fromTask =
        Asyncio.run(
            c -> c.withEngine(e),
            () -> {
              Thread.ofPlatform().start(() -> external.complete("external"));
              assertEquals("external", Asyncio.await(external));
              CompletableFuture<String> failing = CompletableFuture.failedFuture(
                  new IOException("failed stage"));
              assertThrows(IOException.class, () -> Asyncio.await(failing));
              AsyncTask<String> t = Asyncio.createTask(() -> "task value");
              CompletableFuture<String> cf = t.toCompletableFuture();
              t.await();
              Weft.checkpoint();
              return cf;
            });
    assertEquals("task value", fromTask.get(10, TimeUnit.SECONDS));
  }

  /** Cancelling a wait on a stage cancels the stage; cancelling the handed-out future cancels. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testCompletionStageCancellation(Engine e) throws Exception {
    CompletableFuture<String> never = new CompletableFuture<>();
    Asyncio.run(
        mock(e),
        () -> {
          dev.weft.cancel.Timeouts.moveOnAfter(Duration.ofSeconds(1), () -> Asyncio.await(never));
          Weft.checkpoint();
          assertTrue(never.isCancelled());
          AsyncTask<String> t = Asyncio.createTask(() -> {
            Weft.sleepForever();
            return "x";
          });
          CompletableFuture<String> cf = t.toCompletableFuture();
          Weft.checkpoint();
          cf.cancel(false);
          assertThrows(dev.weft.cancel.CancelledError.class, t::await);
          return null;
        });
  }

  /** Seed 003/004's loop.run_until_complete(asyncio.gather(t1, t2)) on an idle loop. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testGatherOnIdleLoop(Engine e) throws Exception {
    Loop loop = Loop.newEventLoop(mock(e));
    List<String> out = new ArrayList<>();
    AsyncTask<String> t1 = loop.createTask(() -> say(out, "hello", 0.5), null);
    AsyncTask<String> t2 = loop.createTask(() -> say(out, "world", 1), null);
    assertEquals(List.of("hello", "world"), loop.runUntilComplete(Asyncio.gather(t1, t2)));
    assertThrows(IllegalStateException.class, () -> Asyncio.gather(() -> "no loop"));
    loop.close();
  }
}
