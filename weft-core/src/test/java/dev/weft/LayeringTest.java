package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Small core, layers on top (STYLE.md 1): the layers above the core (primitives, channels,
 * streams, networking, threads, processes) may use only exported packages, never {@code
 * dev.weft.internal}. Checked on the class files' constant pools, like Trio's
 * test_core_is_properly_reexported.
 */
class LayeringTest {
  static final Set<String> UPPER_LAYERS =
      Set.of(
          "sync", "queue", "channel", "asyncio", "stream", "net", "thread", "process", "debug");

  static boolean referencesInternals(Path classFile) throws Exception {
    String bytes = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
    return bytes.contains("dev/weft/internal/");
  }

  /** No class of an upper layer refers to an internal class. */
  @Test
  void testUpperLayersUseOnlyPublicApi() throws Exception {
    Path root = ApiSurfaceTest.classesRoot().resolve("dev/weft");
    Set<String> offenders = new TreeSet<>();
    for (String layer : UPPER_LAYERS) {
      Path dir = root.resolve(layer);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
          if (referencesInternals(f)) {
            offenders.add(root.relativize(f).toString());
          }
        }
      }
    }
    assertEquals(Set.of(), offenders);
  }

  /** The scan does see internal references where they are (so the test above can fail). */
  @Test
  void testScannerDetectsInternalReferences() throws Exception {
    Path root = ApiSurfaceTest.classesRoot().resolve("dev/weft");
    assertTrue(referencesInternals(root.resolve("Weft.class")));
    assertTrue(!referencesInternals(root.resolve("Block.class")));
  }

  /** The internal core does not depend on the engines' implementation classes beyond their SPI. */
  @Test
  void testCoreUsesEngineSpiOnly() throws Exception {
    Path core = ApiSurfaceTest.classesRoot().resolve("dev/weft/internal/core");
    Set<String> offenders = new TreeSet<>();
    try (Stream<Path> files = Files.list(core)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        if (bytes.contains("internal/engine/FastEngine") || bytes.contains("internal/engine/PortableEngine")) {
          offenders.add(f.getFileName().toString());
        }
      }
    }
    assertEquals(Set.of(), offenders);
  }
}
