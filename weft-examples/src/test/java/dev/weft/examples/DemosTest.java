package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link Demos} knows every example by name, runs the one named, and rejects other names. */
class DemosTest {
  private static final List<String> USAGE =
      List.of(
          "usage: Demos [NAME]; the demos are:",
          "  double-sleep: sleep twice as long as asked (seed 002 \"Sample program\")",
          "  nursery: parent and two children (seed 002 \"Nursery\")",
          "  simple-timeout: give up on a slow request after 5 s (seed 002 \"A simple timeout example\")",
          "  move-on-after: nested timeouts, and making the inner one win (seed 002 \"Nested scopes\")",
          "  shield: a timed-out request, then a shielded retry (seed 002 \"Shielding\")",
          "  queue-workers: 3 workers share a queue of 20 random sleeps (seed 001 \"Queue\")",
          "  event: a listener waits for an event (seed 001 \"Synchronization Primitives\")",
          "  lock: a read-wait-write without and with a lock (seed 001 \"Mutex Lock\")",
          "  semaphore: 5 downloads, at most 2 at a time (seed 001 \"Semaphore\")",
          "  channel: a producer and a consumer on a memory channel (seed 002 \"Tasks communication\")",
          "  channel-two-consumers: two consumers share a channel's messages (seed 002, practice 1)",
          "  channel-two-producers: two producers, each with a clone of the send end (seed 002, practice 2.1)",
          "  channel-fan-out: two producers and two consumers, each with a clone (seed 002, practice 3)",
          "  gather: three sleeps at once: a bit over 3 s, not 6 (seed 001 \"Running Tasks Concurrently\")",
          "  create-task: await a task; three tasks started before any is awaited (seed 001 \"Tasks\")",
          "  coroutine: asyncio.run of a sleep, and an awaited coroutine (seed 001 \"Running Program\", \"Coroutines\")",
          "  sleep-result: sleep(1, 'done') returns 'done' (seed 001 \"Sleeping\")",
          "  wait-for: give up on an hour-long job after 1 s (seed 001 \"Timeouts\")",
          "  wait: the done and pending sets of asyncio.wait (seed 001 \"Wait\")",
          "  as-completed: results in completion order (seed 001 \"As Completed\")",
          "  shield-task: shield(work()); a cancelled caller while the shielded work runs on (seed 001 \"Shielding from Cancellation\")",
          "  run-until-complete: a loop driven by hand: newEventLoop, createTask, runUntilComplete (seed 001 \"Event loops\", seed 003)",
          "  future-monitor: a monitored search for a 13-digit Lucas prime: Future, Task, gather (seed 004)",
          "  trio-echo: the Trio echo server and client together, until the server stops (seeds 000-002)",
          "  echo: the asyncio echo server and client together: one 'Hello World!' (seed 001 \"Streams\")",
          "  asks-timeout: move_on_after(5) around a real HTTP request to a local /delay/N server (seed 002 \"A simple timeout example\")",
          "  asks-shield: a timed-out HTTP request, then a retry, unshielded and shielded, against a local /delay/N server (seed 002 \"Shielding\")",
          "and, only by name (they run until stopped):",
          "  trio-echo-server: the Trio echo server on port 12345, until stopped (seeds 000-002)",
          "  trio-echo-client: the Trio echo client of port 12345 (seeds 000-002)",
          "  echo-server: the asyncio echo server on 127.0.0.1:8888, until stopped (seed 001 \"Streams\")",
          "  echo-client: the asyncio echo client of 127.0.0.1:8888 (seed 001 \"Streams\")");

  @Test
  void knowsEveryExample() {
    assertEquals(
        List.of(
            "double-sleep", "nursery", "simple-timeout", "move-on-after", "shield",
            "queue-workers", "event", "lock", "semaphore",
            "channel", "channel-two-consumers", "channel-two-producers", "channel-fan-out",
            "gather",
            "create-task",
            "coroutine",
            "sleep-result",
            "wait-for",
            "wait",
            "as-completed",
            "shield-task",
            "run-until-complete",
            "future-monitor",
            "trio-echo",
            "echo",
            "asks-timeout",
            "asks-shield"),
        Demos.names());
  }

  @Test
  void rejectsAnUnknownName() throws Exception {
    Captured c = Captured.run("no-such-demo");
    assertEquals(2, c.status);
    assertEquals("", c.out);
    assertEquals(
        concat(List.of("unknown demo 'no-such-demo'"), USAGE), c.err.lines().toList());
  }

  @Test
  void rejectsTwoNames() throws Exception {
    Captured c = Captured.run("nursery", "shield");
    assertEquals(2, c.status);
    assertEquals("", c.out);
    assertEquals(
        concat(List.of("expected at most one demo name, got 2 arguments"), USAGE),
        c.err.lines().toList());
  }

  /** Fake examples that print at once, so the runner is tested without real time. */
  private static final List<Demos.Demo> FAKES =
      List.of(
          new Demos.Demo("one", "the first", args -> System.out.println("one ran")),
          new Demos.Demo("two", "the second", args -> System.out.println("two ran")));

  /** With a name, only that example runs, under its heading. */
  @Test
  void runsTheNamedExample() throws Exception {
    Captured c = Captured.run(FAKES, "two");
    assertEquals(0, c.status);
    assertEquals("", c.err);
    assertEquals(List.of("=== two: the second ===", "two ran"), c.out.lines().toList());
  }

  /** With no name, every example runs in order, a blank line between them. */
  @Test
  void runsEveryExampleInOrder() throws Exception {
    Captured c = Captured.run(FAKES);
    assertEquals(0, c.status);
    assertEquals(
        List.of("=== one: the first ===", "one ran", "", "=== two: the second ===", "two ran"),
        c.out.lines().toList());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  /** What {@link Demos#run} returned and printed. */
  private record Captured(int status, String out, String err) {
    static Captured run(String... args) throws Exception {
      return run(Demos.DEMOS, Demos.BY_NAME_ONLY, args);
    }

    static Captured run(List<Demos.Demo> demos, String... args) throws Exception {
      return run(demos, List.of(), args);
    }

    static Captured run(List<Demos.Demo> demos, List<Demos.Demo> byNameOnly, String... args)
        throws Exception {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream savedOut = System.out;
      PrintStream savedErr = System.err;
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int status;
      try {
        status = Demos.run(demos, byNameOnly, args);
      } finally {
        System.setOut(savedOut);
        System.setErr(savedErr);
      }
      return new Captured(
          status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }
}
