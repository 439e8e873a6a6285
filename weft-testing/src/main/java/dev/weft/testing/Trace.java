package dev.weft.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Asserts the order of events across tasks: each step states its number, and a step out of order
 * fails at once (kotlinx's {@code expect}/{@code finish}, Trio's {@code record}).
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * Trace trace = new Trace();
 * Nursery.open(n -> {
 *   trace.expect(1);
 *   n.startSoon(() -> trace.expect(3));
 *   trace.expect(2);
 * });
 * trace.finish(4);
 * }
 *
 * A trace is used from one loop, so it needs no locking.
 */
public final class Trace {
  // mutable state
  private int next = 1;
  private boolean finished;
  private final List<String> log = new ArrayList<>();

  /** Creates a trace that expects step 1 next. */
  public Trace() {}

  /**
   * Records step {@code step}, which must be the next one.
   *
   * @param step the step's number
   * @throws AssertionError if it is out of order or the trace has finished
   */
  public void expect(int step) {
    if (finished) {
      throw new AssertionError("step " + step + " came after the trace finished; log: " + log);
    }
    if (step != next) {
      throw new AssertionError("expected step " + next + " but got step " + step + "; log: " + log);
    }
    log.add(Integer.toString(step));
    next++;
  }

  /**
   * Records the last step.
   *
   * @param step the step's number, which must be the next one
   * @throws AssertionError if it is out of order
   */
  public void finish(int step) {
    expect(step);
    finished = true;
  }

  /**
   * Fails: the code calling it should not have been reached.
   *
   * @throws AssertionError always
   */
  public void unreached() {
    throw new AssertionError("unreachable code was reached after step " + (next - 1));
  }

  /** {@return the next step expected} */
  public int nextStep() {
    return next;
  }
}
