package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.reflect.AccessFlag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A method is a checkpoint on every call or on none (STYLE.md 4), and so are its overloads: every
 * public method of an exported package carries {@link Checkpoint} on all its overloads or on none.
 * {@code @Checkpoint} has CLASS retention, so this reads the class files.
 */
class CheckpointOverloadsTest {
  private static final String CHECKPOINT = "Ldev/weft/Checkpoint;";

  /** {@return "Class.method" for each overload set of {@code model} that disagrees} */
  static Set<String> disagreements(ClassModel model) {
    Map<String, Boolean> seen = new HashMap<>();
    Set<String> out = new TreeSet<>();
    for (MethodModel m : model.methods()) {
      Set<AccessFlag> flags = m.flags().flags();
      if (!flags.contains(AccessFlag.PUBLIC)
          || flags.contains(AccessFlag.SYNTHETIC)
          || flags.contains(AccessFlag.BRIDGE)) {
        continue;
      }
      boolean checkpoint =
          m.findAttribute(Attributes.runtimeInvisibleAnnotations())
              .map(a -> a.annotations().stream()
                  .anyMatch(an -> an.className().stringValue().equals(CHECKPOINT)))
              .orElse(false);
      String name = m.methodName().stringValue();
      Boolean before = seen.putIfAbsent(name, checkpoint);
      if (before != null && before != checkpoint) {
        out.add(model.thisClass().asInternalName().replace('/', '.') + "." + name);
      }
    }
    return out;
  }

  /** Every overload set in the exported packages agrees on @Checkpoint. */
  @Test
  void testOverloadsAgree() throws Exception {
    Set<String> bad = new TreeSet<>();
    int classes = 0;
    for (String pkg : ApiSurfaceTest.API_PACKAGES) {
      Path dir = ApiSurfaceTest.classesRoot().resolve(pkg.replace('.', '/'));
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
          bad.addAll(disagreements(ClassFile.of().parse(Files.readAllBytes(f))));
          classes++;
        }
      }
    }
    assertTrue(classes > 50, "read only " + classes + " classes");
    assertEquals(Set.of(), bad);
  }

  /** The check sees a disagreement where there is one (so the test above can fail). */
  @Test
  void testDetectsDisagreement() throws Exception {
    Path f = ApiSurfaceTest.classesRoot().resolve("dev/weft/Weft.class");
    ClassModel weft = ClassFile.of().parse(Files.readAllBytes(f));
    // Weft.sleep is a checkpoint; Weft.currentTime is not. Reading both must tell them apart.
    List<Boolean> marks =
        weft.methods().stream()
            .filter(m -> List.of("sleep", "currentTime").contains(m.methodName().stringValue()))
            .map(m -> m.findAttribute(Attributes.runtimeInvisibleAnnotations()).isPresent())
            .distinct()
            .toList();
    assertEquals(2, marks.size(), "both a marked and an unmarked method were found");
  }
}
