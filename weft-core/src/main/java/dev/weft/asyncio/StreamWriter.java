package dev.weft.asyncio;

import dev.weft.BrokenResourceException;
import dev.weft.Checkpoint;
import dev.weft.ClosedResourceException;
import dev.weft.cancel.CancelledError;
import dev.weft.lowlevel.LoopConfinement;
import dev.weft.lowlevel.ParkingLot;
import dev.weft.lowlevel.Scheduling;
import dev.weft.net.SocketStream;
import dev.weft.stream.HalfCloseableStream;
import dev.weft.stream.SendStream;
import dev.weft.sync.Event;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The outgoing side of a connection, asyncio style: {@code write} never blocks, {@code drain}
 * waits while too much is buffered, {@code close} flushes then closes. Made by {@link
 * Asyncio#openConnection} and {@link Asyncio#startServer}, over a weft {@link SendStream}.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * writer.write(data);          // queued, or sent at once
 * writer.drain();              // waits while more than the high-water mark is queued
 * writer.close();              // sends what is queued, then closes
 * writer.waitClosed();
 * }
 *
 * <h2>Buffering</h2>
 *
 * {@link #write} sends at once what the socket takes and queues the rest; a task of the loop sends
 * the queue in the background. {@link #drain} returns at once while at most the high-water mark
 * (64 KiB) is queued, and otherwise waits until the queue is down to the low-water mark (16 KiB):
 * asyncio's flow control, so a writer that drains after each write uses bounded memory however
 * slow the reader is.
 *
 * <h2>Errors</h2>
 *
 * If the connection fails, writes are dropped (asyncio ignores them too) and {@link #drain} throws
 * the {@link BrokenResourceException}. {@code write} after {@code close} or {@code writeEof}
 * throws {@link ClosedResourceException}.
 */
public final class StreamWriter {
  /** asyncio's default high-water mark: 64 KiB. */
  public static final int DEFAULT_HIGH_WATER = 64 * 1024;

  // immutable state
  private final SendStream stream;
  private final StreamReader reader;
  private final ParkingLot drainers = new ParkingLot();
  private final Event closed = new Event();
  private final LoopConfinement confinement = LoopConfinement.ofCurrentLoop();

  // mutable state
  /** Queued bytes are queue[qStart, qEnd). */
  private byte[] queue = new byte[0];

  private int qStart;
  private int qEnd;
  private int highWater = DEFAULT_HIGH_WATER;
  private int lowWater = DEFAULT_HIGH_WATER / 4;
  private boolean flusherRunning;
  private boolean eofRequested;
  private boolean closeRequested;
  private RuntimeException failure;

  /*
   * Implementation notes.
   *
   * write() is asyncio's transport.write(): when nothing is queued it tries the socket at once
   * (SocketStream.trySend, no checkpoint) and queues only what the kernel did not take. A queue
   * that is not empty, a pending writeEof or a pending close is handled by one flusher: a system
   * task started on demand and ending when there is nothing left, so a writer whose writes always
   * fit (the usual case) costs no task at all. The flusher sends in chunks of at most the
   * high-water mark and wakes the drainers once the queue is at or below the low-water mark. It
   * catches every failure (a system task's failure would crash the run) and keeps it for drain().
   * Order: writes that arrive while the queue is not empty are queued behind it, never sent
   * directly. See StreamWriterTest.
   */

  /**
   * Creates a writer over a stream.
   *
   * @param stream where the bytes go
   * @param reader the connection's reader, for {@code get_extra_info}-style questions; may be null
   */
  public StreamWriter(SendStream stream, StreamReader reader) {
    this.stream = Objects.requireNonNull(stream, "stream");
    this.reader = reader;
  }

  /** {@return the connection's reader, if it was given one} */
  public StreamReader reader() {
    return reader;
  }

  /**
   * Sends {@code data}: at once as far as the socket takes it, the rest in the background. Never
   * blocks and is not a checkpoint; call {@link #drain()} to wait when much is queued.
   *
   * @param data the bytes (copied if they must be queued)
   * @throws ClosedResourceException if {@link #close()} or {@link #writeEof()} was called
   */
  public void write(byte[] data) {
    Objects.requireNonNull(data, "data");
    confinement.check("StreamWriter.write");
    if (closeRequested || eofRequested) {
      throw new ClosedResourceException(
          "StreamWriter.write: the writer is " + (closeRequested ? "closing" : "past writeEof()")
              + "; nothing more can be written");
    }
    if (failure != null || data.length == 0) {
      return; // asyncio drops writes to a lost connection; drain() reports the failure
    }
    int off = 0;
    if (qStart == qEnd && !flusherRunning && stream instanceof SocketStream s) {
      try {
        off = s.trySend(ByteBuffer.wrap(data));
      } catch (RuntimeException e) {
        failure = e;
        return;
      }
    }
    if (off < data.length) {
      enqueue(data, off, data.length - off);
      startFlusher();
    }
  }

  /**
   * Writes each of the chunks, in order (asyncio's {@code writelines}). Not a checkpoint.
   *
   * @param chunks the byte arrays
   * @throws ClosedResourceException if the writer is closing
   */
  public void writelines(List<byte[]> chunks) {
    for (byte[] c : chunks) {
      write(c);
    }
  }

  /**
   * Waits while more than the high-water mark is queued, until the queue is down to the
   * low-water mark; returns at once otherwise.
   *
   * <p>This method is a checkpoint.
   *
   * @throws BrokenResourceException if the connection has failed
   */
  @Checkpoint
  public void drain() {
    confinement.check("StreamWriter.drain");
    Scheduling.checkpointIfCancelled();
    boolean waited = false;
    while (failure == null && qEnd - qStart > highWater) {
      drainers.park();
      waited = true;
    }
    if (!waited) {
      Scheduling.cancelShieldedCheckpoint();
    }
    if (failure != null) {
      throw failure instanceof BrokenResourceException b
          ? b
          : new BrokenResourceException("StreamWriter.drain: the connection failed", failure);
    }
  }

  /**
   * Sets the flow-control marks (asyncio's {@code transport.set_write_buffer_limits}).
   *
   * @param high {@link #drain()} waits while more than this is queued
   * @param low until the queue is down to this
   * @throws IllegalArgumentException unless {@code 0 <= low <= high}
   */
  public void setWriteBufferLimits(int high, int low) {
    if (low < 0 || low > high) {
      throw new IllegalArgumentException(
          "StreamWriter.setWriteBufferLimits: need 0 <= low <= high, not high=" + high
              + ", low=" + low);
    }
    highWater = high;
    lowWater = low;
    wakeDrainersIfLow();
  }

  /** {@return how many bytes are queued (asyncio's {@code transport.get_write_buffer_size()})} */
  public int writeBufferSize() {
    return qEnd - qStart;
  }

  /** {@return whether the stream can be half-closed with {@link #writeEof()}} */
  public boolean canWriteEof() {
    return stream instanceof HalfCloseableStream;
  }

  /**
   * Closes the sending side once everything queued is sent; the peer then sees the end of the
   * stream while we can still read. Not a checkpoint.
   *
   * @throws UnsupportedOperationException if {@link #canWriteEof()} is false
   */
  public void writeEof() {
    if (!canWriteEof()) {
      throw new UnsupportedOperationException(
          "StreamWriter.writeEof: " + stream + " cannot be half-closed");
    }
    confinement.check("StreamWriter.writeEof");
    if (eofRequested || closeRequested) {
      return;
    }
    eofRequested = true;
    startFlusher();
  }

  /**
   * Closes the connection once everything queued is sent (asyncio's {@code writer.close()}).
   * Never blocks and is not a checkpoint; {@link #waitClosed()} waits for it.
   */
  public void close() {
    confinement.check("StreamWriter.close");
    if (closeRequested) {
      return;
    }
    closeRequested = true;
    if (qStart == qEnd && !flusherRunning && !eofRequested) {
      closeNow();
    } else {
      startFlusher();
    }
  }

  /** {@return whether {@link #close()} has been called} */
  public boolean isClosing() {
    return closeRequested;
  }

  /**
   * Waits until the connection is closed, after {@link #close()}.
   *
   * <p>This method is a checkpoint.
   */
  @Checkpoint
  public void waitClosed() {
    confinement.check("StreamWriter.waitClosed");
    closed.await();
  }

  /**
   * {@return information about the connection, asyncio's {@code get_extra_info(name)}}: {@code
   * "peername"} and {@code "sockname"} give an {@link InetSocketAddress}, {@code "socket"} the
   * {@link java.nio.channels.SocketChannel}; null for any other name or a stream that is not a
   * socket.
   *
   * @param name what to get
   */
  public Object getExtraInfo(String name) {
    return getExtraInfo(name, null);
  }

  /**
   * {@return information about the connection, or {@code fallback}} as {@link
   * #getExtraInfo(String)}
   *
   * @param name what to get
   * @param fallback what to return if there is no such information
   */
  public Object getExtraInfo(String name, Object fallback) {
    if (stream instanceof SocketStream s) {
      switch (name) {
        case "peername":
          return s.remoteAddress();
        case "sockname":
          return s.localAddress();
        case "socket":
          return s.channel();
        default:
          break;
      }
    }
    return fallback;
  }

  // ---- the queue and its flusher

  private void enqueue(byte[] data, int off, int len) {
    if (qEnd + len > queue.length) {
      int live = qEnd - qStart;
      byte[] bigger = live + len > queue.length ? new byte[Math.max(live + len, queue.length * 2)] : queue;
      System.arraycopy(queue, qStart, bigger, 0, live);
      queue = bigger;
      qStart = 0;
      qEnd = live;
    }
    System.arraycopy(data, off, queue, qEnd, len);
    qEnd += len;
  }

  private void startFlusher() {
    if (flusherRunning) {
      return;
    }
    flusherRunning = true;
    Scheduling.spawnSystemTask(this::flush, "stream-writer-flush");
  }

  private void flush() {
    try {
      while (qStart < qEnd) {
        int n = Math.min(qEnd - qStart, Math.max(highWater, 1));
        stream.sendAll(ByteBuffer.wrap(queue, qStart, n));
        qStart += n;
        if (qStart == qEnd) {
          qStart = 0;
          qEnd = 0;
          if (queue.length > 4 * DEFAULT_HIGH_WATER) {
            queue = new byte[0]; // do not keep a big burst's buffer for the connection's life
          }
        }
        wakeDrainersIfLow();
      }
      if (eofRequested && !closeRequested && stream instanceof HalfCloseableStream h) {
        h.sendEof();
      }
    } catch (CancelledError e) {
      failure = new BrokenResourceException("StreamWriter: the loop shut down before the data was sent", e);
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      flusherRunning = false;
      if (failure != null) {
        queue = new byte[0];
        qStart = 0;
        qEnd = 0;
        drainers.unparkAll();
      }
      if (closeRequested) {
        closeNow();
      }
    }
  }

  private void wakeDrainersIfLow() {
    if (qEnd - qStart <= lowWater) {
      drainers.unparkAll();
    }
  }

  private void closeNow() {
    stream.close();
    closed.set();
    drainers.unparkAll();
  }

  @Override
  public String toString() {
    return "StreamWriter[" + (qEnd - qStart) + " bytes queued"
        + (closeRequested ? ", closing" : "") + ", " + stream + "]";
  }
}
