package dev.weft.internal.engine;

import java.util.Optional;

/**
 * Explains why a fast-engine task's thread could not be unmounted from the loop thread, for the
 * error its checkpoint throws.
 */
final class Pins {
  private Pins() {}

  /*
   * Implementation notes.
   *
   * The JVM cannot unmount a virtual thread whose stack holds a frame it cannot copy to the heap:
   * most often a static initializer (the JVM calls <clinit> from its own native code while it holds
   * the class's initialization lock), or native code that called back into Java. We only look for
   * the cause once a yield has failed, so the stack walk costs nothing on the normal path. See
   * FastEngineFailuresTest#testCheckpointInStaticInitializerFailsTheTask.
   */

  /**
   * {@return the message for a task whose thread is pinned}
   *
   * @param task the task (its {@code toString} names it)
   */
  static String describe(Object task) {
    Optional<String> initializing =
        StackWalker.getInstance()
            .walk(
                frames ->
                    frames
                        .filter(f -> f.getMethodName().equals("<clinit>"))
                        .map(StackWalker.StackFrame::getClassName)
                        .findFirst());
    String why =
        initializing
            .map(c -> "it is running the static initializer of class " + c)
            .orElse("it is running native code that called back into Java");
    return task
        + " reached a weft checkpoint where its thread cannot leave the loop's thread: "
        + why
        + ", and the JVM cannot suspend a virtual thread there. Waiting here would stop the whole "
        + "loop, so the checkpoint fails instead. Move the blocking call out of the static "
        + "initializer (or native callback), or run the loop with Engine.PORTABLE.";
  }
}
