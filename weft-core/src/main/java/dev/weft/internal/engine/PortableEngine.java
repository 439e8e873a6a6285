package dev.weft.internal.engine;

import dev.weft.internal.util.StackHeadroom;

/**
 * The portable engine: tasks are ordinary virtual threads, and the loop (itself a virtual thread)
 * hands a turn token to one task at a time. One instance serves one run.
 */
final class PortableEngine implements EngineDriver {
  // mutable state
  private Thread loopThread;
  private final Turn loopTurn = new Turn();

  /*
   * Implementation notes.
   *
   * Each hand-off is a pair of Turns: resume() gives the task its turn and waits for the loop's
   * turn, which the task gives back when it parks in weft or ends. The loop must be a virtual
   * thread too: a platform thread in the hand-off costs about 30 us a switch (DESIGN.md), against
   * about 1.5 us between two virtual threads. A task that blocks in foreign JDK code keeps the
   * turn, so the loop stalls until it returns, exactly as a blocking call stalls asyncio's loop.
   *
   * The hand-off cannot be undone once the turn is given: the loop runs from then on, so an error
   * that escaped suspend() after that point would leave the task running beside the loop (which
   * reads its state while the task "undoes" its park), and the run hung. Two things used to fail
   * there when a task switched on a deep stack (issue 11, item 3): the park that waits for the turn
   * back, when the stack was too deep for the JDK to copy to the heap ("Humongous stack chunk"),
   * and then the fallback wait (CarrierPark), whose cold JVM and class-loading frames overflowed a
   * stack that was nearly exhausted. So suspend() first moves the task's frames to the heap with a
   * Thread.yield, while nothing has been given yet: if the stack is too deep to unmount, or too
   * full for the yield itself, that fails there and the task fails cleanly (TaskImpl undoes its
   * park). After the yield the JDK thaws only the top frame back onto the carrier, so giving the
   * turn and parking run on an almost empty stack, and the park copies only the few frames pushed
   * since the yield: neither can overflow. The yield costs little more than the switch saves in
   * stack to copy at the park (measured: the same time per checkpoint within noise).
   */

  @Override
  public Carrier newCarrier(LoopHost host, String name, Runnable body) {
    return new TurnCarrier(name, body);
  }

  @Override
  public void runLoop(String threadName, Runnable loop) {
    Throwable[] failure = new Throwable[1];
    Thread t =
        Thread.ofVirtual()
            .name(threadName)
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
    Engines.awaitUninterruptibly(t::join);
    Engines.rethrow(failure[0]);
  }

  private void giveLoopTurn() {
    loopTurn.give(loopThread);
  }

  /** More than the JDK allocates to schedule a virtual thread (a task wrapper, a queue slot). */
  private static final int HEAP_PROBE_BYTES = 512;

  /** The last heap probe; a field, so that the JIT cannot elide the allocation. */
  @SuppressWarnings("unused")
  private static volatile byte[] heapProbe;

  private final class TurnCarrier extends Carrier {
    // immutable state
    private final Thread thread;

    TurnCarrier(String name, Runnable body) {
      Thread.Builder.OfVirtual b = Thread.ofVirtual();
      this.thread =
          (name != null ? b.name(name) : b)
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
      loopTurn.await();
    }

    @Override
    public void resume() {
      give(thread);
      loopTurn.await();
    }

    @Override
    public void suspend() {
      // Once the turn is given the loop runs, so nothing can be undone after that: a
      // StackOverflowError must strike here if it strikes at all (see StackHeadroom).
      StackHeadroom.ensure(stackExhausted);
      // The same for the heap: giving the turn schedules the loop's virtual thread, which
      // allocates inside the JDK, and the JDK retries an OutOfMemoryError there every 100 ms, for
      // ever, while this task holds the heap. An allocation of our own, larger than the JDK's,
      // fails first and fails the task instead, which frees what it held (issue 11, item 4).
      heapProbe = new byte[HEAP_PROBE_BYTES];
      // Move this thread's frames to the heap before the turn is given (see the notes above).
      Thread.yield();
      // The yield allocated too (the frames' copy, the JDK's resubmission), so probe again: the
      // previous probe is then garbage that a collection can free for the JDK's allocation when it
      // schedules the loop, nothing else allocates in between, and that allocation cannot end in
      // the endless retry (a portable run hung there about 1 in 15 when the heap filled up).
      heapProbe = new byte[HEAP_PROBE_BYTES];
      giveLoopTurn();
      await();
    }

    @Override
    public Thread thread() {
      return thread;
    }
  }
}
