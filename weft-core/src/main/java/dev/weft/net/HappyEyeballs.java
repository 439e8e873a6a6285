package dev.weft.net;

import dev.weft.Nursery;
import dev.weft.cancel.Timeouts;
import dev.weft.lowlevel.Io;
import dev.weft.sync.Event;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 8305 "happy eyeballs" connection racing, as Trio's {@code open_tcp_stream} does it: try
 * every address, start the next one when the previous attempt fails or after a stagger delay,
 * keep the first that connects, cancel and close the rest.
 */
final class HappyEyeballs {
  private HappyEyeballs() {}

  /*
   * Implementation notes.
   *
   * Trio's algorithm (trio/_highlevel_open_tcp_stream.py), step for step: the addresses are
   * reordered so that the second one is of the other family (RFC 6555 section 5.4: if the first
   * family is broken, the fallback starts after one delay, not after all of its addresses). In a
   * nursery, attempt i+1 starts when attempt i has failed (its Event) or the delay has passed,
   * whichever is first; attempts run concurrently. The first to connect becomes the winner and
   * cancels the nursery; an attempt that connects after the winner closes its own connection.
   * When all fail, one ConnectException names host, port and every attempt's cause (each also a
   * suppressed exception), where Trio raises OSError from a MultiError.
   *
   * Connecting is a parameter so that HappyEyeballsTest can replay Trio's scenarios
   * (test_open_tcp_stream.py) with scripted attempts on the MockClock.
   */

  /** Makes one connection attempt; a checkpoint; closes what it opened if it fails. */
  @FunctionalInterface
  interface Connector<C extends AutoCloseable> {
    C connect(InetSocketAddress target) throws IOException;
  }

  /** The real connector: a non-blocking SocketChannel, waited for with the loop's selector. */
  static SocketChannel connectChannel(InetSocketAddress target) throws IOException {
    SocketChannel ch =
        SocketChannel.open(
            target.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET);
    boolean ok = false;
    try {
      ch.configureBlocking(false);
      if (!ch.connect(target)) {
        do {
          Io.waitWritable(ch);
        } while (!ch.finishConnect());
      }
      ok = true;
      return ch;
    } finally {
      if (!ok) {
        Io.notifyClosing(ch);
        ch.close();
      }
    }
  }

  /** {@return the targets with the first address of the other family moved to second place} */
  static List<InetSocketAddress> reorder(List<InetSocketAddress> targets) {
    List<InetSocketAddress> out = new ArrayList<>(targets);
    boolean firstIs6 = !out.isEmpty() && out.get(0).getAddress() instanceof Inet6Address;
    for (int i = 1; i < out.size(); i++) {
      if ((out.get(i).getAddress() instanceof Inet6Address) != firstIs6) {
        if (i != 1) {
          out.add(1, out.remove(i));
        }
        break;
      }
    }
    return out;
  }

  /**
   * Races connection attempts to the targets.
   *
   * @param host the host as given, for the error message
   * @param port the port, for the error message
   * @param targets the resolved addresses, one or more
   * @param delay how long to give one attempt before starting the next
   * @param connector makes one attempt
   * @param api the public method, for the error message
   * @return the first connection made
   * @throws ConnectException if every attempt failed
   */
  static <C extends AutoCloseable> C connect(
      String host,
      int port,
      List<InetSocketAddress> targets,
      Duration delay,
      Connector<C> connector,
      String api)
      throws Exception {
    List<InetSocketAddress> order = reorder(targets);
    List<IOException> failures = new ArrayList<>();
    List<AutoCloseable> winner = new ArrayList<>(1);
    Nursery.open(
        n -> {
          Event previousFailed = null;
          for (InetSocketAddress target : order) {
            if (previousFailed != null) {
              Event f = previousFailed;
              Timeouts.moveOnAfter(delay, f::await);
            }
            Event failed = new Event();
            previousFailed = failed;
            n.startSoon(
                () -> {
                  C c;
                  try {
                    c = connector.connect(target);
                  } catch (IOException e) {
                    ConnectException named =
                        new ConnectException(
                            hostPort(target.getAddress().getHostAddress(), target.getPort())
                                + ": " + e.getMessage());
                    named.initCause(e);
                    failures.add(named);
                    failed.set();
                    return;
                  }
                  if (winner.isEmpty()) {
                    winner.add(c);
                    n.cancelScope().cancel();
                  } else {
                    c.close(); // connected too late: the race is over
                  }
                },
                "connect " + target);
          }
        });
    if (!winner.isEmpty()) {
      @SuppressWarnings("unchecked")
      C c = (C) winner.get(0);
      return c;
    }
    assert failures.size() == order.size();
    StringBuilder why = new StringBuilder();
    for (int i = 0; i < failures.size(); i++) {
      why.append(i == 0 ? "" : "; ").append(failures.get(i).getMessage());
    }
    ConnectException e =
        new ConnectException(
            api + ": all " + order.size() + " attempt" + (order.size() == 1 ? "" : "s")
                + " to connect to " + hostPort(host, port) + " failed: " + why);
    if (failures.size() == 1) {
      e.initCause(failures.get(0));
    } else {
      failures.forEach(e::addSuppressed);
    }
    throw e;
  }

  /** {@return host:port, with an IPv6 literal in brackets} */
  static String hostPort(String host, int port) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
