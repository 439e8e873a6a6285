package dev.weft.examples;

import static dev.weft.examples.TimedOutput.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Engine;
import dev.weft.asyncio.Asyncio;
import dev.weft.asyncio.AsyncFuture;
import dev.weft.testing.WeftTest;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FutureMonitor}: the monitor prints while the search runs. The search pauses 1 ms of
 * virtual time every 1000 trial divisions (see the class Javadoc of {@link FutureMonitor}), so it
 * ends at about 2.83 s: {@code Waiting...} at 0, 1 and 2 s, then the prime.
 */
class FutureMonitorTest {
  private static final String PRIME = "5600748293801";

  /** A stand-in for the CPU time of the search: 1 ms of loop time per 1000 divisions. */
  private static FutureMonitor timedSearch() {
    int[] divisions = new int[1];
    return new FutureMonitor(
        () -> {
          if (++divisions[0] % 1000 == 0) {
            Asyncio.sleep(Duration.ofMillis(1));
          }
        });
  }

  /** The Lucas sequence starts 2, 1, 3, 4, 7, 11, 18, 29 (the seed's doctest). */
  @Test
  void testLucasSequence() {
    Iterator<Long> it = FutureMonitor.lucas();
    List<Long> first = Stream.generate(it::next).limit(8).toList();
    assertEquals(List.of(2L, 1L, 3L, 4L, 7L, 11L, 18L, 29L), first);
  }

  /** The blocking search of the seed's doctest: the first Lucas number of six digits or more. */
  @Test
  void testSearchFindsTheFirstMatch() {
    assertEquals(
        103682L, FutureMonitor.search(FutureMonitor.lucas(), x -> Long.toString(x).length() >= 6));
    assertThrows(
        NoSuchElementException.class,
        () -> FutureMonitor.search(List.of(1L, 2L).iterator(), x -> x > 5));
  }

  /** A search that finds nothing puts its {@code NoSuchElementException} into the future. */
  @WeftTest
  void testMonitoredSearchSetsTheException() throws Exception {
    AsyncFuture<Long> f = Asyncio.getRunningLoop().createFuture();
    FutureMonitor.monitoredSearch(List.of(4L, 6L).iterator(), x -> x > 5 && x % 2 == 1, f);
    assertTrue(f.done());
    assertEquals("Not Found", assertThrows(NoSuchElementException.class, f::result).getMessage());
  }

  /** Primality by trial division, with the seed's pause. */
  @WeftTest
  void testIsPrime() {
    FutureMonitor m = new FutureMonitor(FutureMonitor.SEED_PAUSE);
    assertFalse(m.isPrime(1));
    assertTrue(m.isPrime(2));
    assertTrue(m.isPrime(29));
    assertFalse(m.isPrime(18));
    assertFalse(m.thirteenDigitPrime(29));
  }

  /**
   * The "Future" cell: {@code Waiting...} every second while the search runs, then the prime,
   * printed after the loop stopped (at the time the future got its result). No {@code Done}: the
   * monitor is still asleep when {@code runUntilComplete} returns, and {@code close} cancels it.
   */
  @ParameterizedTest
  @MethodSource("dev.weft.examples.OwnLoop#engines")
  void testFutureCell(Engine engine) throws Exception {
    var lines = OwnLoop.capture(engine, timedSearch()::runWithFuture);
    assertWaitingThenPrime(lines);
  }

  /** The "Task" cell: the same lines, with the monitor watching the search task itself. */
  @ParameterizedTest
  @MethodSource("dev.weft.examples.OwnLoop#engines")
  void testTaskCell(Engine engine) throws Exception {
    var lines = OwnLoop.capture(engine, timedSearch()::runWithTask);
    assertWaitingThenPrime(lines);
  }

  /**
   * The "Waiting for tasks" cell: the loop runs until the monitor ends too, so it prints {@code
   * Done} at its next tick, 3 s, and the prime follows at 3 s.
   */
  @ParameterizedTest
  @MethodSource("dev.weft.examples.OwnLoop#engines")
  void testGatherCellPrintsDone(Engine engine) throws Exception {
    var lines = OwnLoop.capture(engine, timedSearch()::runWithGather);
    assertEquals(
        List.of(
            at(0, "Waiting..."),
            at(1, "Waiting..."),
            at(2, "Waiting..."),
            at(3, "Done"),
            at(3, PRIME)),
        lines);
  }

  private static void assertWaitingThenPrime(List<TimedOutput.Line> lines) {
    assertEquals(
        List.of(at(0, "Waiting..."), at(1, "Waiting..."), at(2, "Waiting...")),
        lines.subList(0, 3));
    assertEquals(4, lines.size(), () -> "lines: " + lines);
    TimedOutput.Line last = lines.get(3);
    assertEquals(PRIME, last.text());
    // 2,830,808 divisions at 1 ms per 1000: the search ends at 2.830 s.
    assertEquals(2.830, last.time(), 1e-6, () -> "the prime was printed at " + last.time());
  }
}
