package dev.weft.internal.engine;

/** What an engine needs from the loop it serves. */
public interface LoopHost {
  /** {@return the thread that runs the loop} */
  Thread loopThread();

  /**
   * Called from any thread when a task parked in foreign code becomes runnable again; the loop
   * must later call {@link Carrier#runForeign} with the continuation on its own thread.
   *
   * @param carrier the task's carrier
   * @param continuation the JDK's continuation
   */
  void foreignWakeup(Carrier carrier, Runnable continuation);
}
