package dev.weft.lowlevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Engine;
import dev.weft.RunConfig;
import dev.weft.Weft;
import dev.weft.cancel.CancelledError;
import dev.weft.testing.MockClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** EventLoop: a loop its owner runs, stops, runs again and closes. */
class EventLoopTest {
  private static EventLoop open(Engine e) {
    return EventLoop.open(RunConfig.defaults().withClock(MockClock.autojumping()).withEngine(e));
  }

  /** Tasks left alive by one run stay parked and go on in the next; close cancels them. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testRunsAgainAndCloses(Engine e) {
    EventLoop loop = open(e);
    List<String> log = new ArrayList<>();
    loop.spawn(
        () -> {
          try {
            for (int i = 0; ; i++) {
              log.add("tick " + i + " at " + Weft.currentTime());
              Weft.sleep(Duration.ofSeconds(1));
            }
          } catch (CancelledError c) {
            log.add("cancelled at " + Weft.currentTime());
            throw c;
          }
        },
        "ticker");
    loop.spawn(
        () -> {
          Weft.sleep(Duration.ofMillis(1500));
          loop.stop();
          return null;
        },
        "stopper");
    assertFalse(loop.isRunning());
    loop.runUntilStopped();
    assertEquals(List.of("tick 0 at 0.0", "tick 1 at 1.0"), log);
    assertEquals(1.5, loop.time());
    loop.callAt(2.5, loop::stop);
    loop.runUntilStopped();
    assertEquals(List.of("tick 0 at 0.0", "tick 1 at 1.0", "tick 2 at 2.0"), log);
    loop.close();
    assertEquals("cancelled at 2.5", log.get(3));
    assertTrue(loop.isClosed());
    loop.close(); // idempotent
    assertThrows(IllegalStateException.class, loop::runUntilStopped);
    assertThrows(IllegalStateException.class, () -> loop.spawn(() -> null, "late"));
  }

  /** stop() before a run makes the run do one iteration and return. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testStopBeforeRun(Engine e) {
    EventLoop loop = open(e);
    List<String> log = new ArrayList<>();
    loop.spawn(() -> log.add("ran"), null);
    loop.stop();
    loop.runUntilStopped();
    assertEquals(List.of("ran"), log);
    loop.close();
  }

  /** Closing or running from inside the loop, and using the loop of Weft.run, are errors. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testMisuse(Engine e) throws Exception {
    EventLoop loop = open(e);
    List<Throwable> errors = new ArrayList<>();
    loop.spawn(
        () -> {
          errors.add(assertThrows(IllegalStateException.class, loop::close));
          errors.add(assertThrows(IllegalStateException.class, loop::runUntilStopped));
          assertTrue(loop.isRunning());
          assertSame(loop, EventLoop.current().orElseThrow());
          loop.stop();
          return null;
        },
        null);
    loop.runUntilStopped();
    assertEquals(2, errors.size());
    assertTrue(errors.get(0).getMessage().contains("close"), errors.get(0).getMessage());
    loop.close();
    assertEquals(Optional.empty(), EventLoop.current());
    Weft.run(
        c -> c.withClock(MockClock.autojumping()).withEngine(e),
        () -> {
          EventLoop mine = EventLoop.current().orElseThrow();
          assertTrue(mine.isRunning());
          assertThrows(IllegalStateException.class, mine::stop);
          assertThrows(IllegalStateException.class, mine::close);
        });
  }

  /** callAt handles run in time order and can be cancelled; close hooks run at close. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testCallAtAndCloseHooks(Engine e) {
    EventLoop loop = open(e);
    List<String> log = new ArrayList<>();
    loop.callAt(2, () -> log.add("two"));
    TimerHandle h = loop.callAt(1, () -> log.add("one"));
    loop.callAt(3, () -> {
      log.add("three");
      loop.stop();
    });
    assertEquals(1.0, h.when());
    h.cancel();
    assertTrue(h.isCancelled());
    loop.onClose(() -> log.add("closed"));
    loop.runUntilStopped();
    loop.close();
    assertEquals(List.of("two", "three", "closed"), log);
  }

  /** A failing callAt action crashes the run, which says so. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testFailingActionCrashes(Engine e) {
    EventLoop loop = open(e);
    loop.callAt(1, () -> {
      throw new IllegalArgumentException("boom");
    });
    IllegalStateException ex = assertThrows(IllegalStateException.class, loop::runUntilStopped);
    assertEquals("boom", ex.getCause().getMessage());
    loop.close();
  }

  /** RunVar keeps one value per loop. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testRunVar(Engine e) throws Exception {
    RunVar<List<String>> v = new RunVar<>("names", ArrayList::new);
    EventLoop a = open(e);
    EventLoop b = open(e);
    v.get(a).add("a");
    assertEquals(List.of("a"), v.get(a));
    assertEquals(List.of(), v.get(b));
    v.set(b, List.of("b"));
    assertEquals(List.of("b"), v.get(b));
    a.close();
    b.close();
    Weft.run(
        c -> c.withClock(MockClock.autojumping()).withEngine(e),
        () -> {
          v.get().add("x");
          assertEquals(List.of("x"), v.get());
        });
    assertThrows(IllegalStateException.class, v::get);
  }
}
