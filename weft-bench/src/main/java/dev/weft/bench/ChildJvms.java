package dev.weft.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a workload's {@code main} in a child JVM, for figures that need a process of their own
 * (peak RSS) or JVM flags of their own (a peer on one carrier thread).
 */
final class ChildJvms {
  private ChildJvms() {}

  /**
   * Starts {@code main} in a child JVM with this JVM's flags plus {@code extraFlags} and this
   * JVM's class path, and parses the {@code metric=value} lines it prints on stdout. Its stderr
   * goes to this JVM's.
   *
   * @param main the class whose {@code main} to run
   * @param extraFlags JVM flags after this JVM's own
   * @param arg the one argument {@code main} gets
   * @param figures how many lines the child must print
   * @return the figures, in the order printed
   * @throws IOException if the child cannot start
   * @throws InterruptedException if interrupted while waiting for it
   * @throws IllegalStateException if the child fails, prints another number of lines, or takes
   *     more than five minutes
   */
  static List<Workload.Figure> run(Class<?> main, List<String> extraFlags, String arg, int figures)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.addAll(extraFlags);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.add(arg);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<Workload.Figure> out = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String l;
      while ((l = r.readLine()) != null) {
        String[] kv = l.trim().split("=", 2);
        out.add(new Workload.Figure(kv[0], Long.parseLong(kv[1])));
      }
    }
    String what = "the child JVM of " + main.getSimpleName() + " " + arg;
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(what + " did not finish");
    }
    if (p.exitValue() != 0 || out.size() != figures) {
      throw new IllegalStateException(what + " failed (exit " + p.exitValue() + ")");
    }
    return out;
  }
}
