package dev.weft.bench;

import dev.weft.Engine;
import dev.weft.RunConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The macro benchmarks: whole workloads timed end to end, each printing one line a figure in the
 * format the peer programs in DESIGN.md use, followed by the engine:
 *
 * <pre>
 * impl=weft workload=switch metric=ns_per_switch value=243 engine=fast
 * </pre>
 *
 * <p>A workload with JVM peers (the JDK programs DESIGN.md compares it with) runs them after
 * weft, in the same JVM, and prints their figures in the same format without the engine:
 *
 * <pre>
 * impl=jdk_array_blocking_queue workload=queue_buffered metric=ns_per_msg value=52
 * </pre>
 *
 * <p>{@code -Dweft.bench.schedulingBudget=N} runs every weft loop with that scheduling budget
 * (1 is Trio's switch at every checkpoint) and ends weft's lines with {@code budget=N}.
 *
 * <p>{@code Macro} runs every workload; {@code Macro NAME} runs one. Each workload runs on the
 * fast engine, then on the portable one, or only on the engine the system property {@code
 * weft.engine} names ({@code ./weft bench} sets it from {@code WEFT_ENGINE}). Only figure lines go
 * to stdout; progress and per-round times go to stderr.
 */
public final class Macro {
  /** Every workload, by name, in the order a full run goes through them. */
  private static final Map<String, Workload> WORKLOADS = new LinkedHashMap<>();

  static {
    WORKLOADS.put("spawn_join", new SpawnJoinWorkload());
    WORKLOADS.put("switch", new SwitchWorkload());
    WORKLOADS.put("idle_tasks", new IdleTasksWorkload());
    WORKLOADS.put("channel", new ChannelWorkload(0));
    WORKLOADS.put("channel_buffered", new ChannelWorkload(64));
    WORKLOADS.put("queue_buffered", new QueueWorkload());
    WORKLOADS.put("lock_uncontended", new LockUncontendedWorkload());
    WORKLOADS.put("timers", new TimersWorkload());
    WORKLOADS.put("run_overhead", new RunOverheadWorkload());
    WORKLOADS.put("echo", new EchoWorkload("echo_server"));
    WORKLOADS.put("echo_asyncio", new EchoWorkload("echo_asyncio_server"));
    WORKLOADS.put("idle_connections", new IdleConnectionsWorkload());
  }

  /**
   * The scheduling budget every workload's loop uses: {@code -Dweft.bench.schedulingBudget=N}, or
   * the default. A budget of 1 is Trio's switch at every checkpoint, weft's policy before ADR 0008,
   * so the two can be compared on the same machine minutes apart.
   */
  static final int BUDGET =
      Integer.getInteger("weft.bench.schedulingBudget", RunConfig.DEFAULT_SCHEDULING_BUDGET);

  private Macro() {}

  /**
   * {@return the options of a workload's loop: {@code config} with the engine and {@link #BUDGET}}
   *
   * @param config the defaults {@code Weft.run} passes in
   * @param engine the engine the workload runs on
   */
  static RunConfig configure(RunConfig config, Engine engine) {
    return config.withEngine(engine).withSchedulingBudget(BUDGET);
  }

  /**
   * Runs the workloads.
   *
   * @param args nothing (every workload) or one workload name
   * @throws Exception if a workload fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 3 && (args[0].equals("echo_server") || args[0].equals("echo_asyncio_server"))) {
      // A server alone: ./weft bench echo_server PORT SECONDS, for other load generators.
      int port = Integer.parseInt(args[1]);
      double seconds = Double.parseDouble(args[2]);
      if (args[0].equals("echo_server")) {
        EchoServers.serveTrioStyle(port, seconds);
      } else {
        EchoServers.serveAsyncioStyle(port, seconds);
      }
      return;
    }
    if (args.length > 1) {
      usage("at most one workload name expected, got " + args.length + " arguments");
    }
    List<String> names = new ArrayList<>(WORKLOADS.keySet());
    if (args.length == 1) {
      if (!WORKLOADS.containsKey(args[0])) {
        usage("unknown workload '" + args[0] + "'");
      }
      names = List.of(args[0]);
    }
    List<Engine> engines = engines();
    for (String name : names) {
      for (Engine engine : engines) {
        System.err.println("running " + name + " on the " + engineName(engine) + " engine");
        for (Workload.Figure f : WORKLOADS.get(name).run(engine)) {
          System.out.println(line(name, f, engine));
          System.out.flush();
        }
      }
      for (Workload.Peer p : WORKLOADS.get(name).peers()) {
        System.out.println(Peers.line(p.impl(), name, p.figure()));
        System.out.flush();
      }
    }
  }

  /**
   * {@return one figure as the line DESIGN.md specifies}
   *
   * @param workload the workload's name
   * @param f the figure
   * @param engine the engine that produced it
   */
  static String line(String workload, Workload.Figure f, Engine engine) {
    return "impl=weft workload=" + workload + " metric=" + f.metric() + " value=" + f.value()
        + " engine=" + engineName(engine)
        + (BUDGET == RunConfig.DEFAULT_SCHEDULING_BUDGET ? "" : " budget=" + BUDGET);
  }

  /** {@return the names of the workloads, in the order a full run goes through them} */
  static List<String> names() {
    return List.copyOf(WORKLOADS.keySet());
  }

  /** {@return the engine's name as printed after {@code engine=}: fast, portable} */
  static String engineName(Engine engine) {
    return engine.name().toLowerCase(Locale.ROOT);
  }

  /** The engines to run: the one {@code weft.engine} names, or all of them, fast first. */
  private static List<Engine> engines() {
    String prop = System.getProperty("weft.engine", "").trim().toLowerCase(Locale.ROOT);
    List<Engine> engines = new ArrayList<>();
    if (prop.isEmpty()) {
      engines.add(Engine.FAST);
      engines.add(Engine.PORTABLE);
    } else {
      for (Engine e : Engine.values()) {
        if (engineName(e).equals(prop)) {
          engines.add(e);
        }
      }
      if (engines.isEmpty()) {
        fail("-Dweft.engine=" + prop + " names no engine: use fast or portable, or leave it unset");
      }
    }
    for (Engine e : engines) {
      if (!e.isAvailable()) {
        fail(
            "the "
                + engineName(e)
                + " engine is not available in this JVM: start it with --add-opens"
                + " java.base/java.lang=ALL-UNNAMED (./weft bench does), or set"
                + " -Dweft.engine=portable");
      }
    }
    return engines;
  }

  private static void usage(String problem) {
    fail(problem + "; workloads: " + String.join(", ", WORKLOADS.keySet()));
  }

  private static void fail(String message) {
    System.err.println("weft bench: " + message);
    System.exit(2);
  }
}
