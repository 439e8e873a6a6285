package dev.weft.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testjvm.ChildJvm;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * No silent slow mode (issue 13, item 2), in real child JVMs started without the fast engine's
 * flag: a loop that did not choose an engine fails at the call that starts it, naming the flag,
 * the manifest attribute and the knowing way to the portable engine; choosing the portable
 * engine (property or RunConfig) works; and weft prints nothing on stderr.
 */
class EngineSelectionTest {
  /** Without the flag and without a choice, Weft.run and EventLoop.open fail, saying what to do. */
  @Test
  void testUnreachableFastEngineFailsAtRun() throws Exception {
    try (ChildJvm child = ChildJvm.start(List.of("-Dweft.engine="), EngineSelectionChild.class)) {
      assertEquals(0, child.await(60), child.toString());
      String out = child.stdout();
      assertTrue(out.contains("default run failed: java.lang.IllegalStateException: Weft.run "
          + "cannot start a loop: no engine was chosen"), out);
      for (String needed :
          List.of(
              "--add-opens java.base/java.lang=ALL-UNNAMED",
              "--add-opens java.base/java.lang=dev.weft",
              "Add-Opens: java.base/java.lang",
              "-Dweft.engine=portable",
              "RunConfig.withEngine(Engine.PORTABLE)",
              "cannot be cancelled")) {
        assertTrue(out.contains(needed), "the message lacks " + needed + ": " + out);
      }
      assertTrue(out.contains("default loop failed: java.lang.IllegalStateException: "
          + "EventLoop.open cannot start a loop"), out);
      assertTrue(out.contains("portable run: ran"), out);
      assertEquals("", child.stderr(), "weft writes nothing to stderr");
    }
  }

  /** -Dweft.engine=portable accepts the portable engine knowingly, and silently. */
  @Test
  void testPortableByPropertyRunsSilently() throws Exception {
    try (ChildJvm child =
        ChildJvm.start(List.of("-Dweft.engine=portable"), EngineSelectionChild.class)) {
      assertEquals(0, child.await(60), child.toString());
      String out = child.stdout();
      assertTrue(out.contains("default run: ran"), out);
      assertTrue(out.contains("default loop: opened"), out);
      assertTrue(out.contains("portable run: ran"), out);
      assertEquals("", child.stderr(), "weft writes nothing to stderr");
    }
  }

  /**
   * An executable jar whose manifest says {@code Add-Opens: java.base/java.lang} reaches the fast
   * engine with no flag at all (what the error message and the README tell users to do).
   */
  @Test
  void testExecutableJarWithAddOpensManifest() throws Exception {
    Path dir = Files.createTempDirectory("weft-jar");
    Path jar = dir.resolve("app.jar");
    try {
      StringBuilder classPath = new StringBuilder();
      String cp =
          System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      for (String entry : cp.split(File.pathSeparator)) {
        Path p = Path.of(entry).toAbsolutePath();
        // Class-Path entries are URLs relative to the jar; a directory needs its trailing slash.
        String rel = dir.relativize(p).toString().replace(File.separatorChar, '/');
        classPath.append(Files.isDirectory(p) ? rel + "/" : rel).append(' ');
      }
      Manifest m = new Manifest();
      m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
      m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, EngineSelectionChild.class.getName());
      m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath.toString().trim());
      m.getMainAttributes().putValue("Add-Opens", "java.base/java.lang");
      // the manifest is the whole jar: the classes come through its Class-Path
      new JarOutputStream(Files.newOutputStream(jar), m).close();
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Dweft.engine=",
                  "-jar",
                  jar.toString())
              .redirectErrorStream(true)
              .start();
      try {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child did not end");
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("default run: ran"), out);
        assertTrue(out.contains("default loop: opened"), out);
      } finally {
        p.destroyForcibly();
      }
    } finally {
      Files.deleteIfExists(jar);
      Files.deleteIfExists(dir);
    }
  }

  /** With the flag, the default is the fast engine, also in a child started like a user's JVM. */
  @Test
  void testFlagGivesTheFastEngine() throws Exception {
    try (ChildJvm child =
        ChildJvm.start(
            List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Dweft.engine="),
            EngineSelectionChild.class)) {
      assertEquals(0, child.await(60), child.toString());
      assertTrue(child.stdout().contains("default run: ran"), child.stdout());
      assertEquals("", child.stderr());
    }
  }
}
