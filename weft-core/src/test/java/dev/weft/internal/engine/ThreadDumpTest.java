package dev.weft.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Engine;
import dev.weft.Nursery;
import dev.weft.RunConfig;
import dev.weft.Weft;
import dev.weft.lowlevel.EventLoop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JDK thread dump ({@code jcmd PID Thread.dump_to_file -format=json}, run for real) shows every live task's thread with its stack. On the fast engine the tasks are grouped in a
 * thread container of their loop's, named after it, which is gone once the run ends
 * (LoopThreadContainer).
 */
class ThreadDumpTest {
  @TempDir Path dir;

  @Test
  void testDumpFromAnotherThreadShowsEveryTaskWithItsStack() throws Exception {
    for (Engine engine : List.of(Engine.FAST, Engine.PORTABLE)) {
      AtomicReference<String> during = new AtomicReference<>();
      Path file = dir.resolve(engine + "-during.json");
      Weft.run(
          c -> c.withEngine(engine),
          () ->
              Nursery.open(
                  n -> {
                    for (int i = 0; i < 3; i++) {
                      n.startSoon(() -> Weft.sleep(Duration.ofDays(1)), "dumped-sleeper-" + i);
                    }
                    n.startSoon(
                        () -> {
                          Weft.sleep(Duration.ofMillis(1)); // the sleepers are parked by now
                          during.set(dumpFromAPlatformThread(file));
                          n.cancelScope().cancel();
                        },
                        "dumper");
                  }));
      String dump = during.get();
      List<String> containers = containersOf(dump);
      for (int i = 0; i < 3; i++) {
        String name = "dumped-sleeper-" + i;
        String container = containerOfThread(dump, name);
        assertNotNull(container, engine + ": " + name + " is not in the dump:\n" + dump);
        assertTrue(
            stackOfThread(dump, name).contains("dev.weft.Weft.sleep"),
            engine + ": the dump shows where " + name + " waits:\n" + stackOfThread(dump, name));
        if (engine == Engine.FAST) {
          assertTrue(
              container.startsWith("weft-loop-"),
              "fast-engine tasks are in their loop's container, not " + container);
        }
      }
      if (engine == Engine.FAST) {
        String loopContainer = containerOfThread(dump, "dumped-sleeper-0");
        assertTrue(containers.contains(loopContainer));
        String after = dumpFromAPlatformThread(dir.resolve(engine + "-after.json"));
        assertFalse(
            containersOf(after).contains(loopContainer),
            "a finished loop's container leaves the JDK's registry: " + containersOf(after));
      }
    }
  }

  /**
   * This JVM's thread dump as JSON text, written by {@code jcmd} (the JDK's own, beside this
   * JVM's {@code java}) while the caller waits for it; the JVM writes it on its attach thread.
   */
  private static String dumpFromAPlatformThread(Path file) throws Exception {
    Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
    Path jcmd = java.resolveSibling("jcmd");
    Process p =
        new ProcessBuilder(
                jcmd.toString(),
                Long.toString(ProcessHandle.current().pid()),
                "Thread.dump_to_file",
                "-format=json",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jcmd did not end");
    assertEquals(0, p.exitValue(), "jcmd failed: " + out);
    return Files.readString(file);
  }

  private static final Pattern CONTAINER = Pattern.compile("\"container\": \"([^\"]*)\"");

  private static final Pattern THREAD_NAME = Pattern.compile("\"name\": \"([^\"]*)\"");

  private static List<String> containersOf(String dump) {
    List<String> out = new ArrayList<>();
    Matcher m = CONTAINER.matcher(dump);
    while (m.find()) {
      out.add(m.group(1).replaceAll("/.*", ""));
    }
    return out;
  }

  /** The name (before any "/") of the container whose thread list names {@code thread}. */
  private static String containerOfThread(String dump, String thread) {
    int at = dump.indexOf("\"name\": \"" + thread + "\"");
    if (at < 0) {
      return null;
    }
    String before = dump.substring(0, at);
    Matcher m = CONTAINER.matcher(before);
    String last = null;
    while (m.find()) {
      last = m.group(1).replaceAll("/.*", "");
    }
    return last;
  }

  /** The text of {@code thread}'s entry, up to the next thread's name. */
  private static String stackOfThread(String dump, String thread) {
    int at = dump.indexOf("\"name\": \"" + thread + "\"");
    Matcher next = THREAD_NAME.matcher(dump);
    int end = next.find(at + 1) ? next.start() : dump.length();
    return dump.substring(at, end);
  }

  /**
   * An EventLoop's tasks outlive each run of it: a dump taken between two runs still lists a
   * parked task under the loop's container, on the fast engine, and the container leaves the JDK's
   * registry when the loop closes, not when a run returns.
   */
  @Test
  void testEventLoopTasksAreListedBetweenRunsUntilTheLoopCloses() throws Exception {
    for (Engine engine : List.of(Engine.FAST, Engine.PORTABLE)) {
      EventLoop loop = EventLoop.open(RunConfig.defaults().withEngine(engine));
      loop.spawn(ThreadDumpTest::sleepADay, "parked-between-runs");
      loop.spawn(
          () -> {
            Weft.sleep(Duration.ofMillis(1));
            loop.stop();
            return null;
          },
          "stopper");
      loop.runUntilStopped();
      loop.spawn(ThreadDumpTest::sleepADay, "started-in-second-run");
      loop.callSoon(loop::stop);
      loop.runUntilStopped();
      String between = dumpFromAPlatformThread(dir.resolve(engine + "-between.json"));
      for (String name : List.of("parked-between-runs", "started-in-second-run")) {
        String container = containerOfThread(between, name);
        assertNotNull(container, engine + ": " + name + " is not in the dump:\n" + between);
        if (engine == Engine.FAST) {
          assertTrue(container.startsWith("weft-loop-"), name + " is in " + container);
        }
      }
      loop.close();
      if (engine == Engine.FAST) {
        String loopContainer = containerOfThread(between, "parked-between-runs");
        String after = dumpFromAPlatformThread(dir.resolve(engine + "-closed.json"));
        assertFalse(containersOf(after).contains(loopContainer), containersOf(after).toString());
      }
    }
  }

  private static Void sleepADay() throws Exception {
    Weft.sleep(Duration.ofDays(1));
    return null;
  }
}
