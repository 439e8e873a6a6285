package dev.weft.lowlevel;

import dev.weft.Checkpoint;
import dev.weft.internal.core.Core;
import java.nio.channels.SelectableChannel;

/**
 * The loop's I/O readiness verbs (Trio's {@code trio.lowlevel.wait_readable}, {@code
 * wait_writable} and {@code notify_closing}): park the current task until a channel is ready, and
 * wake the waiters of a channel that is about to be closed.
 *
 * <p>Each loop owns a {@link java.nio.channels.Selector}; when no task is runnable the loop blocks
 * in it until a channel is ready, the next timer is due, or another thread posts to the loop's
 * {@link RunToken}. These verbs are what the socket streams of {@code dev.weft.net} are built on;
 * use them to bring another {@link SelectableChannel} (a pipe, a datagram channel) into a loop.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * channel.configureBlocking(false);
 * int n;
 * while ((n = channel.read(buffer)) == 0) {   // try first: waiting costs a trip through the loop
 *   Io.waitReadable(channel);
 * }
 * }
 *
 * <h2>Rules</h2>
 *
 * <ul>
 *   <li>The channel must be in non-blocking mode. weft registers it with the loop's selector on
 *       its first wait and keeps it registered until it is closed.
 *   <li>At most one task may wait for each direction of a channel at a time; a second one gets
 *       {@link dev.weft.BusyResourceException}.
 *   <li>Before closing a channel that a task might be waiting on, call {@link #notifyClosing}:
 *       closing a registered channel only cancels its selection key, which the selector never
 *       reports, so a task still waiting would wait for ever.
 *   <li>Readiness is a hint: after a wakeup the operation may still find nothing to do (another
 *       party got there first); try it and wait again.
 *   <li>A task waiting here is <em>blocked</em> for the MockClock's autojump and for {@link
 *       Scheduling#awaitAllTasksBlocked}, as in Trio: a test whose peer is a real socket must not
 *       rely on the virtual clock standing still while bytes are in flight.
 * </ul>
 *
 * <h2>Thread rules</h2>
 *
 * Every method must be called from a task of a running loop; from any other thread it throws
 * {@link IllegalStateException} naming the way in.
 */
public final class Io {
  private Io() {}

  /**
   * Waits until the channel is readable: data (or the end of the stream) can be read, or, for a
   * {@link java.nio.channels.ServerSocketChannel}, a connection can be accepted.
   *
   * <p>This method is a checkpoint: it always parks until the loop's next look at its selector,
   * even if the channel is readable already. If cancelled, it stops waiting and throws; the
   * channel is unchanged.
   *
   * @param channel a channel in non-blocking mode
   * @throws dev.weft.BusyResourceException if another task is already waiting for it to become
   *     readable
   * @throws dev.weft.ClosedResourceException if it is closed, or another task calls {@link
   *     #notifyClosing} on it while this one waits
   * @throws IllegalArgumentException if it is in blocking mode or can never be read
   * @throws dev.weft.cancel.CancelledError if the task is cancelled
   * @throws IllegalStateException if not called from a task
   */
  @Checkpoint
  public static void waitReadable(SelectableChannel channel) {
    Core.io("Io.waitReadable").waitReadable(channel, "Io.waitReadable");
  }

  /**
   * Waits until the channel is writable, or, for a {@link java.nio.channels.SocketChannel} whose
   * connection is pending, until the connection attempt has finished (then call {@code
   * finishConnect()}).
   *
   * <p>This method is a checkpoint, with the same rules as {@link #waitReadable}.
   *
   * @param channel a channel in non-blocking mode
   * @throws dev.weft.BusyResourceException if another task is already waiting for it to become
   *     writable
   * @throws dev.weft.ClosedResourceException if it is closed, or another task calls {@link
   *     #notifyClosing} on it while this one waits
   * @throws IllegalArgumentException if it is in blocking mode or can never be written
   * @throws dev.weft.cancel.CancelledError if the task is cancelled
   * @throws IllegalStateException if not called from a task
   */
  @Checkpoint
  public static void waitWritable(SelectableChannel channel) {
    Core.io("Io.waitWritable").waitWritable(channel, "Io.waitWritable");
  }

  /**
   * Announces that the channel is about to be closed: every task waiting for it is woken with
   * {@link dev.weft.ClosedResourceException}, and the loop stops watching it. Call it, then close
   * the channel. Never blocks and is not a checkpoint.
   *
   * @param channel the channel
   * @throws IllegalStateException if not called from a task
   */
  public static void notifyClosing(SelectableChannel channel) {
    Core.io("Io.notifyClosing").notifyClosing(channel, "Io.notifyClosing");
  }

  /**
   * {@return a snapshot of the current loop's I/O waiters and registered channels} Not a
   * checkpoint.
   *
   * @throws IllegalStateException if not called from a task
   */
  public static IoStatistics statistics() {
    return Core.io("Io.statistics").statistics();
  }
}
