package dev.weft.lowlevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Engine;
import dev.weft.RunConfig;
import dev.weft.Weft;
import dev.weft.testing.MockClock;
import dev.weft.testing.WeftTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** EventLoop.callSoon: one FIFO with task steps (asyncio's _ready), and its thread rules. */
class EventLoopCallSoonTest {
  /** Callbacks and task steps run in the order they became ready. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testFifoWithTaskSteps(Engine e) {
    EventLoop loop =
        EventLoop.open(RunConfig.defaults().withClock(MockClock.autojumping()).withEngine(e));
    List<String> log = new ArrayList<>();
    loop.spawn(() -> log.add("task a"), "a");
    loop.callSoon(() -> log.add("callback 1"));
    loop.spawn(() -> log.add("task b"), "b");
    loop.callSoon(() -> {
      log.add("callback 2");
      loop.callSoon(() -> log.add("callback 3, queued by 2"));
      loop.stop();
    });
    loop.runUntilStopped();
    // As asyncio's run_forever: stop() ends the run after the current batch; what that batch
    // queued runs in the next run.
    assertEquals(List.of("task a", "callback 1", "task b", "callback 2"), log);
    loop.callSoon(loop::stop);
    loop.runUntilStopped();
    loop.close();
    assertEquals(List.of("task a", "callback 1", "task b", "callback 2", "callback 3, queued by 2"),
        log);
    assertThrows(IllegalStateException.class, () -> loop.callSoon(() -> {}));
  }

  /** From a thread outside the running loop, callSoon is refused (use the RunToken instead). */
  @WeftTest
  void testWrongThreadRefused() throws Exception {
    EventLoop loop = EventLoop.current().orElseThrow();
    CompletableFuture<Throwable> r = new CompletableFuture<>();
    Thread.ofPlatform().start(() -> {
      try {
        loop.callSoon(() -> {});
        r.complete(null);
      } catch (Throwable t) {
        r.complete(t);
      }
    });
    assertTrue(r.get(10, TimeUnit.SECONDS) instanceof IllegalStateException);
    Weft.checkpoint();
  }
}
