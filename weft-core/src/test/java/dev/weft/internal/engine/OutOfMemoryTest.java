package dev.weft.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Heap exhaustion during a task switch fails the run with the OutOfMemoryError instead of hanging
 * it (issue 11, item 4). Each case runs {@link OutOfMemoryChild} in a real child JVM with a small
 * heap, bounded in time and killed if it overruns, under both engines.
 */
class OutOfMemoryTest {
  private static String runChild(Engine engine, String scenario, String maxHeap)
      throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-Xmx" + maxHeap,
                "--add-opens",
                "java.base/java.lang=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                OutOfMemoryChild.class.getName(),
                engine.name(),
                scenario)
            .redirectErrorStream(true)
            .start();
    try {
      // Under the suite's 60 s test timeout: the child is killed before JUnit gives up.
      boolean ended = p.waitFor(50, TimeUnit.SECONDS);
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(ended, "the child JVM hung; its output so far:\n" + out);
      return out;
    } finally {
      // A JVM out of heap may not even manage to exit on SIGTERM: kill it for good.
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String resultLine(String out) throws IOException {
    List<String> lines = out.lines().filter(l -> l.startsWith("RESULT ")).toList();
    assertEquals(1, lines.size(), out);
    return lines.get(0);
  }

  /** A task that fills the heap between checkpoints (1 MB at a time, the case). */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testFillingTheHeapFailsTheRun(Engine engine) throws Exception {
    String out = runChild(engine, "fill", "128m");
    assertEquals("RESULT threw java.lang.OutOfMemoryError", resultLine(out), out);
  }

  /**
   * A recursion with a checkpoint at every level: its frames live on the heap, so it never
   * overflows the stack and fills the heap instead. The heap is small because the collections
   * near the end free a little less each time, for seconds per collection with a larger heap
   * (about 10 s to fail with 128 MB on the fast engine, 20 to 60 s on the portable one).
   */
  @ParameterizedTest
  @EnumSource(Engine.class)
  void testRecursionThroughCheckpointsFailsTheRun(Engine engine) throws Exception {
    String out = runChild(engine, "recurse", "32m");
    assertEquals("RESULT threw java.lang.OutOfMemoryError", resultLine(out), out);
  }
}
