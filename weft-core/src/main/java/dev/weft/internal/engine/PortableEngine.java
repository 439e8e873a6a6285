package dev.weft.internal.engine;

import java.util.concurrent.locks.LockSupport;

/**
 * The portable engine: tasks are ordinary virtual threads, and the loop (itself a virtual thread)
 * hands a turn token to one task at a time. One instance serves one run.
 */
final class PortableEngine implements EngineDriver {
  // mutable state
  private Thread loopThread;
  private volatile boolean loopTurn;

  /*
   * Implementation notes.
   *
   * Each hand-off is a pair of volatile flags and LockSupport park/unpark: resume() sets the
   * task's flag, unparks it and parks the loop until the task gives the turn back (by parking in
   * weft or by ending). The loop must be a virtual thread too: a platform thread in the hand-off
   * costs about 30 us a switch (DESIGN.md), against about 1 us between two virtual threads. A
   * task that blocks in foreign JDK code keeps the turn, so the loop stalls until it returns,
   * exactly as a blocking call stalls asyncio's loop.
   */

  @Override
  public Carrier newCarrier(LoopHost host, String name, Runnable body) {
    return new TurnCarrier(name, body);
  }

  @Override
  public void runLoop(Runnable loop) {
    Throwable[] failure = new Throwable[1];
    Thread t =
        Thread.ofVirtual()
            .name("weft-loop")
            .unstarted(
                () -> {
                  try {
                    loop.run();
                  } catch (Throwable e) {
                    failure[0] = e;
                  }
                });
    loopThread = t;
    t.start();
    Engines.joinUninterruptibly(t);
    Engines.rethrow(failure[0]);
  }

  private void awaitLoopTurn() {
    boolean interrupted = false;
    while (!loopTurn) {
      LockSupport.park(this);
      if (Thread.interrupted()) {
        interrupted = true;
      }
    }
    loopTurn = false;
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void giveLoopTurn() {
    loopTurn = true;
    LockSupport.unpark(loopThread);
  }

  private final class TurnCarrier extends Carrier {
    // immutable state
    private final Thread thread;

    // mutable state
    private volatile boolean taskTurn;

    TurnCarrier(String name, Runnable body) {
      this.thread =
          Thread.ofVirtual()
              .name(name)
              .unstarted(
                  () -> {
                    try {
                      body.run();
                    } finally {
                      giveLoopTurn();
                    }
                  });
    }

    @Override
    public void start() {
      thread.start();
      awaitLoopTurn();
    }

    @Override
    public void resume() {
      taskTurn = true;
      LockSupport.unpark(thread);
      awaitLoopTurn();
    }

    @Override
    public void suspend() {
      giveLoopTurn();
      boolean interrupted = false;
      while (!taskTurn) {
        LockSupport.park(this);
        if (Thread.interrupted()) {
          interrupted = true;
        }
      }
      taskTurn = false;
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public Thread thread() {
      return thread;
    }
  }
}
