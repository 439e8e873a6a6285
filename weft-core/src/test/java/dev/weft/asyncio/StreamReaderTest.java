package dev.weft.asyncio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Nursery;
import dev.weft.cancel.CancelScope;
import dev.weft.lowlevel.Scheduling;
import dev.weft.net.SocketListener;
import dev.weft.net.SocketStream;
import dev.weft.net.Tcp;
import dev.weft.testing.Checkpoints;
import dev.weft.testing.WeftTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * StreamReader over a real loopback connection, after CPython's test_streams.py: read, readline,
 * readexactly, readuntil, limits, EOF, cancellation that loses nothing, and line iteration. No
 * timers, so the autojumping MockClock never moves.
 */
class StreamReaderTest {
  /** A connection: we write raw bytes on {@code peer} and read through {@code reader}. */
  record Conn(SocketStream peer, SocketStream mine, StreamReader reader) implements AutoCloseable {
    static Conn open(int limit) throws Exception {
      try (SocketListener l = Tcp.openListeners(0, "127.0.0.1").get(0)) {
        SocketStream peer = Tcp.openStream("127.0.0.1", l.localAddress().getPort());
        SocketStream mine = l.accept();
        return new Conn(peer, mine, new StreamReader(mine, limit));
      }
    }

    void feed(String s) {
      peer.sendAll(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() {
      peer.close();
      mine.close();
    }
  }

  static String str(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /** read(n) returns what is there, up to n; read(-1) reads to the end; EOF gives empty. */
  @WeftTest
  void testRead() throws Exception {
    try (Conn c = Conn.open(StreamReader.DEFAULT_LIMIT)) {
      c.feed("hello world");
      assertEquals("hello", str(c.reader().readexactly(5)));
      assertEquals("", str(c.reader().read(0)));
      assertEquals(" world", str(c.reader().read(100)));
      c.feed("rest");
      c.peer().sendEof();
      assertEquals("rest", str(c.reader().read(-1)));
      assertTrue(c.reader().atEof());
      assertEquals(0, c.reader().read(10).length);
    }
  }

  /** readline returns lines with their newline, and the unterminated tail at EOF. */
  @WeftTest
  void testReadlineAndIteration() throws Exception {
    try (Conn c = Conn.open(StreamReader.DEFAULT_LIMIT)) {
      c.feed("line1\nline2\nlast");
      c.peer().sendEof();
      List<String> lines = new ArrayList<>();
      for (byte[] line : c.reader()) {
        lines.add(str(line));
      }
      assertEquals(List.of("line1\n", "line2\n", "last"), lines);
      assertEquals(0, c.reader().readline().length);
    }
  }

  /** readuntil with a multi-byte separator, across several receives. */
  @WeftTest
  void testReaduntil() throws Exception {
    try (Conn c = Conn.open(StreamReader.DEFAULT_LIMIT)) {
      Nursery.open(
          n -> {
            n.startSoon(
                () -> {
                  Scheduling.awaitAllTasksBlocked(Duration.ZERO);
                  c.feed("aa\r");
                  Scheduling.awaitAllTasksBlocked(Duration.ZERO);
                  c.feed("\nbb\r\n");
                });
            assertEquals("aa\r\n", str(c.reader().readuntil(new byte[] {'\r', '\n'})));
          });
      assertEquals("bb\r\n", str(c.reader().readuntil(new byte[] {'\r', '\n'})));
      assertThrows(IllegalArgumentException.class, () -> c.reader().readuntil(new byte[0]));
    }
  }

  /** readexactly at EOF: IncompleteReadException with the partial bytes and the count wanted. */
  @WeftTest
  void testReadexactlyIncomplete() throws Exception {
    try (Conn c = Conn.open(StreamReader.DEFAULT_LIMIT)) {
      c.feed("abc");
      c.peer().sendEof();
      IncompleteReadException e =
          assertThrows(IncompleteReadException.class, () -> c.reader().readexactly(10));
      assertEquals("abc", str(e.partial()));
      assertEquals(10, e.expected().getAsInt());
      assertThrows(IllegalArgumentException.class, () -> c.reader().readexactly(-1));
    }
  }

  /** CPython's test_readuntil_limit_found_sep / readline_limit: overrun keeps or drops as asyncio. */
  @WeftTest
  void testLimitOverrun() throws Exception {
    try (Conn c = Conn.open(7)) {
      c.feed("some dataAAA");
      LimitOverrunException e =
          assertThrows(LimitOverrunException.class, () -> c.reader().readuntil("AAA".getBytes()));
      assertTrue(e.getMessage().contains("limit of 7"), e.getMessage());
      // readuntil leaves the bytes: they are all still there.
      assertEquals("some dataAAA", str(c.reader().readexactly(12)));
      c.feed("0123456789\nnext\n");
      assertThrows(LimitOverrunException.class, () -> c.reader().readline());
      // readline dropped the long line through its newline
      assertEquals("next\n", str(c.reader().readline()));
    }
  }

  /** A read cancelled while waiting loses nothing; a readexactly cancelled midway keeps its part. */
  @WeftTest
  void testCancelledReadsLoseNothing() throws Exception {
    try (Conn c = Conn.open(StreamReader.DEFAULT_LIMIT)) {
      CancelScope scope = new CancelScope();
      Nursery.open(
          n -> {
            n.startSoon(() -> scope.run(() -> c.reader().readexactly(6)));
            Scheduling.awaitAllTasksBlocked(Duration.ZERO);
            c.feed("abc");
            Scheduling.awaitAllTasksBlocked(Duration.ZERO);
            scope.cancel();
          });
      assertTrue(scope.cancelledCaught());
      c.feed("def");
      assertEquals("abcdef", str(c.reader().readexactly(6)));
      assertFalse(c.reader().atEof());
    }
  }

  /** Every read is a checkpoint, also with bytes buffered. */
  @WeftTest
  void testCheckpoints() throws Exception {
    try (Conn c = Conn.open(StreamReader.DEFAULT_LIMIT)) {
      c.feed("a\nb\nc\nd\neeee");
      Checkpoints.assertCheckpoints(() -> c.reader().readline());
      Checkpoints.assertCheckpoints(() -> c.reader().readline());
      Checkpoints.assertCheckpoints(() -> c.reader().read(2));
      Checkpoints.assertCheckpoints(() -> c.reader().readuntil("\n".getBytes()));
      Checkpoints.assertCheckpoints(() -> c.reader().readexactly(4));
    }
  }

  /** Bad limits are refused. */
  @WeftTest
  void testBadLimit() throws Exception {
    try (Conn c = Conn.open(1)) {
      assertThrows(IllegalArgumentException.class, () -> new StreamReader(c.mine(), 0));
      assertArrayEquals(new byte[0], c.reader().read(0));
    }
  }
}
