package dev.weft.asyncio;

import dev.weft.Checkpoint;
import dev.weft.lowlevel.LoopConfinement;
import dev.weft.lowlevel.Scheduling;
import dev.weft.stream.ReceiveStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The incoming side of a connection, asyncio style: {@code read}, {@code readline}, {@code
 * readexactly}, {@code readuntil}, {@code atEof}, and iteration over lines ({@code async for line
 * in reader}). Made by {@link Asyncio#openConnection} and {@link Asyncio#startServer}, over a
 * weft {@link ReceiveStream}.
 *
 * <h2>Usage</h2>
 *
 * {@snippet lang=java :
 * StreamPair c = Asyncio.openConnection("127.0.0.1", 8888);
 * byte[] data = c.reader().read(100);              // up to 100 bytes; empty at the end
 * for (byte[] line : c.reader()) { ... }           // async for line in reader: ends at EOF
 * }
 *
 * <h2>Checkpoints and cancellation</h2>
 *
 * Every read method is a checkpoint, even when the bytes are buffered already (asyncio's may
 * return without suspending). A cancelled read leaves every byte that arrived in the reader, for
 * the next read, as in asyncio. One task at a time may read ({@link
 * dev.weft.BusyResourceException}, where asyncio raises {@code RuntimeError}).
 *
 * <h2>Differences from asyncio</h2>
 *
 * asyncio's transport reads from the socket all the time, up to twice the limit, then pauses;
 * this reader reads from its stream only when a read needs more bytes, so an idle connection holds
 * nothing but what the kernel holds. {@code readline} throws {@link LimitOverrunException} (after
 * dropping the bytes, as asyncio does) where asyncio raises {@code ValueError}.
 */
public final class StreamReader implements Iterable<byte[]> {
  /** asyncio's default limit: 64 KiB. */
  public static final int DEFAULT_LIMIT = 64 * 1024;

  private static final byte[] EMPTY = new byte[0];
  private static final byte[] NEWLINE = {'\n'};

  // immutable state
  private final ReceiveStream stream;
  private final int limit;
  private final LoopConfinement confinement = LoopConfinement.ofCurrentLoop();

  // mutable state
  /** Buffered bytes are buf[start, end). */
  private byte[] buf = new byte[1024];

  private int start;
  private int end;
  private boolean eof;
  /** Whether the current read has been through a receive (and so has had its checkpoint). */
  private boolean filled;

  /*
   * Implementation notes.
   *
   * The buffer grows (doubling) as needed, and is compacted before it grows. Each public read is
   * one checkpoint at least: a cancel point first, then either the stream's receiveSome (a full
   * checkpoint) when it needs bytes, or a cancel-shielded schedule point at the end when it had
   * them already. Bytes move from the stream into the buffer before anything can be cancelled, so
   * a cancellation never loses data (CPython's test_streams cases for readexactly/readuntil
   * cancelled midway). See StreamReaderTest.
   */

  /**
   * Creates a reader over a stream, with asyncio's default limit of 64 KiB.
   *
   * @param stream where the bytes come from
   */
  public StreamReader(ReceiveStream stream) {
    this(stream, DEFAULT_LIMIT);
  }

  /**
   * Creates a reader over a stream.
   *
   * @param stream where the bytes come from
   * @param limit the longest line or {@code readuntil} chunk, 1 or more
   * @throws IllegalArgumentException if the limit is less than 1
   */
  public StreamReader(ReceiveStream stream, int limit) {
    this.stream = Objects.requireNonNull(stream, "stream");
    if (limit < 1) {
      throw new IllegalArgumentException("StreamReader: the limit must be 1 or more, not " + limit);
    }
    this.limit = limit;
  }

  /** {@return the limit for lines and {@code readuntil} chunks} */
  public int limit() {
    return limit;
  }

  /**
   * Reads up to {@code n} bytes; with {@code n} = -1 (or less), reads to the end of the stream.
   * Waits only if nothing is buffered. Returns an empty array at the end of the stream.
   *
   * <p>This method is a checkpoint.
   *
   * @param n the most bytes to return, or -1 for all until the end
   * @return the bytes; empty at the end of the stream (or for {@code n} = 0)
   */
  @Checkpoint
  public byte[] read(int n) {
    begin("StreamReader.read");
    if (n < 0) {
      while (!eof) {
        fill();
      }
      return finish(take(end - start));
    }
    if (n > 0 && start == end && !eof) {
      fill();
    }
    return finish(take(Math.min(n, end - start)));
  }

  /**
   * Reads one line, through its {@code \n}; at the end of the stream, what is left (possibly
   * nothing, which means the stream has ended).
   *
   * <p>This method is a checkpoint.
   *
   * @return the line, with its {@code \n} unless the stream ended first; empty at the end
   * @throws LimitOverrunException if no {@code \n} comes within the limit; the bytes up to and
   *     including a {@code \n} found later (or all buffered bytes) are dropped
   */
  @Checkpoint
  public byte[] readline() {
    try {
      return readuntil(NEWLINE);
    } catch (IncompleteReadException e) {
      return e.partial;
    } catch (LimitOverrunException e) {
      if (end - start > e.consumed() && buf[start + e.consumed()] == '\n') {
        start += e.consumed() + 1;
      } else {
        start = end;
      }
      throw e;
    }
  }

  /**
   * Reads exactly {@code n} bytes.
   *
   * <p>This method is a checkpoint.
   *
   * @param n how many, 0 or more
   * @return the bytes
   * @throws IncompleteReadException if the stream ends first; it holds the bytes that came
   * @throws IllegalArgumentException if {@code n} is negative
   */
  @Checkpoint
  public byte[] readexactly(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("StreamReader.readexactly: n cannot be negative: " + n);
    }
    begin("StreamReader.readexactly");
    while (end - start < n) {
      if (eof) {
        byte[] partial = take(end - start);
        throw new IncompleteReadException(partial, n);
      }
      fill();
    }
    return finish(take(n));
  }

  /**
   * Reads up to and including {@code separator}.
   *
   * <p>This method is a checkpoint.
   *
   * @param separator one or more bytes
   * @return the bytes, ending with the separator
   * @throws LimitOverrunException if the separator is not found within the limit; the bytes stay
   *     in the reader
   * @throws IncompleteReadException if the stream ends first; it holds (and the reader drops)
   *     what came
   * @throws IllegalArgumentException if the separator is empty
   */
  @Checkpoint
  public byte[] readuntil(byte[] separator) {
    Objects.requireNonNull(separator, "separator");
    int seplen = separator.length;
    if (seplen == 0) {
      throw new IllegalArgumentException(
          "StreamReader.readuntil: the separator must be at least one byte");
    }
    begin("StreamReader.readuntil");
    int offset = 0;
    int isep;
    while (true) {
      int buflen = end - start;
      if (buflen - offset >= seplen) {
        isep = indexOf(separator, offset);
        if (isep != -1) {
          break;
        }
        offset = buflen + 1 - seplen;
        if (offset > limit) {
          throw new LimitOverrunException(
              "StreamReader.readuntil: the separator is not found, and the chunk exceeds the "
                  + "limit of " + limit + " bytes",
              offset);
        }
      }
      if (eof) {
        throw new IncompleteReadException(take(end - start), -1);
      }
      fill();
    }
    if (isep > limit) {
      throw new LimitOverrunException(
          "StreamReader.readuntil: the separator is found, but the chunk is longer than the "
              + "limit of " + limit + " bytes",
          isep);
    }
    return finish(take(isep + seplen));
  }

  /** {@return whether the stream has ended and every byte has been read} Not a checkpoint. */
  public boolean atEof() {
    return eof && start == end;
  }

  /**
   * {@return an iterator over the lines, as {@code readline} returns them, until the end of the
   * stream} Its {@code hasNext()} reads the next line, so it is a checkpoint.
   */
  @Override
  public Iterator<byte[]> iterator() {
    return new Iterator<>() {
      private byte[] next;

      @Override
      public boolean hasNext() {
        if (next == null) {
          next = readline();
        }
        return next.length > 0;
      }

      @Override
      public byte[] next() {
        if (!hasNext()) {
          throw new NoSuchElementException("the stream has ended");
        }
        byte[] line = next;
        next = null;
        return line;
      }
    };
  }

  // ---- internals

  private void begin(String api) {
    confinement.check(api);
    Scheduling.checkpointIfCancelled();
    filled = false;
  }

  private byte[] finish(byte[] out) {
    if (!filled) {
      Scheduling.cancelShieldedCheckpoint();
    }
    return out;
  }

  /** Receives more bytes (or the end) from the stream: a checkpoint. */
  private void fill() {
    if (end == buf.length) {
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
      } else {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
    }
    filled = true;
    int n = stream.receiveSome(ByteBuffer.wrap(buf, end, buf.length - end));
    if (n < 0) {
      eof = true;
    } else {
      end += n;
    }
  }

  private byte[] take(int n) {
    if (n == 0) {
      return EMPTY;
    }
    byte[] out = Arrays.copyOfRange(buf, start, start + n);
    start += n;
    if (start == end) {
      start = 0;
      end = 0;
    }
    return out;
  }

  private int indexOf(byte[] sep, int from) {
    outer:
    for (int i = start + from; i <= end - sep.length; i++) {
      for (int j = 0; j < sep.length; j++) {
        if (buf[i + j] != sep[j]) {
          continue outer;
        }
      }
      return i - start;
    }
    return -1;
  }

  @Override
  public String toString() {
    return "StreamReader[" + (end - start) + " bytes buffered" + (eof ? ", eof" : "")
        + ", limit=" + limit + ", " + stream + "]";
  }
}
