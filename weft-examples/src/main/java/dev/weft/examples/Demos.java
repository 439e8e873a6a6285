package dev.weft.examples;

import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the examples by name: {@code ./weft demo} runs them all in order, {@code ./weft demo NAME}
 * runs one.
 *
 * <p>To add an example, give it a {@code public static void main(String[])} and add one line to
 * {@link #DEMOS}.
 */
public final class Demos {
  private Demos() {}

  /** The {@code main(String[])} of an example. */
  @FunctionalInterface
  interface Main {
    void main(String[] args) throws Exception;
  }

  /**
   * One example: the name it is run by, a line saying what it shows and where it comes from, and
   * its {@code main}.
   */
  record Demo(String name, String description, Main main) {}

  /** Every example, in the order {@code ./weft demo} runs them. */
  static final List<Demo> DEMOS =
      List.of(
          new Demo("double-sleep", "sleep twice as long as asked (seed 002 \"Sample program\")", DoubleSleep::main),
          new Demo("nursery", "parent and two children (seed 002 \"Nursery\")", NurseryExample::main),
          new Demo("simple-timeout", "give up on a slow request after 5 s (seed 002 \"A simple timeout example\")", SimpleTimeout::main),
          new Demo("move-on-after", "nested timeouts, and making the inner one win (seed 002 \"Nested scopes\")", MoveOnAfter::main),
          new Demo("shield", "a timed-out request, then a shielded retry (seed 002 \"Shielding\")", Shielding::main),
          new Demo("queue-workers", "3 workers share a queue of 20 random sleeps (seed 001 \"Queue\")", QueueWorkers::main),
          new Demo("event", "a listener waits for an event (seed 001 \"Synchronization Primitives\")", EventExample::main),
          new Demo("lock", "a read-wait-write without and with a lock (seed 001 \"Mutex Lock\")", LockExample::main),
          new Demo("semaphore", "5 downloads, at most 2 at a time (seed 001 \"Semaphore\")", SemaphoreExample::main),
          new Demo("channel", "a producer and a consumer on a memory channel (seed 002 \"Tasks communication\")", ChannelExample::main),
          new Demo("channel-two-consumers", "two consumers share a channel's messages (seed 002, practice 1)", ChannelTwoConsumers::main),
          new Demo("channel-two-producers", "two producers, each with a clone of the send end (seed 002, practice 2.1)", ChannelTwoProducers::main),
          new Demo("channel-fan-out", "two producers and two consumers, each with a clone (seed 002, practice 3)", ChannelFanOut::main),
          new Demo("gather", "three sleeps at once: a bit over 3 s, not 6 (seed 001 \"Running Tasks Concurrently\")", Gather::main),
          new Demo("create-task", "await a task; three tasks started before any is awaited (seed 001 \"Tasks\")", CreateTask::main),
          new Demo("coroutine", "asyncio.run of a sleep, and an awaited coroutine (seed 001 \"Running Program\", \"Coroutines\")", Coroutine::main),
          new Demo("sleep-result", "sleep(1, 'done') returns 'done' (seed 001 \"Sleeping\")", SleepResult::main),
          new Demo("wait-for", "give up on an hour-long job after 1 s (seed 001 \"Timeouts\")", WaitFor::main),
          new Demo("wait", "the done and pending sets of asyncio.wait (seed 001 \"Wait\")", Wait::main),
          new Demo("as-completed", "results in completion order (seed 001 \"As Completed\")", AsCompleted::main),
          new Demo("shield-task", "shield(work()); a cancelled caller while the shielded work runs on (seed 001 \"Shielding from Cancellation\")", ShieldTask::main),
          new Demo("run-until-complete", "a loop driven by hand: newEventLoop, createTask, runUntilComplete (seed 001 \"Event loops\", seed 003)", RunUntilComplete::main),
          new Demo("future-monitor", "a monitored search for a 13-digit Lucas prime: Future, Task, gather (seed 004)", FutureMonitor::main),
          new Demo("trio-echo", "the Trio echo server and client together, until the server stops (seeds 000-002)", TrioEcho::main),
          new Demo("echo", "the asyncio echo server and client together: one 'Hello World!' (seed 001 \"Streams\")", Echo::main),
          new Demo("asks-timeout", "move_on_after(5) around a real HTTP request to a local /delay/N server (seed 002 \"A simple timeout example\")", AsksTimeout::main),
          new Demo("asks-shield", "a timed-out HTTP request, then a retry, unshielded and shielded, against a local /delay/N server (seed 002 \"Shielding\")", AsksShielding::main));

  /**
   * Examples that run until stopped (servers, and clients of them), so {@code ./weft demo} runs
   * them only by name: each faces the seed's Python counterpart on the seed's port.
   */
  static final List<Demo> BY_NAME_ONLY =
      List.of(
          new Demo("trio-echo-server", "the Trio echo server on port 12345, until stopped (seeds 000-002)", TrioEchoServer::main),
          new Demo("trio-echo-client", "the Trio echo client of port 12345 (seeds 000-002)", TrioEchoClient::main),
          new Demo("echo-server", "the asyncio echo server on 127.0.0.1:8888, until stopped (seed 001 \"Streams\")", EchoServer::main),
          new Demo("echo-client", "the asyncio echo client of 127.0.0.1:8888 (seed 001 \"Streams\")", EchoClient::main));

  /** {@return the names of the examples, in the order they run} */
  static List<String> names() {
    return DEMOS.stream().map(Demo::name).toList();
  }

  /**
   * Runs every example (no argument) or the one named, printing a heading line before each.
   *
   * @param args nothing, or the name of one example
   * @return the exit status: 0, or 2 (after a message on {@code System.err}) if the arguments name
   *     no example
   * @throws Exception what an example threw
   */
  static int run(String... args) throws Exception {
    return run(DEMOS, BY_NAME_ONLY, args);
  }

  /**
   * {@link #run(String...)} over the given examples (tests pass their own).
   *
   * @param demos the examples
   * @param args nothing, or the name of one example
   * @return the exit status
   * @throws Exception what an example threw
   */
  static int run(List<Demo> demos, String... args) throws Exception {
    return run(demos, List.of(), args);
  }

  /**
   * {@link #run(String...)} over the given examples, and more that run only by name.
   *
   * @param demos the examples, run in order without a name
   * @param byNameOnly examples run only when named
   * @param args nothing, or the name of one example
   * @return the exit status
   * @throws Exception what an example threw
   */
  static int run(List<Demo> demos, List<Demo> byNameOnly, String... args) throws Exception {
    if (args.length == 0) {
      boolean first = true;
      for (Demo d : demos) {
        if (!first) {
          System.out.println();
        }
        first = false;
        runOne(d);
      }
      return 0;
    }
    if (args.length == 1) {
      for (Demo d : Stream.concat(demos.stream(), byNameOnly.stream()).toList()) {
        if (d.name().equals(args[0])) {
          runOne(d);
          return 0;
        }
      }
      System.err.println("unknown demo '" + args[0] + "'");
    } else {
      System.err.println("expected at most one demo name, got " + args.length + " arguments");
    }
    System.err.println("usage: Demos [NAME]; the demos are:");
    for (Demo d : demos) {
      System.err.println("  " + d.name() + ": " + d.description());
    }
    if (!byNameOnly.isEmpty()) {
      System.err.println("and, only by name (they run until stopped):");
      for (Demo d : byNameOnly) {
        System.err.println("  " + d.name() + ": " + d.description());
      }
    }
    return 2;
  }

  private static void runOne(Demo d) throws Exception {
    System.out.println("=== " + d.name() + ": " + d.description() + " ===");
    d.main().main(new String[0]);
  }

  /**
   * Runs every example, or the one named; exits with status 2 if the name is unknown.
   *
   * @param args nothing, or the name of one example
   * @throws Exception what an example threw
   */
  public static void main(String[] args) throws Exception {
    int status = run(args);
    if (status != 0) {
      System.exit(status);
    }
  }
}
