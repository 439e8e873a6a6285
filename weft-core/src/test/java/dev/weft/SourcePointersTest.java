package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No stale pointers (STYLE.md 10): every {@code SomeTest#testSomething} that an implementation
 * note names, in any module's main sources, is a test method that exists.
 */
class SourcePointersTest {
  /** "FooTest#testA", then optionally ", #testB and #testC" naming more methods of FooTest. */
  private static final Pattern POINTER =
      Pattern.compile("\\b([A-Z]\\w*Test)#(\\w+)((?:[\\s,*]*(?:and|or)?[\\s,*]*#\\w+)*)");

  private static final Pattern MORE = Pattern.compile("#(\\w+)");

  /** {@return "Class#method" for every pointer in the text} */
  static List<String> pointers(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = POINTER.matcher(text);
    while (m.find()) {
      out.add(m.group(1) + "#" + m.group(2));
      Matcher more = MORE.matcher(m.group(3));
      while (more.find()) {
        out.add(m.group(1) + "#" + more.group(1));
      }
    }
    return out;
  }

  private static Path repoRoot() {
    // Surefire runs with the module's directory as the working directory.
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("weft-core")) ? here : here.getParent();
  }

  private static List<Path> javaFiles(String kind) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> modules = Files.list(repoRoot())) {
      for (Path m : modules.toList()) {
        Path src = m.resolve("src").resolve(kind).resolve("java");
        if (Files.isDirectory(src)) {
          try (Stream<Path> files = Files.walk(src)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(out::add);
          }
        }
      }
    }
    return out;
  }

  /** Every Test#method named in main sources is a method of that test class. */
  @Test
  void testNamedTestMethodsExist() throws IOException {
    Map<String, String> tests = new HashMap<>();
    for (Path f : javaFiles("test")) {
      tests.merge(
          f.getFileName().toString().replace(".java", ""),
          Files.readString(f),
          (a, b) -> a + b);
    }
    Set<String> stale = new TreeSet<>();
    int seen = 0;
    for (Path f : javaFiles("main")) {
      for (String p : pointers(Files.readString(f))) {
        seen++;
        String[] cm = p.split("#");
        String body = tests.get(cm[0]);
        if (body == null || !Pattern.compile("\\bvoid " + cm[1] + "\\(").matcher(body).find()) {
          stale.add(p + " (in " + f.getFileName() + ")");
        }
      }
    }
    assertTrue(seen > 10, "the scan found only " + seen + " pointers; is it reading the sources?");
    assertEquals(Set.of(), stale);
  }

  /** The parser reads the forms the notes use. */
  @Test
  void testPointerForms() {
    assertEquals(
        List.of("ATest#testX", "ATest#testY", "ATest#testZ", "BTest#testW"),
        pointers(
            "See ATest#testX, #testY and\n   * #testZ. Also BTest#testW; CTest alone; WeftTest."));
  }
}
