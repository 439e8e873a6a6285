package dev.weft.testjvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running one of the test classpath's main classes, for tests that need a JVM of their
 * own (no {@code --add-opens}, a real signal). Bounded: {@link #await} kills the child if it
 * outlives its time, and {@link #close} kills it whatever happened, so nothing is left running.
 */
public final class ChildJvm implements AutoCloseable {
  // immutable state
  private final Process process;
  private final Path out;
  private final Path err;

  private ChildJvm(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /**
   * Starts {@code mainClass} in a new JVM on this JVM's class path.
   *
   * @param jvmArgs JVM options (no {@code --add-opens} unless given here)
   * @param mainClass the class to run
   * @param args its arguments
   * @return the running child
   * @throws IOException if it cannot be started
   */
  public static ChildJvm start(List<String> jvmArgs, Class<?> mainClass, String... args)
      throws IOException {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(cp);
    cmd.add(mainClass.getName());
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("weft-child", ".out");
    Path err = Files.createTempFile("weft-child", ".err");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    // weft.engine must be what the test says, not what the parent's build passed down.
    return new ChildJvm(pb.start(), out, err);
  }

  /** {@return the child's process} */
  public Process process() {
    return process;
  }

  /** {@return what the child printed on stdout so far} */
  public String stdout() throws IOException {
    return Files.readString(out);
  }

  /** {@return what the child printed on stderr so far} */
  public String stderr() throws IOException {
    return Files.readString(err);
  }

  /**
   * Waits until the child's stdout contains {@code text}, polling the file it writes to.
   *
   * @param text what to wait for
   * @param seconds at most this long
   * @return whether it appeared
   */
  public boolean awaitOutput(String text, long seconds) throws IOException, InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      if (stdout().contains(text)) {
        return true;
      }
      if (!process.isAlive()) {
        return stdout().contains(text);
      }
      // A child JVM is a real process: there is no loop to park on, only its output file.
      process.waitFor(20, TimeUnit.MILLISECONDS);
    }
    return false;
  }

  /**
   * Waits for the child to exit, killing it if it takes longer than {@code seconds}.
   *
   * @param seconds at most this long
   * @return its exit code, or -1 if it had to be killed
   */
  public int await(long seconds) throws InterruptedException {
    if (process.waitFor(seconds, TimeUnit.SECONDS)) {
      return process.exitValue();
    }
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    return -1;
  }

  @Override
  public void close() throws IOException {
    if (process.isAlive()) {
      process.destroyForcibly();
      // onExit().join() instead of waitFor: close() must not throw InterruptedException
      process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
  }

  @Override
  public String toString() {
    try {
      return "ChildJvm[pid " + process.pid() + ", stdout=" + stdout() + ", stderr=" + stderr() + "]";
    } catch (IOException e) {
      return "ChildJvm[pid " + process.pid() + "]";
    }
  }
}
