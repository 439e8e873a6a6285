package dev.weft.testjvm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A child JVM running one of the test classpath's main classes, for tests that need a JVM of their
 * own (no {@code --add-opens}, a real signal). Bounded: {@link #await} kills the child if it
 * outlives its time, and {@link #close} kills it whatever happened, so nothing is left running.
 */
public final class ChildJvm implements AutoCloseable {
  // immutable state
  private final Process process;
  private final Path err;
  /** Guards {@link #out}; {@link #grew} is signalled at each read and at the end of the output. */
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition grew = lock.newCondition();

  // mutable state (under lock)
  private final StringBuilder out = new StringBuilder();
  private boolean outEnded;

  private ChildJvm(Process process, Path err) {
    this.process = process;
    this.err = err;
    // The child's stdout arrives through a pipe, read by a thread of our own: awaitOutput then
    // blocks until the text comes (or the pipe ends) instead of polling a file.
    Thread.ofPlatform().daemon().name("child-jvm-stdout-" + process.pid()).start(this::pump);
  }

  private void pump() {
    byte[] buf = new byte[4096];
    try (InputStream in = process.getInputStream()) {
      for (int n; (n = in.read(buf)) > 0; ) {
        append(new String(buf, 0, n, StandardCharsets.UTF_8), false);
      }
    } catch (IOException e) {
      // the child was killed, or closed its stdout: what arrived so far is all there is
    }
    append("", true);
  }

  private void append(String text, boolean end) {
    lock.lock();
    try {
      out.append(text);
      outEnded |= end;
      grew.signalAll();
    } finally {
      lock.unlock();
    }
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
    Path err = Files.createTempFile("weft-child", ".err");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
    // weft.engine must be what the test says, not what the parent's build passed down.
    return new ChildJvm(pb.start(), err);
  }

  /** {@return the child's process} */
  public Process process() {
    return process;
  }

  /** {@return what the child printed on stdout so far} */
  public String stdout() {
    lock.lock();
    try {
      return out.toString();
    } finally {
      lock.unlock();
    }
  }

  /** {@return what the child printed on stderr so far} */
  public String stderr() throws IOException {
    return Files.readString(err);
  }

  /**
   * Waits until the child's stdout contains {@code text}, or its stdout ends, or the time is up.
   *
   * @param text what to wait for
   * @param seconds at most this long
   * @return whether it appeared
   */
  public boolean awaitOutput(String text, long seconds) throws InterruptedException {
    long left = TimeUnit.SECONDS.toNanos(seconds);
    lock.lock();
    try {
      while (out.indexOf(text) < 0) {
        if (outEnded || left <= 0) {
          return false;
        }
        left = grew.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Waits (at most 10 s) until the pump has read the child's stdout to its end. */
  private void awaitOutputEnd() throws InterruptedException {
    long left = TimeUnit.SECONDS.toNanos(10);
    lock.lock();
    try {
      while (!outEnded && left > 0) {
        left = grew.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for the child to exit, killing it if it takes longer than {@code seconds}.
   *
   * @param seconds at most this long
   * @return its exit code, or -1 if it had to be killed
   */
  public int await(long seconds) throws InterruptedException {
    if (process.waitFor(seconds, TimeUnit.SECONDS)) {
      awaitOutputEnd(); // so that stdout() holds everything the child printed
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
