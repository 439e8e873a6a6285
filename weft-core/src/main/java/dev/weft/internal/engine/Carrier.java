package dev.weft.internal.engine;

/**
 * What carries one task's code for an engine: a virtual thread plus the hand-off that lets the
 * loop run it one piece at a time.
 *
 * <p>The loop thread calls {@link #start} and {@link #resume}; each returns when the task has
 * suspended (parked in weft), finished, or (fast engine only) parked in foreign JDK code. The task
 * thread calls {@link #suspend}, which returns when the loop resumes it.
 */
public abstract class Carrier extends Turn {
  /** The runtime's task object this carrier runs, for the loop's bookkeeping. */
  public Object task;

  /** Set once the task has run out of stack in a switch; the portable engine then probes deeper. */
  public boolean stackExhausted;

  /** Creates a carrier. */
  protected Carrier() {}

  /** Starts the task's thread and runs it until it first suspends or ends. Loop thread only. */
  public abstract void start();

  /** Runs a suspended task until it suspends again or ends. Loop thread only. */
  public abstract void resume();

  /** Gives control back to the loop; returns when the loop resumes this task. Task thread only. */
  public abstract void suspend();

  /**
   * Runs a continuation that a foreign wake-up produced (fast engine only). Loop thread only.
   *
   * @param continuation the JDK's continuation runnable
   */
  public void runForeign(Runnable continuation) {
    throw new UnsupportedOperationException();
  }

  /**
   * {@return whether {@link Engines#currentFastTask()} finds this carrier's {@link #task} from its
   * thread} If not, the task must make itself findable some other way (a ScopedValue binding).
   */
  public boolean findsCurrentTask() {
    return false;
  }

  /** {@return the thread that carries the task's code} */
  public abstract Thread thread();
}
