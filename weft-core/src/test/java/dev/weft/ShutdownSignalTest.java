package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testjvm.ChildJvm;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ctrl-C and SIGTERM with {@link RunConfig#withCancelOnShutdown} (issue 13, item 3), with real
 * child JVMs and real signals ({@code kill -INT}, {@code kill -TERM}). Each child is bounded
 * ({@link ChildJvm#await}) and killed by its try-with-resources in any case. Every test that runs
 * a loop runs it under both engines.
 */
class ShutdownSignalTest {
  private static final List<String> JVM =
      List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Dweft.engine=");

  private static void kill(String signal, ChildJvm child) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.process().pid()))
        .redirectErrorStream(true).start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS), "kill did not finish");
    assertEquals(0, kill.exitValue(), new String(kill.getInputStream().readAllBytes()));
  }

  private static ChildJvm startChild(long graceMs, long cleanUpMs, Engine engine)
      throws IOException {
    return ChildJvm.start(
        JVM,
        ShutdownSignalChild.class,
        Long.toString(graceMs),
        Long.toString(cleanUpMs),
        engine.name());
  }

  /** SIGINT cancels the run; the worker's clean-up runs; Weft.run throws; the program goes on. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testSigintCancelsTheRunWithGrace(Engine engine) throws Exception {
    try (ChildJvm child = startChild(30_000, 100, engine)) {
      assertTrue(child.awaitOutput("ready", 30), child.toString());
      kill("INT", child);
      assertEquals(0, child.await(30), child.toString());
      String out = child.stdout();
      assertTrue(out.contains("cleaning up\ncleaned up\n"), out);
      assertTrue(out.contains("run cancelled: Weft.run: the run was cancelled: SIGINT received"), out);
      assertTrue(out.endsWith("after the run\n"), out);
    }
  }

  /** SIGTERM (what Process.destroy sends) does the same. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testSigtermCancelsTheRun(Engine engine) throws Exception {
    try (ChildJvm child = startChild(30_000, 100, engine)) {
      assertTrue(child.awaitOutput("ready", 30), child.toString());
      kill("TERM", child); // not Process.destroy(): it also closes our end of the child's stdout
      assertEquals(0, child.await(30), child.toString());
      assertTrue(child.stdout().contains("cleaned up\nrun cancelled: Weft.run: the run was "
          + "cancelled: SIGTERM received"), child.stdout());
    }
  }

  /** A second Ctrl-C while a clean-up takes its time ends the JVM at once, with status 130. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testSecondSigintEndsAtOnce(Engine engine) throws Exception {
    try (ChildJvm child = startChild(60_000, 60_000, engine)) {
      assertTrue(child.awaitOutput("ready", 30), child.toString());
      kill("INT", child);
      assertTrue(child.awaitOutput("cleaning up", 30), child.toString());
      kill("INT", child);
      assertEquals(130, child.await(30), child.toString());
      assertFalse(child.stdout().contains("cleaned up"), child.stdout());
    }
  }

  /** A clean-up that outlasts the grace period: the JVM exits when it ends, with status 130. */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testGraceRunsOut(Engine engine) throws Exception {
    try (ChildJvm child = startChild(300, 60_000, engine)) {
      assertTrue(child.awaitOutput("ready", 30), child.toString());
      kill("INT", child);
      assertEquals(130, child.await(30), child.toString());
      assertTrue(child.stdout().contains("cleaning up"), child.stdout());
      assertFalse(child.stdout().contains("cleaned up"), child.stdout());
    }
  }

  /** Without the option, Ctrl-C is the JVM's as always: it exits at once with status 130. */
  @Test
  void testWithoutTheOptionTheJvmHandlesSigint() throws Exception {
    try (ChildJvm child = ChildJvm.start(JVM, ShutdownSignalPlainChild.class)) {
      assertTrue(child.awaitOutput("ready", 30), child.toString());
      kill("INT", child);
      assertEquals(130, child.await(30), child.toString());
      assertFalse(child.stdout().contains("after"), child.stdout());
    }
  }
}
