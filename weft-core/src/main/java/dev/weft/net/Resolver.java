package dev.weft.net;

import dev.weft.lowlevel.Abort;
import dev.weft.lowlevel.RunToken;
import dev.weft.lowlevel.Scheduling;
import dev.weft.lowlevel.Task;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Name resolution that does not block the loop: getaddrinfo runs on a virtual thread of its own. */
final class Resolver {
  private Resolver() {}

  /*
   * Implementation notes.
   *
   * InetAddress.getAllByName is a blocking native call: on the fast engine it would stall the
   * loop's own thread (the task's carrier), on the portable engine it would hold the turn. Trio
   * runs getaddrinfo in a worker thread (trio.to_thread, cancellable); so do we, on a fresh
   * virtual thread, and hand the answer back through the loop's RunToken. A cancelled caller
   * stops waiting at once; the lookup finishes on its own and its answer is dropped. Literal
   * addresses ("127.0.0.1", "::1") need no lookup and no thread.
   */

  /**
   * Resolves a host name to its addresses, in the resolver's order.
   *
   * <p>A checkpoint when it has to look the name up; none for a literal address.
   *
   * @param host a name or a literal address
   * @param port the port, for the error message
   * @param api the public method, for the error message
   * @return one or more addresses
   * @throws UnknownHostException if the name cannot be resolved; the message names host and port
   */
  static List<InetAddress> resolve(String host, int port, String api) throws UnknownHostException {
    try {
      return List.of(InetAddress.ofLiteral(host));
    } catch (IllegalArgumentException notLiteral) {
      // a name: look it up
    }
    Task me = Scheduling.currentTask();
    RunToken token = Scheduling.currentRunToken();
    boolean[] abandoned = new boolean[1]; // loop-confined: read and written on the loop only
    Thread.ofVirtual()
        .name("weft-resolve " + host)
        .start(
            () -> {
              Object answer;
              try {
                answer = InetAddress.getAllByName(host);
              } catch (Throwable t) {
                answer = t;
              }
              Object a = answer;
              // false: the caller was cancelled and its loop has ended; nobody wants the answer.
              token.tryRunSyncSoon(
                  () -> {
                    if (!abandoned[0]) {
                      Scheduling.reschedule(me, a);
                    }
                  });
            });
    Object answer =
        Scheduling.waitTaskRescheduled(
            cancel -> {
              abandoned[0] = true;
              return Abort.SUCCEEDED;
            });
    if (answer instanceof InetAddress[] all && all.length > 0) {
      return List.of(all);
    }
    UnknownHostException e =
        new UnknownHostException(
            api + ": cannot resolve host '" + host + "' (port " + port + ")"
                + (answer instanceof Throwable t ? ": " + t.getMessage() : ": no addresses"));
    if (answer instanceof Throwable t) {
      e.initCause(t);
    }
    throw e;
  }
}
