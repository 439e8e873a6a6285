package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Nursery;
import dev.weft.net.SocketListener;
import dev.weft.testing.MockClock;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Seed 002's asks examples ({@link AsksTimeout}, {@link AsksShielding}) with real HTTP requests
 * from the JDK's client to the local {@link HttpbinServer}. The mock clock autojumps only after
 * every task has been blocked for 500 ms of real time: the HTTP client works on threads of its
 * own, and a request in flight must not look like an idle loop. The client is warmed up first, so
 * its one-time start-up stays far below that.
 */
class AsksTest {
  /** A Random whose randint(1, 10) is always {@code delay}. */
  static Random fixed(int delay) {
    return new Random() {
      @Override
      public int nextInt(int bound) {
        return delay - 1;
      }
    };
  }

  static void setUp(MockClock clock) throws Exception {
    clock.setAutojumpThreshold(Duration.ofMillis(500));
    Nursery.open(
        n -> {
          List<SocketListener> ls = n.start(HttpbinServer::serve);
          Asks.get("http://127.0.0.1:" + ls.get(0).localAddress().getPort() + "/delay/0");
          n.cancelScope().cancel();
        });
  }

  /** A 3 s request finishes inside move_on_after(5). */
  @WeftTest(autojump = false)
  void testRequestInTime(MockClock clock) throws Exception {
    setUp(clock);
    var lines = TimedOutput.capture(() -> AsksTimeout.withServer(fixed(3)));
    assertEquals(
        List.of(at(3, "result is <Response [200]>"), at(3, "with block finished")), lines);
  }

  /** An 8 s request is cancelled at 5 s; the client aborts it. */
  @WeftTest(autojump = false)
  void testRequestTimesOut(MockClock clock) throws Exception {
    setUp(clock);
    var lines = TimedOutput.capture(() -> AsksTimeout.withServer(fixed(8)));
    assertEquals(List.of(at(5, "with block finished")), lines);
  }

  /** The unshielded retry is cancelled at once; the shielded one succeeds. */
  @WeftTest(autojump = false)
  void testShielding(MockClock clock) throws Exception {
    setUp(clock);
    var lines = TimedOutput.capture(AsksShielding::withServer);
    assertEquals(
        List.of(
            at(0, "Starting a blocking request."),
            at(2, "The first request timed out, try with a smaller delay."),
            at(2, "Done."),
            at(2, "-- practice: shield the second request so it succeeds --"),
            at(2, "Starting a blocking request."),
            at(4, "The first request timed out, try with a smaller delay."),
            at(5, "The second request succeeded."),
            at(5, "Done.")),
        lines);
  }
}
