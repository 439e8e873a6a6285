package dev.weft.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.Weft;
import dev.weft.testing.WeftTest;
import java.lang.ref.WeakReference;

/**
 * The fast engine runs task code on the loop's own thread, so a task its JVM cannot unmount
 * (pinned), or one the engine keeps a reference to, could stop or bloat the whole loop (issue 11,
 * items 5 and 6). Each test names the engine it is about; the portable engine's behaviour is the
 * reference.
 */
class FastEngineFailuresTest {
  /** A class whose static initializer reaches a checkpoint; initialised under the fast engine. */
  static final class CheckpointInInitializerFast {
    static final String VALUE;

    static {
      Weft.checkpoint();
      VALUE = "initialised";
    }

    private CheckpointInInitializerFast() {}
  }

  /** The same for the portable engine (a class is initialised once per JVM). */
  static final class CheckpointInInitializerPortable {
    static final String VALUE;

    static {
      Weft.checkpoint();
      VALUE = "initialised";
    }

    private CheckpointInInitializerPortable() {}
  }

  /** Fast: a checkpoint in a static initializer fails the task, saying why, instead of hanging. */
  @WeftTest(engines = Engine.FAST)
  void testCheckpointInStaticInitializerFailsTheTask() throws Exception {
    ExceptionInInitializerError e =
        assertThrows(
            ExceptionInInitializerError.class,
            () -> Nursery.open(n -> n.startSoon(() -> CheckpointInInitializerFast.VALUE.length())));
    IllegalStateException why = assertInstanceOf(IllegalStateException.class, e.getCause());
    assertTrue(
        why.getMessage().contains("static initializer of class " + CheckpointInInitializerFast.class.getName()),
        why.getMessage());
    assertTrue(why.getMessage().contains("Engine.PORTABLE"), why.getMessage());
    // the loop goes on
    Weft.checkpoint();
  }

  /** Portable: the task's own thread blocks in the initializer, the loop goes on meanwhile. */
  @WeftTest(engines = Engine.PORTABLE)
  void testCheckpointInStaticInitializerWorksOnPortable() throws Exception {
    String[] seen = new String[1];
    Nursery.open(n -> n.startSoon(() -> seen[0] = CheckpointInInitializerPortable.VALUE));
    assertEquals("initialised", seen[0]);
  }

  /** Starts a task that holds {@code payload}, and returns a weak reference to the payload. */
  private static WeakReference<Object> startHolder(Nursery n) {
    Object payload = new byte[8 << 20];
    n.startSoon(() -> Weft.sleep(java.time.Duration.ofSeconds(payload.hashCode() % 2)), "holder");
    return new WeakReference<>(payload);
  }

  /** Nothing keeps a finished task's objects reachable, though no task was started since. */
  @WeftTest
  void testFinishedTaskIsNotRetained() throws Exception {
    WeakReference<?>[] ref = new WeakReference<?>[1];
    Nursery.open(n -> ref[0] = startHolder(n));
    for (int i = 0; i < 20 && ref[0].get() != null; i++) {
      System.gc();
    }
    // not assertNull: its message would print the 8 MB array
    assertTrue(ref[0].get() == null, "the finished task's payload is still reachable");
  }
}
