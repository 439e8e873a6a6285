package dev.weft.bench;

import dev.weft.Engine;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The echo workloads: an echo server on one loop in a child JVM (pinned to CPU 0 when {@code
 * taskset} exists) and {@link EchoLoad} in another (pinned to CPU 1): 100 connections, one 1 KiB
 * request outstanding on each, every echo checked, 2 s warm-up, 5 s measured. Figures: requests a
 * second, requests per second of server CPU, p50 and p99 latency, and heap bytes the server
 * allocated per request. The peers, a raw one-thread java.nio server ({@link RawNioEchoServer})
 * and Netty on one event loop ({@link NettyEchoServer}), run the same way in the same {@code
 * ./weft bench} run.
 */
final class EchoWorkload implements Workload {
  // immutable state
  private final String serverMode;

  /**
   * Creates the workload.
   *
   * @param serverMode the {@link Macro} server mode to run: {@code echo_server} or {@code
   *     echo_asyncio_server}
   */
  EchoWorkload(String serverMode) {
    this.serverMode = serverMode;
  }

  @Override
  public List<Figure> run(Engine engine) throws Exception {
    List<String> server = new ArrayList<>(java());
    server.add("--add-opens");
    server.add("java.base/java.lang=ALL-UNNAMED");
    server.add("-Dweft.engine=" + Macro.engineName(engine));
    server.addAll(List.of("-cp", classpath(), Macro.class.getName(), serverMode, "0", "60"));
    return drive(server);
  }

  @Override
  public List<Peer> peers() throws Exception {
    List<Peer> out = new ArrayList<>();
    peer(out, "raw_nio_1thread", RawNioEchoServer.class.getName());
    peer(out, "netty_nio_1loop", NettyEchoServer.class.getName());
    return out;
  }

  private static void peer(List<Peer> out, String impl, String mainClass) throws Exception {
    List<String> server = new ArrayList<>(java());
    server.addAll(List.of("--sun-misc-unsafe-memory-access=allow", "-cp", classpath(), mainClass, "0", "60"));
    for (Figure f : drive(server)) {
      out.add(new Peer(impl, f));
    }
  }

  private static List<String> java() {
    return List.of(ProcessHandle.current().info().command().orElse("java"));
  }

  private static String classpath() {
    return System.getProperty("java.class.path");
  }

  private static List<String> pinned(int cpu, List<String> command) {
    if (!new File("/usr/bin/taskset").canExecute() || Runtime.getRuntime().availableProcessors() < 2) {
      return command;
    }
    List<String> out = new ArrayList<>(List.of("/usr/bin/taskset", "-c", String.valueOf(cpu)));
    out.addAll(command);
    return out;
  }

  /** Runs a server child and the load against it; {@return the figures} */
  private static List<Figure> drive(List<String> serverCommand) throws Exception {
    Process server =
        new ProcessBuilder(pinned(0, serverCommand))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader serverOut =
          new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      OutputStream serverIn = server.getOutputStream();
      String first = serverOut.readLine();
      if (first == null || !first.startsWith("listening ")) {
        throw new IOException("the echo server did not start: " + first);
      }
      String port = first.substring("listening ".length());
      List<String> load = new ArrayList<>(java());
      load.addAll(List.of("-cp", classpath(), EchoLoad.class.getName(), port, "100", "1024", "2", "5"));
      Process loadProc =
          new ProcessBuilder(pinned(1, load)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      BufferedReader loadOut =
          new BufferedReader(new InputStreamReader(loadProc.getInputStream(), StandardCharsets.UTF_8));
      Map<String, Long> before = null;
      Map<String, Double> result = null;
      String line;
      while ((line = loadOut.readLine()) != null) {
        if (line.equals("measure-start")) {
          before = mark(serverIn, serverOut);
        } else if (line.startsWith("result ")) {
          Map<String, Long> after = mark(serverIn, serverOut);
          result = parse(line.substring("result ".length()));
          result.put("cpu_s", (after.get("cpu_ns") - before.get("cpu_ns")) / 1e9);
          result.put("alloc", (double) (after.get("alloc") - before.get("alloc")));
        }
      }
      if (loadProc.waitFor() != 0 || result == null) {
        throw new IOException("the load generator failed (exit " + loadProc.exitValue() + ")");
      }
      double requests = result.get("requests");
      return List.of(
          new Figure("req_per_s", Math.round(requests / result.get("seconds"))),
          new Figure("req_per_server_cpu_s", Math.round(requests / result.get("cpu_s"))),
          new Figure("p50_us", Math.round(result.get("p50_us"))),
          new Figure("p99_us", Math.round(result.get("p99_us"))),
          new Figure("server_alloc_bytes_per_req", Math.round(result.get("alloc") / requests)));
    } finally {
      server.destroy();
      server.waitFor();
    }
  }

  private static Map<String, Long> mark(OutputStream in, BufferedReader out) throws IOException {
    in.write("mark\n".getBytes(StandardCharsets.UTF_8));
    in.flush();
    String reply = out.readLine();
    Map<String, Long> m = new HashMap<>();
    for (Map.Entry<String, Double> e : parse(reply).entrySet()) {
      m.put(e.getKey(), e.getValue().longValue());
    }
    return m;
  }

  private static Map<String, Double> parse(String kv) {
    Map<String, Double> m = new HashMap<>();
    for (String part : kv.trim().split(" ")) {
      int eq = part.indexOf('=');
      m.put(part.substring(0, eq), Double.parseDouble(part.substring(eq + 1)));
    }
    return m;
  }
}
