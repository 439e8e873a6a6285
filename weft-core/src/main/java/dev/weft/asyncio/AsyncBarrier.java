package dev.weft.asyncio;

import dev.weft.Checkpoint;
import dev.weft.cancel.CancelledError;
import dev.weft.sync.BrokenBarrierException;

/**
 * asyncio's {@code Barrier} (Python 3.11): {@code parties} tasks wait for each other, then all go
 * on together; it can be used again after that (it is cyclic).
 *
 * <p>{@link #await()} returns the task's arrival index, 0 to {@code parties - 1}. Tasks that
 * arrive while the last round is still leaving wait for it to finish. {@link #reset()} sends the
 * waiting tasks away with {@link BrokenBarrierException} and makes the barrier usable again;
 * {@link #abort()} breaks it for good. It is built, as asyncio's is, on an {@link AsyncCondition}.
 * For Trio-style rules see {@link dev.weft.sync.Barrier}.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * AsyncBarrier barrier = new AsyncBarrier(3);
 * int index = barrier.await();   // in each of three tasks
 * }
 *
 * <h2>Thread rules</h2>
 *
 * Loop-bound: call it from the tasks of one loop.
 */
public final class AsyncBarrier {
  private enum State {
    FILLING,
    DRAINING,
    RESETTING,
    BROKEN
  }

  // immutable state
  private final AsyncCondition cond = new AsyncCondition();
  private final int parties;

  // mutable state
  private State state = State.FILLING;
  /** Tasks inside await(), filling or draining. */
  private int count;

  /*
   * Implementation notes.
   *
   *   FILLING --last party arrives--> DRAINING --last task leaves--> FILLING
   *   FILLING/DRAINING --reset() with tasks inside--> RESETTING --last leaves--> FILLING
   *   any --abort()--> BROKEN (final)
   *
   * asyncio's Barrier, state by state, over our AsyncCondition: every state change signals all,
   * and each waiter re-checks the state it waits for. Arrivals block while the barrier drains or
   * resets, so a fast task cannot join the round that is leaving. See AsyncBarrierTest.
   */

  /**
   * Creates a barrier.
   *
   * @param parties how many tasks must arrive before they all go on
   * @throws IllegalArgumentException if {@code parties} is less than 1
   */
  public AsyncBarrier(int parties) {
    if (parties < 1) {
      throw new IllegalArgumentException(
          "AsyncBarrier: parties must be 1 or more, got " + parties);
    }
    this.parties = parties;
  }

  /**
   * Waits until {@code parties} tasks have arrived. This method is a checkpoint.
   *
   * @return this task's arrival index, 0 to {@code parties - 1}
   * @throws BrokenBarrierException if the barrier is broken, or is reset or aborted while this
   *     task waits
   * @throws CancelledError if cancelled while waiting
   */
  @Checkpoint
  public int await() throws BrokenBarrierException {
    cond.acquire();
    try {
      cond.awaitFor(() -> state != State.DRAINING && state != State.RESETTING);
      if (state == State.BROKEN) {
        throw new BrokenBarrierException("Barrier aborted");
      }
      int index = count++;
      try {
        if (index + 1 == parties) {
          state = State.DRAINING;
          cond.signalAll();
        } else {
          cond.awaitFor(() -> state != State.FILLING);
          if (state == State.BROKEN || state == State.RESETTING) {
            throw new BrokenBarrierException("Abort or reset of barrier");
          }
        }
        return index;
      } finally {
        count--;
        if (count == 0) {
          if (state == State.RESETTING || state == State.DRAINING) {
            state = State.FILLING;
          }
          cond.signalAll();
        }
      }
    } finally {
      cond.release();
    }
  }

  /**
   * Returns the barrier to its empty state; tasks waiting in it get {@link
   * BrokenBarrierException}. This method is a checkpoint (it takes the barrier's lock).
   *
   * @throws CancelledError if cancelled before it could
   */
  @Checkpoint
  public void reset() {
    cond.acquire();
    try {
      if (count > 0) {
        state = State.RESETTING;
      } else {
        state = State.FILLING;
      }
      cond.signalAll();
    } finally {
      cond.release();
    }
  }

  /**
   * Breaks the barrier: waiting tasks and later arrivals get {@link BrokenBarrierException}. This
   * method is a checkpoint (it takes the barrier's lock).
   *
   * @throws CancelledError if cancelled before it could
   */
  @Checkpoint
  public void abort() {
    cond.acquire();
    try {
      state = State.BROKEN;
      cond.signalAll();
    } finally {
      cond.release();
    }
  }

  /** {@return how many tasks must arrive} */
  public int parties() {
    return parties;
  }

  /** {@return how many tasks wait in the filling barrier now} (asyncio's {@code n_waiting}) */
  public int waiting() {
    return state == State.FILLING ? count : 0;
  }

  /** {@return whether the barrier is broken} */
  public boolean broken() {
    return state == State.BROKEN;
  }

  @Override
  public String toString() {
    return "AsyncBarrier[" + state + ", waiters:" + waiting() + "/" + parties + "]";
  }
}
