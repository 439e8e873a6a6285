package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.cancel.CancelScope;
import dev.weft.testing.MockClock;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A StackOverflowError inside weft's machinery (a checkpoint, a task switch, a scope's entry)
 * leaves the task consistent: it fails with the error, its nursery sees it, and the loop goes on
 * (issue 11, item 3).
 */
class StackOverflowTest {
  /** How deep the current recursion went before the stack overflowed. */
  private static int deepest;

  /**
   * Recurses until the stack overflows, checkpointing in every handler on the way back out while
   * it is still within {@link #CHECKPOINT_LEVELS} levels of the overflow: where a switch can run
   * out of stack. (Further out every switch succeeds; on the portable engine each one then costs a
   * walk of the whole stack, as a task finds itself through a ScopedValue.)
   */
  private static int recurseThenCheckpoint(int depth) {
    deepest = Math.max(deepest, depth);
    try {
      return recurseThenCheckpoint(depth + 1);
    } catch (StackOverflowError e) {
      // The deepest handlers have almost no stack: the checkpoint itself overflows there.
      if (depth > deepest - CHECKPOINT_LEVELS) {
        Weft.checkpoint();
      }
      throw e;
    }
  }

  private static final int CHECKPOINT_LEVELS = 512;

  /**
   * Nests nurseries {@code depth} deep and checkpoints at the bottom. (With a checkpoint at every
   * level the stack would never overflow: each switch moves the frames to the heap.)
   */
  private static void nestNurseries(int depth) throws Exception {
    if (depth == 0) {
      Weft.checkpoint();
    } else {
      Nursery.open(n -> nestNurseries(depth - 1));
    }
  }

  /** Nests cancel scopes {@code depth} deep and checkpoints at the bottom. */
  private static void nestScopes(int depth) throws Exception {
    if (depth == 0) {
      Weft.checkpoint();
    } else {
      new CancelScope().run(() -> nestScopes(depth - 1));
    }
  }

  /** The loop still runs tasks, switches and timers after the failure. */
  private static void assertLoopStillWorks() throws Exception {
    List<String> log = new ArrayList<>();
    Nursery.open(
        n -> {
          n.startSoon(() -> { Weft.sleep(Duration.ofSeconds(1)); log.add("b"); });
          n.startSoon(() -> { Weft.checkpoint(); log.add("a"); });
        });
    assertEquals(List.of("a", "b"), log);
  }

  /**
   * Runs {@code body} as the main task of a fresh loop and checks that the run ends the normal
   * way: {@code Weft.run} returns what main returned (a broken loop ends early, or hangs).
   */
  private static void runToTheEnd(Engine engine, Block body) throws Exception {
    Object out =
        Weft.run(
            c -> c.withClock(MockClock.autojumping()).withEngine(engine),
            () -> {
              body.run();
              assertLoopStillWorks();
              return "main returned";
            });
    assertEquals("main returned", out);
  }

  /**
   * A task that checkpoints in its StackOverflowError handlers fails with the error. Every level
   * of the way back out tries a switch with a little more stack, so the switch fails at every
   * point of the hand-off where the stack can run out; a few runs, because where it runs out
   * varies with what the JIT has compiled. On the portable engine a failure after the turn had
   * been given used to leave the task running beside the loop, and the run hung now and then (the
   * suite's default timeout bounds each test).
   */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testCheckpointWhileOverflowingFailsTheTask(Engine engine) throws Exception {
    for (int run = 0; run < 5; run++) {
      runToTheEnd(
          engine,
          () ->
              assertThrows(
                  StackOverflowError.class,
                  () ->
                      Nursery.open(
                          n ->
                              n.startSoon(
                                  () -> {
                                    deepest = 0;
                                    recurseThenCheckpoint(0);
                                  }))));
    }
  }

  /**
   * Nurseries nested past what the stack holds: the error reaches the outer nursery. On the way
   * out every nursery's exit is a schedule point on a stack too deep for the JDK to unmount;
   * repeated for the same reason as above.
   */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testNurseriesNestedTooDeepFailCleanly(Engine engine) throws Exception {
    for (int run = 0; run < 8; run++) {
      runToTheEnd(
          engine,
          () ->
              assertThrows(
                  StackOverflowError.class,
                  () -> Nursery.open(n -> n.startSoon(() -> nestNurseries(100_000)))));
    }
  }

  /** Scopes nested past what the stack holds: the error reaches the caller. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testScopesNestedTooDeepFailCleanly(Engine engine) throws Exception {
    runToTheEnd(
        engine,
        () ->
            assertThrows(
                StackOverflowError.class,
                () -> Nursery.open(n -> n.startSoon(() -> nestScopes(100_000)))));
  }

  /** Nesting as deep as the README promises works on both engines. */
  @WeftTest
  void testDocumentedNestingDepthWorks() throws Exception {
    Nursery.open(n -> n.startSoon(() -> nestNurseries(200)));
    Nursery.open(n -> n.startSoon(() -> nestScopes(400)));
  }
}
