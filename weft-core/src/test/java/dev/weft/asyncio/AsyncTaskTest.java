package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Engine;
import dev.weft.Weft;
import dev.weft.cancel.CancelledError;
import dev.weft.testing.MockClock;
import dev.weft.testing.Trace;
import dev.weft.testing.WeftTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** asyncio's Task: running, results, names, one-shot cancel, lifetime. */
class AsyncTaskTest {
  private static final Duration ONE = Duration.ofSeconds(1);

  /** A task starts on the next iteration, not inside createTask, and its result is awaited. */
  @WeftTest
  void testStartsSoonAndReturns() throws Exception {
    Trace trace = new Trace();
    AsyncTask<String> t = Asyncio.createTask(() -> {
      trace.expect(2);
      Weft.sleep(ONE);
      return "done";
    }, "worker");
    trace.expect(1);
    assertEquals("worker", t.getName());
    assertEquals("done", t.await());
    trace.finish(3);
    assertEquals("worker", t.weftTask().orElseThrow().name());
    assertTrue(t.done());
    assertEquals("done", t.result());
  }

  /** A failing task keeps its exception; await throws it as itself. */
  @WeftTest
  void testFailure() throws Exception {
    IOException boom = new IOException("boom");
    AsyncTask<String> t = Asyncio.createTask(() -> {
      throw boom;
    });
    assertSame(boom, assertThrows(IOException.class, t::await));
    assertSame(boom, t.exception());
  }

  /** cancel(msg) reaches the task's CancelledError; the task ends cancelled. */
  @WeftTest
  void testCancelMessage() throws Exception {
    List<String> seen = new ArrayList<>();
    AsyncTask<String> t = Asyncio.createTask(() -> {
      try {
        Weft.sleepForever();
      } catch (CancelledError e) {
        seen.add(e.getMessage());
        throw e;
      }
      return "never";
    });
    Weft.sleep(ONE);
    assertTrue(t.cancel("stop it"));
    CancelledError e = assertThrows(CancelledError.class, t::await);
    assertEquals("stop it", e.getMessage());
    assertEquals(List.of("stop it"), seen);
    assertTrue(t.cancelled());
    assertFalse(t.cancel(), "cancel of a done task returns false");
  }

  /** A task may catch the one-shot cancel, clean up with more waits, and return a value. */
  @WeftTest
  void testDeclineCancel() throws Exception {
    AsyncTask<String> t = Asyncio.createTask(() -> {
      try {
        Weft.sleepForever();
      } catch (CancelledError e) {
        Weft.sleep(ONE); // clean-up that waits: not cancelled again
        return "declined";
      }
      return "never";
    });
    Weft.sleep(ONE);
    t.cancel();
    assertEquals("declined", t.await());
    assertFalse(t.cancelled());
    assertEquals(2.0, Weft.currentTime());
  }

  /** A task cancelled before it starts never runs its function. */
  @WeftTest
  void testCancelBeforeStart() throws Exception {
    boolean[] ran = new boolean[1];
    AsyncTask<String> t = Asyncio.createTask(() -> {
      ran[0] = true;
      return "x";
    });
    t.cancel();
    assertThrows(CancelledError.class, t::await);
    assertFalse(ran[0]);
    assertTrue(t.cancelled());
  }

  /** Cancelling a task that awaits another task passes the cancel on, as asyncio does. */
  @WeftTest
  void testCancelPropagatesToAwaitedTask() throws Exception {
    AsyncTask<String> inner = Asyncio.createTask(() -> {
      Weft.sleepForever();
      return "never";
    }, "inner");
    AsyncTask<String> outer = Asyncio.createTask(inner::await, "outer");
    Weft.sleep(ONE);
    outer.cancel("from outside");
    assertThrows(CancelledError.class, outer::await);
    assertTrue(inner.cancelled());
    assertTrue(outer.cancelled());
  }

  /** currentTask() and allTasks() see asyncio tasks; names can change. */
  @WeftTest
  void testIntrospection() throws Exception {
    assertEquals(Optional.empty(), Asyncio.currentTask());
    AsyncTask<?>[] inside = new AsyncTask<?>[1];
    AsyncTask<String> t = Asyncio.createTask(() -> {
      inside[0] = Asyncio.currentTask().orElseThrow();
      Weft.sleep(ONE);
      return "x";
    }, "a");
    Weft.checkpoint();
    assertEquals(Set.of(t), Asyncio.allTasks());
    t.setName("renamed");
    assertEquals("Task[renamed][pending]", t.toString());
    t.await();
    assertSame(t, inside[0]);
    assertEquals(Set.of(), Asyncio.allTasks());
  }

  /** createTask outside a running loop is a clear error. */
  @Test
  void testCreateTaskWithoutLoop() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Asyncio.createTask(() -> "x"));
    assertTrue(e.getMessage().contains("no running event loop"), e.getMessage());
  }

  /** Tasks still running when Weft.run's main task ends are cancelled and waited for. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testCancelledAtRunEnd(Engine engine) throws Exception {
    List<String> log = new ArrayList<>();
    Weft.run(
        c -> c.withClock(MockClock.autojumping()).withEngine(engine),
        () -> {
          Asyncio.createTask(() -> {
            try {
              Weft.sleepForever();
            } finally {
              log.add("cleaned up at " + Weft.currentTime());
            }
            return null;
          });
          Weft.sleep(ONE);
        });
    assertEquals(List.of("cleaned up at 1.0"), log);
  }

  /** Asyncio.run does the same, and reports an exception nobody retrieved. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testRunEndCancelsAndReports(Engine engine) throws Exception {
    List<String> log = new ArrayList<>();
    String r =
        Asyncio.run(
            c -> c.withClock(MockClock.autojumping()).withEngine(engine),
            () -> {
              Asyncio.getRunningLoop().setExceptionHandler((m, e) -> log.add(m));
              Asyncio.createTask(() -> {
                throw new IOException("lost?");
              }, "failing");
              Asyncio.createTask(() -> {
                try {
                  Weft.sleepForever();
                } finally {
                  log.add("cancelled at " + Weft.currentTime());
                }
                return null;
              });
              return Asyncio.sleep(ONE, "main done");
            });
    assertEquals("main done", r);
    assertEquals(2, log.size());
    assertEquals("cancelled at 1.0", log.get(0));
    assertTrue(log.get(1).startsWith("Task exception was never retrieved"), log.get(1));
  }
}
