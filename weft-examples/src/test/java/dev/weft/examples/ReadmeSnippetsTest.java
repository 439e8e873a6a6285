package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of the READMEs compiles (issue 13, item 4): a snippet that stopped
 * compiling (an API renamed, a lambda parameter that clashes with a variable, a method that
 * exists only on another type) fails the build. A snippet that is a whole compilation unit (it
 * declares a class) is compiled as it is; any other is the body of a method of a class that
 * extends {@link dev.weft.examples.readme.ReadmeContext}, which supplies the helpers the prose
 * talks about ({@code fetch}, an {@code account}, ...); lines that start with {@code static } are
 * its members, and {@code import} lines go on top. Every snippet gets the same imports: weft's
 * API packages, {@code java.util}, {@code java.util.concurrent}, {@code java.time}, {@code java.io},
 * {@code java.net.http}, and static imports of {@code Asyncio} and JUnit's assertions. The
 * snippets are compiled, never run. A whole-suite javac run takes a few seconds.
 */
class ReadmeSnippetsTest {
  private static final List<Path> READMES =
      List.of(Path.of("..", "README.md"), Path.of("..", "weft-testing", "README.md"));

  private static final String IMPORTS =
      String.join(
          "\n",
          "import dev.weft.*;",
          "import dev.weft.cancel.*;",
          "import dev.weft.lowlevel.*;",
          "import dev.weft.sync.*;",
          "import dev.weft.queue.*;",
          "import dev.weft.channel.*;",
          "import dev.weft.stream.*;",
          "import dev.weft.net.*;",
          "import dev.weft.thread.*;",
          "import dev.weft.asyncio.*;",
          "import dev.weft.testing.*;",
          "import dev.weft.examples.*;",
          "import java.util.*;",
          "import java.util.concurrent.*;",
          "import java.time.*;",
          "import java.io.*;",
          "import java.net.http.*;",
          // names that two of the packages above share: the README means weft's
          "import dev.weft.sync.Lock;",
          "import dev.weft.sync.Event;",
          "import dev.weft.sync.Condition;",
          "import dev.weft.sync.Semaphore;",
          "import dev.weft.queue.PriorityQueue;",
          "import dev.weft.queue.Queue;",
          "import dev.weft.lowlevel.Clock;",
          "import static dev.weft.asyncio.Asyncio.*;",
          "import static org.junit.jupiter.api.Assertions.*;",
          "import static java.nio.charset.StandardCharsets.UTF_8;",
          "");

  /** One {@code ```java} block: its text, and the file and line it starts on. */
  record Snippet(String code, Path file, int line) {}

  static List<Snippet> snippets(Path file) throws java.io.IOException {
    String readme = Files.readString(file);
    List<Snippet> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^```java[^\\n]*\\n(.*?)^```", Pattern.DOTALL).matcher(readme);
    while (m.find()) {
      int line = (int) readme.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 2;
      out.add(new Snippet(m.group(1), file, line));
    }
    return out;
  }

  /** The compilation unit a snippet is checked as. */
  static String unit(Snippet s, String pkg, String className) {
    List<String> imports = new ArrayList<>();
    List<String> members = new ArrayList<>();
    List<String> body = new ArrayList<>();
    boolean wholeUnit =
        Pattern.compile("(?m)^(public )?(final )?(class|record|interface|enum) ").matcher(s.code()).find();
    for (String line : s.code().split("\n", -1)) {
      if (line.startsWith("import ")) {
        imports.add(line);
      } else if (!wholeUnit && line.startsWith("static ")) {
        members.add(line);
      } else {
        body.add(line);
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("package ").append(pkg).append(";\n").append(IMPORTS);
    imports.forEach(i -> sb.append(i).append('\n'));
    // The snippet's own lines keep their numbers relative to this marker in error messages.
    sb.append("// README line ").append(s.line()).append('\n');
    if (wholeUnit) {
      body.forEach(l -> sb.append(l).append('\n'));
    } else {
      sb.append("class ").append(className)
          .append(" extends dev.weft.examples.readme.ReadmeContext {\n");
      members.forEach(l -> sb.append(l).append('\n'));
      sb.append("@SuppressWarnings(\"unused\") void snippet() throws Exception {\n");
      body.forEach(l -> sb.append(l).append('\n'));
      sb.append("}\n}\n");
    }
    return sb.toString();
  }

  private static JavaFileObject source(String pkg, String name, String code) {
    return new SimpleJavaFileObject(
        URI.create("string:///" + pkg.replace('.', '/') + "/" + name + ".java"),
        JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return code;
      }
    };
  }

  /** Each {@code ```java} block of README.md and weft-testing/README.md compiles. */
  @Test
  void testEveryJavaSnippetCompiles() throws Exception {
    List<Snippet> all = new ArrayList<>();
    for (Path readme : READMES) {
      all.addAll(snippets(readme));
    }
    assertTrue(all.size() >= 10, "found only " + all.size() + " java blocks in " + READMES);
    List<JavaFileObject> units = new ArrayList<>();
    List<String> where = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      Snippet s = all.get(i);
      String pkg = "readme.snippet" + i;
      Matcher pub = Pattern.compile("(?m)^public (final )?(class|record|interface|enum) (\\w+)")
          .matcher(s.code());
      String name = pub.find() ? pub.group(3) : "Snippet";
      units.add(source(pkg, name, unit(s, pkg, name)));
      where.add(pkg);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path out = Files.createTempDirectory("weft-readme");
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    StringWriter log = new StringWriter();
    boolean ok =
        javac
            .getTask(
                log,
                null,
                diagnostics,
                List.of("-proc:none", "-d", out.toString(), "-cp", cp, "--release", "25"),
                null,
                units)
            .call();
    StringBuilder errors = new StringBuilder();
    diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
        .forEach(
            d -> {
              String pkg = d.getSource() == null ? "?" : d.getSource().toUri().getPath();
              int idx = where.indexOf(pkg.substring(1, pkg.lastIndexOf('/')).replace('/', '.'));
              Snippet s = idx >= 0 ? all.get(idx) : null;
              errors
                  .append(s == null ? "?" : s.file().normalize() + " snippet at line " + s.line())
                  .append(": ")
                  .append(d.getMessage(Locale.ROOT))
                  .append("\n    in: ")
                  .append(
                      d.getSource() == null
                          ? ""
                          : sourceLine(d.getSource(), d.getLineNumber()))
                  .append('\n');
            });
    try (var files = Files.walk(out)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertTrue(ok, errors.length() > 0 ? errors.toString() : log.toString());
    assertEquals("", errors.toString());
  }

  private static String sourceLine(JavaFileObject src, long line) {
    try {
      String[] lines = src.getCharContent(true).toString().split("\n", -1);
      return line >= 1 && line <= lines.length ? lines[(int) line - 1].strip() : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
