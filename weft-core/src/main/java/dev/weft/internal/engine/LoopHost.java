package dev.weft.internal.engine;

import java.util.List;

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

  /**
   * {@return the threads of the loop's live tasks, as far as a glance can tell} Called from any
   * thread, for a thread dump: the answer is a best effort, not a snapshot, when the loop is
   * running, and it never throws.
   */
  List<Thread> taskThreads();
}
