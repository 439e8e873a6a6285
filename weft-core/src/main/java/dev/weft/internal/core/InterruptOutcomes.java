package dev.weft.internal.core;

import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileLockInterruptionException;
import java.util.IdentityHashMap;

/**
 * Recognises the exceptions with which blocking JDK code reports that its thread was interrupted,
 * so that an interrupt weft sent for a cancellation can come out as that cancellation.
 */
final class InterruptOutcomes {
  /** How far down a cause chain we look: user code wraps once or twice, not more. */
  private static final int MAX_DEPTH = 8;

  /** {@code java.net.Socket} on a virtual thread (NioSocketImpl) closes itself and says this. */
  private static final String SOCKET_CLOSED_BY_INTERRUPT = "Closed by interrupt";

  /*
   * Implementation notes.
   *
   * The JDK has no one type for "interrupted": Thread.sleep, Object.wait, the j.u.c waits and
   * HttpClient.send throw InterruptedException; interruptible channels (SocketChannel,
   * FileChannel) close and throw ClosedByInterruptException; java.net.Socket on a virtual thread
   * closes and throws a plain SocketException("Closed by interrupt"); classic streams may throw
   * InterruptedIOException, whose subclass SocketTimeoutException is a timeout, not an interrupt.
   * Code in between often wraps the exception (new RuntimeException(e), UncheckedIOException), so
   * the cause chain is searched too. This is only ever asked about a task that weft itself has
   * interrupted for a cancellation (TaskImpl#asCancellation), so the SocketException message test
   * cannot turn an unrelated failure into a cancellation of an uncancelled task. See
   * BlockingCallCancellationTest.
   */

  private InterruptOutcomes() {}

  /** {@return whether {@code t}, or one of its causes, reports an interrupted blocking call} */
  static boolean isInterruptOutcome(Throwable t) {
    IdentityHashMap<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (int depth = 0; t != null && depth < MAX_DEPTH && seen.put(t, Boolean.TRUE) == null; depth++) {
      if (t instanceof InterruptedException
          || t instanceof ClosedByInterruptException
          || t instanceof FileLockInterruptionException
          || (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException))
          || (t instanceof SocketException && SOCKET_CLOSED_BY_INTERRUPT.equals(t.getMessage()))) {
        return true;
      }
      t = t.getCause();
    }
    return false;
  }
}
