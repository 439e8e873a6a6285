package dev.weft.internal.io;

import dev.weft.BusyResourceException;
import dev.weft.ClosedResourceException;
import dev.weft.lowlevel.Abort;
import dev.weft.lowlevel.AbortFunction;
import dev.weft.lowlevel.IoStatistics;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A loop's I/O manager: a {@link Selector} the loop blocks in when no task is runnable, and the
 * tasks waiting for a channel to become readable or writable (Trio's {@code EpollIOManager},
 * Netty's {@code NioIoHandler}).
 *
 * <p>Every method but {@link #wakeup} runs on the loop's thread or in one of its tasks.
 */
public final class SelectorIoManager extends IoManager {
  /** Whether some loop of this JVM has started {@link #warmUpJdkPoller()}. */
  private static final AtomicBoolean JDK_POLLER_WARMED = new AtomicBoolean();

  // immutable state
  private final Consumer<SelectionKey> onReady = this::ready;

  // mutable state
  /** Opened on the first wait, so that a loop without I/O holds no file descriptors. */
  private volatile Selector selector;

  private int tasksWaitingReadable;
  private int tasksWaitingWritable;
  private int woken;
  private boolean closed;

  /*
   * Implementation notes.
   *
   * One SelectionKey per channel, attached to a Waiters object that holds at most one waiting task
   * per direction (Trio's rule: a second waiter is a BusyResourceException, since two tasks
   * receiving from one socket at once is always a bug). A wait parks the task with the
   * per-direction abort function that the Waiters object keeps, and the select callback
   * reschedules it, so the steady state allocates nothing: no lambda per wait, no selected-key
   * set (select(Consumer, timeout) hands us each ready key), no iterator.
   *
   * Interest is kept lazily, the way Netty does: after a waiter wakes, its interest bit stays set,
   * because the usual next step is "read until it would block, then wait again", and leaving the
   * bit set saves two epoll_ctl calls per wait. When the selector reports a direction nobody is
   * waiting for, we clear that bit then (one epoll_ctl), so an unread socket cannot make the loop
   * spin. OP_CONNECT and OP_WRITE share epoll's POLLOUT, and the JDK hides a POLLOUT that matches
   * no interest bit from the callback: so a write wait sets exactly one of the two and clears the
   * other, or a connected socket with a stale OP_CONNECT would keep the selector returning at once.
   *
   * Invariant: w.reader != null iff a task is parked in a read wait on w's channel (likewise
   * writer), and tasksWaitingReadable/Writable count them. Whoever clears the field (the select
   * callback, the abort function, notifyClosing) reschedules the task, exactly once.
   *
   * The selector is opened lazily; until then the loop blocks with LockSupport.parkNanos, and
   * wakeup() unparks it. The switch is safe against a concurrent wakeup(): the selector is
   * opened by a task, so it is published (volatile) before the loop next announces that it is
   * sleeping, and interruptBlock() reads it after seeing that announcement (see the Dekker pair
   * in IoManager).
   *
   * The loop may run on a virtual thread (the portable engine). On JDK 25 a virtual thread
   * blocked in Selector.select does not pin its carrier: the JDK parks it and polls the selector's
   * own epoll descriptor from its master poller (sun.nio.ch.Poller.pollSelector). See the README's
   * Engines section. SelectorIoManagerTest pins the waiting rules.
   */

  /** Creates a manager with no selector yet. */
  public SelectorIoManager() {}

  // ---- the loop's side

  @Override
  protected boolean blockOnce(double timeoutSeconds) {
    Selector s = selector;
    if (s == null) {
      ParkingIoManager.park(this, timeoutSeconds);
      return false;
    }
    woken = 0;
    try {
      if (timeoutSeconds >= MAX_WAIT_SECONDS) {
        s.select(onReady);
      } else {
        // select's timeout is in whole milliseconds and 0 means "forever": round up.
        s.select(onReady, Math.max(1, (long) Math.ceil(timeoutSeconds * 1e3)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the loop's selector failed", e);
    }
    return woken > 0;
  }

  @Override
  protected boolean poll() {
    Selector s = selector;
    if (s == null || tasksWaitingReadable + tasksWaitingWritable == 0) {
      // Nobody to wake: stale interest and closed channels wait for the next block.
      return false;
    }
    woken = 0;
    try {
      s.selectNow(onReady);
    } catch (IOException e) {
      throw new UncheckedIOException("the loop's selector failed", e);
    }
    return woken > 0;
  }

  @Override
  protected void interruptBlock(Thread sleeper) {
    Selector s = selector;
    if (s != null) {
      s.wakeup();
    } else {
      LockSupport.unpark(sleeper);
    }
  }

  /** Closes the selector, which deregisters every channel. Called once the loop has no task. */
  @Override
  public void close() {
    closed = true;
    Selector s = selector;
    if (s != null) {
      assert tasksWaitingReadable + tasksWaitingWritable == 0 : "I/O waiters outlived the loop";
      try {
        s.close();
      } catch (IOException e) {
        System.getLogger("dev.weft")
            .log(System.Logger.Level.WARNING, "closing the loop's selector failed", e);
      }
    }
  }

  private void ready(SelectionKey key) {
    Waiters w = (Waiters) key.attachment();
    int ready;
    try {
      ready = key.readyOps();
    } catch (CancelledKeyException e) {
      return;
    }
    if ((ready & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
      if (w.reader != null) {
        Task t = w.reader;
        w.reader = null;
        tasksWaitingReadable--;
        woken++;
        Scheduling.reschedule(t, null);
      } else {
        drop(key, SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
      }
    }
    if ((ready & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
      if (w.writer != null) {
        Task t = w.writer;
        w.writer = null;
        tasksWaitingWritable--;
        woken++;
        Scheduling.reschedule(t, null);
      } else {
        drop(key, SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT);
      }
    }
  }

  private static void drop(SelectionKey key, int ops) {
    if (key.isValid()) {
      key.interestOps(key.interestOps() & ~ops);
    }
  }

  // ---- the tasks' side

  /**
   * Parks the current task until the channel is readable (or acceptable).
   *
   * @param channel a channel in non-blocking mode
   * @param api the public method, for error messages
   */
  public void waitReadable(SelectableChannel channel, String api) {
    await(channel, false, api);
  }

  /**
   * Parks the current task until the channel is writable (or, while connecting, connected).
   *
   * @param channel a channel in non-blocking mode
   * @param api the public method, for error messages
   */
  public void waitWritable(SelectableChannel channel, String api) {
    await(channel, true, api);
  }

  private void await(SelectableChannel channel, boolean write, String api) {
    Objects.requireNonNull(channel, "channel");
    Task me = Scheduling.currentTask();
    if (!channel.isOpen()) {
      throw new ClosedResourceException(
          api + ": the channel " + channel + " is closed; a closed channel never becomes ready");
    }
    if (channel.isBlocking()) {
      throw new IllegalArgumentException(
          api + ": the channel " + channel + " is in blocking mode; call "
              + "channel.configureBlocking(false) before waiting for it in a weft loop");
    }
    int op = opFor(channel, write, api);
    SelectionKey key = keyFor(channel, api);
    Waiters w = (Waiters) key.attachment();
    Task other = write ? w.writer : w.reader;
    if (other != null) {
      throw new BusyResourceException(
          api + ": task '" + other.name() + "' is already waiting for " + channel + " to become "
              + (write ? "writable" : "readable")
              + "; only one task may wait per direction. Let one task do the "
              + (write ? "sending" : "receiving") + ", or guard the channel with a Lock.");
    }
    int interest = key.interestOps();
    int wanted =
        write
            ? (interest & ~(SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) | op
            : interest | op;
    if (wanted != interest) {
      key.interestOps(wanted);
    }
    AbortFunction abort;
    if (write) {
      w.writer = me;
      tasksWaitingWritable++;
      abort = w.abortWrite;
    } else {
      w.reader = me;
      tasksWaitingReadable++;
      abort = w.abortRead;
    }
    Scheduling.waitTaskRescheduled(abort);
  }

  private static int opFor(SelectableChannel channel, boolean write, String api) {
    int valid = channel.validOps();
    int op;
    if (write) {
      op =
          channel instanceof SocketChannel sc && sc.isConnectionPending()
              ? SelectionKey.OP_CONNECT
              : SelectionKey.OP_WRITE;
    } else {
      op = (valid & SelectionKey.OP_ACCEPT) != 0 ? SelectionKey.OP_ACCEPT : SelectionKey.OP_READ;
    }
    if ((valid & op) == 0) {
      throw new IllegalArgumentException(
          api + ": " + channel + " can never become " + (write ? "writable" : "readable"));
    }
    return op;
  }

  private SelectionKey keyFor(SelectableChannel channel, String api) {
    if (closed) {
      throw new IllegalStateException(api + ": the loop is closed");
    }
    Selector s = selector;
    if (s == null) {
      warmUpJdkPoller();
      try {
        s = Selector.open();
      } catch (IOException e) {
        throw new UncheckedIOException(api + ": cannot open the loop's selector", e);
      }
      selector = s;
    }
    SelectionKey key = channel.keyFor(s);
    if (key != null && key.isValid()) {
      return key;
    }
    if (key != null) {
      // Cancelled by notifyClosing, but the selector has not deregistered it yet: a selection
      // operation does, and registering before that throws CancelledKeyException. The ready
      // keys it finds are handled as in any other select.
      try {
        s.selectNow(onReady);
      } catch (IOException e) {
        throw new UncheckedIOException("the loop's selector failed", e);
      }
    }
    try {
      return channel.register(s, 0, new Waiters(this));
    } catch (IOException e) {
      throw new UncheckedIOException(api + ": cannot register " + channel, e);
    }
  }

  /**
   * Wakes the tasks waiting on a channel that is about to be closed with {@link
   * ClosedResourceException}, and stops watching it.
   *
   * @param channel the channel
   * @param api the public method, for error messages
   */
  public void notifyClosing(SelectableChannel channel, String api) {
    Objects.requireNonNull(channel, "channel");
    Scheduling.currentTask();
    Selector s = selector;
    if (s == null) {
      return;
    }
    SelectionKey key = channel.keyFor(s);
    if (key == null) {
      return;
    }
    Waiters w = (Waiters) key.attachment();
    if (w.reader != null) {
      Task t = w.reader;
      w.reader = null;
      tasksWaitingReadable--;
      Scheduling.rescheduleWithError(t, closedWhileWaiting(channel, "readable", api));
    }
    if (w.writer != null) {
      Task t = w.writer;
      w.writer = null;
      tasksWaitingWritable--;
      Scheduling.rescheduleWithError(t, closedWhileWaiting(channel, "writable", api));
    }
    key.cancel();
  }

  private static ClosedResourceException closedWhileWaiting(
      SelectableChannel channel, String what, String api) {
    return new ClosedResourceException(
        "another task closed " + channel + " (" + api + ") while this task waited for it to "
            + "become " + what);
  }

  /** {@return a snapshot of the waiters and registrations} */
  public IoStatistics statistics() {
    int registered = 0;
    Selector s = selector;
    if (s != null && s.isOpen()) {
      for (SelectionKey k : s.keys()) {
        if (k.isValid()) {
          registered++;
        }
      }
    }
    return new IoStatistics(registered, tasksWaitingReadable, tasksWaitingWritable);
  }

  /** The tasks waiting on one channel, and the abort functions that undo their waits. */
  private static final class Waiters {
    // immutable state
    final AbortFunction abortRead;
    final AbortFunction abortWrite;

    // mutable state
    Task reader;
    Task writer;

    Waiters(SelectorIoManager io) {
      // Made once per channel, so that a wait allocates no lambda.
      this.abortRead =
          cancel -> {
            reader = null;
            io.tasksWaitingReadable--;
            return Abort.SUCCEEDED;
          };
      this.abortWrite =
          cancel -> {
            writer = null;
            io.tasksWaitingWritable--;
            return Abort.SUCCEEDED;
          };
    }
  }

  /** One short select on a throwaway selector: what initializes the JDK's poller. */
  private static void selectOnce() {
    try (Selector s = Selector.open()) {
      s.select(1);
    } catch (IOException | RuntimeException e) {
      // Nothing lost: the loop's own first select would initialize it later.
    }
  }

  /**
   * Starts initializing the JDK's virtual-thread poller once per JVM, when the first selector
   * opens.
   *
   * <p>A virtual thread that blocks in {@code Selector.select} (the portable engine's loop) goes
   * through {@code sun.nio.ch.Poller}, whose class initializer opens the JDK's own epoll
   * descriptors. Left to the loop's first blocking select, that can happen when the process is
   * out of descriptors (a server's first idle moment may come in a connection storm), and then the
   * initializer fails and takes the loop with it. FdExhaustionTest caught it. A throwaway virtual
   * thread doing one short select initializes it early. Nobody waits for it: a task blocked in
   * join (worse, in a class initializer) would pin its carrier, and with one carrier (a process
   * pinned to one CPU) the warm-up thread could then never run.
   */
  private static void warmUpJdkPoller() {
    if (JDK_POLLER_WARMED.compareAndSet(false, true)) {
      Thread.ofVirtual().name("weft-poller-warm-up").start(SelectorIoManager::selectOnce);
    }
  }
}
