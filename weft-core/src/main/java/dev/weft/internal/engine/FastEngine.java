package dev.weft.internal.engine;

import java.lang.invoke.MethodHandle;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The fast engine: every task is a virtual thread whose scheduler is the loop, so the loop's own
 * (platform) thread mounts each task in turn.
 */
final class FastEngine implements EngineDriver {
  /** Constants, so that the JIT can inline the calls behind them. */
  private static final MethodHandle BUILDER_CTOR = Engines.virtualBuilderCtor();

  private static final MethodHandle BUILDER_SCHEDULER = Engines.virtualBuilderScheduler();

  private static final MethodHandle THREAD_CONTINUATION = Engines.virtualThreadContinuation();

  private static final MethodHandle THREAD_SCHEDULER = Engines.virtualThreadScheduler();

  private static final Executor JDK_SCHEDULER = Engines.jdkScheduler();

  /*
   * Platform threads for loops started from virtual threads. Weft.run from a virtual thread used
   * to start a new platform thread for every run and join it: about 200 us a run, against 2-7 us
   * from a platform thread (RunBenchmark). A cached pool makes that a hand-off. The threads are
   * daemons (the caller waits for its run, so a run never outlives its caller's interest in it)
   * and end after 30 s unused, so an idle JVM keeps none.
   */
  private static final ThreadPoolExecutor LOOP_CARRIERS =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          30,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          Thread.ofPlatform().name("weft-loop-carrier-", 1).daemon().factory());

  // mutable state
  /**
   * One builder for the whole run's named threads, one for its unnamed ones (a builder cannot
   * forget a name); the scheduler of each is set to each new task's carrier in turn.
   */
  private Thread.Builder.OfVirtual namedBuilder;

  private Thread.Builder.OfVirtual unnamedBuilder;

  /** The run's thread container, made at its first task's start; null before, or if none. */
  private LoopThreadContainer container;

  private boolean containerTried;

  /** The name runLoop was given, which the container takes. */
  private String loopName;

  /*
   * Implementation notes.
   *
   * The JDK's package-private VirtualThreadBuilder(Executor) constructor gives a virtual thread a
   * custom scheduler: whenever the thread becomes runnable the JDK calls execute(continuation) on
   * it. Each task gets its own Executor (its FastCarrier), so an execute call says which task it
   * is for. When the loop resumes a task it unparks the thread; the JDK calls execute on the
   * loop thread at once, the carrier keeps the continuation, and the loop runs it inline: the task
   * runs on the loop's thread until it parks again (LockSupport.park yields the continuation and
   * run() returns). An execute from any other thread (a foreign wake-up: the JDK's I/O poller, a
   * timed park, another thread's unpark) goes through the loop's thread-safe inbox, so task code
   * still only ever runs on the loop thread (invariant 1).
   *
   * The JDK gives a virtual thread created by another virtual thread its creator's scheduler
   * (VirtualThread's constructor, when the builder names none). So a thread that task code starts
   * with Thread.ofVirtual(), an Executors.newVirtualThreadPerTaskExecutor() thread, or the JDK's
   * socket sub-pollers when a task happens to do the JVM's first socket I/O, would get the task's
   * carrier as its scheduler: its code would run on the loop, and freeze for good once the run
   * ended (every later socket read in the JVM with it). A virtual thread submits exactly one
   * runnable, its runContinuation, so a carrier knows its own task's; anything else it is handed
   * belongs to such an adopted thread and goes to the JDK's default scheduler, now and after the
   * run. See EngineBehaviourTest#testVirtualThreadStartedInATaskOutlivesTheRun.
   *
   * A weft suspend is a Thread.yield(), not a LockSupport.park: the JDK unmounts the thread and
   * hands its continuation straight to execute(), on the loop thread, and the carrier keeps it
   * (instead of running it) until the loop resumes the task. Two reasons (issue 11, items 3-5):
   *  - when the JDK cannot unmount the thread (it is pinned: inside a static initializer, or in
   *    native code that called back into Java), LockSupport.park parks the *carrier* instead, and
   *    the carrier is the loop thread: the loop stops for good, since only it could resume the
   *    task. Thread.yield just returns without yielding, so we see the pin and fail the task with
   *    an error that says why;
   *  - when unmounting itself fails (OutOfMemoryError while freezing the frames, or the JDK's
   *    StackOverflowError "Humongous stack chunk" for a very deep stack), LockSupport.park again
   *    falls back to parking the carrier (for OutOfMemoryError) while Thread.yield throws the
   *    error to the task, which then fails with it, in a consistent state (TaskImpl undoes the
   *    park), and the loop goes on.
   * A yield also ignores interrupts, which a park would have to hold aside.
   *
   * A task's thread starts in its loop's thread container (LoopThreadContainer), made with the
   * loop's first task and closed when the loop closes (close()), instead of the JDK's root container, whose
   * JVM-wide set of all virtual threads cost every spawn a shared-map insert and removal. Thread
   * dumps show the tasks under the loop's name; where the JDK's internals do not allow the
   * container, threads start as before.
   */

  FastEngine() {}

  @Override
  public Carrier newCarrier(LoopHost host, String name, Runnable body) {
    return new FastCarrier(host, name, body);
  }

  @Override
  public void close() {
    // Not at the end of runLoop: an EventLoop's tasks stay parked between its runs, and a thread
    // dump taken then must still find them (ThreadDumpTest).
    if (container != null) {
      container.close();
    }
  }

  /** {@return the run's thread container, made at the first task's start; null if none} */
  private LoopThreadContainer container(LoopHost host) {
    if (!containerTried) {
      containerTried = true;
      container =
          LoopThreadContainer.open(
              loopName != null ? loopName : host.loopThread().getName(),
              () -> host.taskThreads().stream());
    }
    return container;
  }

  @Override
  public void runLoop(String threadName, Runnable loop) {
    loopName = threadName;
    if (!Thread.currentThread().isVirtual()) {
      loop.run();
      return;
    }
    // A virtual thread cannot be the carrier of other virtual threads: run the loop on a platform
    // thread and wait for it. The threads are pooled (see the notes on LOOP_CARRIERS).
    CountDownLatch done = new CountDownLatch(1);
    Throwable[] failure = new Throwable[1];
    LOOP_CARRIERS.execute(
        () -> {
          Thread me = Thread.currentThread();
          String poolName = me.getName();
          me.setName(threadName);
          try {
            loop.run();
          } catch (Throwable e) {
            failure[0] = e;
          } finally {
            me.setName(poolName);
            Thread.interrupted(); // nothing of this run may reach the next one
            done.countDown();
          }
        });
    Engines.awaitUninterruptibly(done::await);
    Engines.rethrow(failure[0]);
  }

  /**
   * The task whose thread calls, found from the thread itself: a task's virtual thread has its
   * FastCarrier as its scheduler. A virtual thread that task code started inherited that scheduler
   * too (see the notes), hence the check that the carrier's own thread is the caller.
   *
   * <p>Why not a ScopedValue binding, as the portable engine's tasks have: binding one costs every
   * task a carrier, a snapshot and (at its first lookup) its thread's 32-slot scoped-value cache,
   * about 200 bytes, plus three JDK frames under the task's body that every park freezes into the
   * task's stack chunk (issue 12: idle_tasks, spawn_join). The thread already knows its carrier.
   */
  static Object currentTask() {
    Thread t = Thread.currentThread();
    if (THREAD_SCHEDULER == null || !t.isVirtual()) {
      return null;
    }
    Executor s;
    try {
      s = (Executor) THREAD_SCHEDULER.invokeExact(t);
    } catch (Throwable e) {
      throw new IllegalStateException("cannot read a virtual thread's scheduler", e);
    }
    return s instanceof FastCarrier c && c.thread == t ? c.task : null;
  }

  private Thread newThread(Executor scheduler, String name, Runnable body) {
    try {
      Thread.Builder.OfVirtual builder = name != null ? namedBuilder : unnamedBuilder;
      if (builder == null || BUILDER_SCHEDULER == null) {
        builder = (Thread.Builder.OfVirtual) BUILDER_CTOR.invoke(scheduler);
        if (name != null) {
          namedBuilder = builder;
        } else {
          unnamedBuilder = builder;
        }
      } else {
        // Reusing the builder saves an object and a constructor call per task; the loop is
        // single-threaded, so nothing else uses the builder between these two lines.
        BUILDER_SCHEDULER.invokeExact((Object) builder, scheduler);
      }
      Thread t = (name != null ? builder.name(name) : builder).unstarted(body);
      if (BUILDER_SCHEDULER != null) {
        // The builder outlives the task: it must not keep the carrier, and through it the task's
        // whole object graph, reachable until the next spawn (issue 11, item 6).
        BUILDER_SCHEDULER.invokeExact((Object) builder, (Executor) null);
      }
      return t;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot create a fast-engine virtual thread", e);
    }
  }

  private static Runnable continuationOf(Thread t) {
    try {
      return (Runnable) THREAD_CONTINUATION.invokeExact(t);
    } catch (Throwable e) {
      throw new IllegalStateException("cannot read a fast-engine virtual thread's continuation", e);
    }
  }

  private final class FastCarrier extends Carrier implements Executor {
    // immutable state
    private final LoopHost host;
    private final Thread thread;
    /** The one runnable the JDK submits to run {@link #thread}. */
    private final Runnable ownContinuation;

    // mutable state
    private boolean stepping;
    private Runnable continuation;
    /** Set by suspend() just before it yields: execute() then keeps the continuation. */
    private boolean suspending;
    /** The continuation of a task suspended in weft, run by the next resume(). */
    private Runnable suspended;

    FastCarrier(LoopHost host, String name, Runnable body) {
      this.host = host;
      this.thread = newThread(this, name, body);
      this.ownContinuation = continuationOf(thread);
    }

    @Override
    public void execute(Runnable r) {
      if (r != ownContinuation) {
        // a virtual thread that task code started and that inherited this carrier
        JDK_SCHEDULER.execute(r);
        return;
      }
      if (stepping && Thread.currentThread() == host.loopThread()) {
        if (suspending) {
          // weft's own suspend: keep the thread off the loop until resume()
          suspending = false;
          suspended = r;
        } else {
          // task code's own Thread.yield, or a park whose permit was already set: run on
          continuation = r;
        }
      } else {
        host.foreignWakeup(this, r);
      }
    }

    @Override
    public void start() {
      stepping = true;
      LoopThreadContainer c = container(host);
      if (c != null) {
        c.start(thread);
      } else {
        thread.start();
      }
      drain();
    }

    @Override
    public void resume() {
      assert suspended != null : "resume() of a task that is not suspended in weft";
      stepping = true;
      continuation = suspended;
      suspended = null;
      drain();
    }

    @Override
    public void runForeign(Runnable r) {
      stepping = true;
      continuation = r;
      drain();
    }

    private void drain() {
      Runnable r;
      // A yield that re-submits itself (Thread.yield, a park whose permit was already set) calls
      // execute again on this thread: keep running until the task really stops.
      while ((r = continuation) != null) {
        continuation = null;
        r.run();
      }
      stepping = false;
    }

    @Override
    public void suspend() {
      suspending = true;
      try {
        Thread.yield();
      } catch (Throwable e) {
        // Unmounting failed (OutOfMemoryError, StackOverflowError): the thread never left.
        suspending = false;
        throw e;
      }
      if (suspending) {
        // The JDK could not unmount the thread, so it never left either.
        suspending = false;
        throw new IllegalStateException(Pins.describe(task));
      }
    }

    @Override
    public boolean findsCurrentTask() {
      return THREAD_SCHEDULER != null;
    }

    @Override
    public Thread thread() {
      return thread;
    }
  }
}
