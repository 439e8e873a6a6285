package dev.weft.internal.util;

/**
 * Makes sure the current thread has some stack left before weft changes shared state, so that a
 * {@link StackOverflowError} strikes before the change rather than half-way through it.
 */
public final class StackHeadroom {
  /** How deep the usual probe goes: more than weft's own machinery needs below its entry points. */
  private static final int FRAMES = 64;

  /**
   * How deep the probe goes for a thread that has already run out of stack once: enough for the
   * JDK's rarely-run (so interpreted, so large-framed) paths too, such as starting a carrier.
   */
  private static final int DEEP_FRAMES = 1024;

  private StackHeadroom() {}

  /*
   * Implementation notes.
   *
   * Java cannot ask how much stack is left, but it can find out the hard way: the probe recurses
   * FRAMES calls deep and returns. If the stack is nearly exhausted, the StackOverflowError comes
   * from the probe, before the caller has touched anything, and the caller's state stays
   * consistent. If the probe returns, the calls the caller then makes at the same depth (a task
   * switch, a scope's entry and exit) fit, because they go no deeper than the probe did. The JVM
   * bangs the stack a fixed shadow zone below every method entry, so the probe needs to match the
   * machinery's depth in frames, not in the native code the JVM runs below them. The probe costs
   * about a nanosecond a frame; it guards only the entry points whose half-done state would
   * corrupt the loop (issue 11, item 3). A thread that has overflowed once is likely to be near
   * the limit again (a task recursing and checkpointing in its handlers), and then the JDK paths
   * below weft's (a carrier thread started to run the loop) are cold and interpreted, with far
   * larger frames: such a thread gets the deep probe, about a microsecond, every time after.
   * See StackOverflowTest.
   */

  /**
   * Throws {@link StackOverflowError} now if less stack is left than weft's machinery needs.
   *
   * @param deep whether to probe much deeper, for a thread that ran out of stack before
   * @throws StackOverflowError if the stack is nearly exhausted; nothing has changed then
   */
  public static void ensure(boolean deep) {
    int frames = deep ? DEEP_FRAMES : FRAMES;
    if (descend(frames, 1, 2, 3, 4, 5, 6) != frames + 21) {
      throw new AssertionError("stack probe miscounted");
    }
  }

  /** One probe frame; the arguments make it about as large as the JDK's frames it stands for. */
  private static long descend(int n, long a, long b, long c, long d, long e, long f) {
    return n == 0 ? a + b + c + d + e + f : 1 + descend(n - 1, a, b, c, d, e, f);
  }
}
