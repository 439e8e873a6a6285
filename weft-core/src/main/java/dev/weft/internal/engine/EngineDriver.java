package dev.weft.internal.engine;

/** One engine: makes carriers for tasks and runs the loop on a thread that suits them. */
public interface EngineDriver {
  /**
   * Makes the carrier for a new task; nothing runs until {@link Carrier#start()}.
   *
   * @param host the loop
   * @param name the name the task was given, used as its thread's name, or null for an unnamed
   *     thread (a task with the default name: its name is made only when asked for)
   * @param body what the task thread runs
   * @return the carrier
   */
  Carrier newCarrier(LoopHost host, String name, Runnable body);

  /**
   * Runs the loop, on the calling thread if it suits the engine or else on a new one that the
   * caller waits for.
   *
   * @param threadName the name of the thread if the engine makes one ("weft-loop-" and the loop's
   *     id), so that thread dumps tell loops apart
   * @param loop the loop's code
   */
  void runLoop(String threadName, Runnable loop);

  /**
   * Releases what the driver holds for its loop (the fast engine's thread container), once the
   * loop has ended for good: after its last run, not after each run of a loop that runs again.
   * Idempotent.
   */
  default void close() {}
}
