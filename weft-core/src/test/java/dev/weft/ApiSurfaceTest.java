package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API boundary (STYLE.md 2 and 3): the module exports only API packages; every public type
 * there is final, sealed, a record, an enum, an interface or a Throwable; and no public signature
 * names an internal type. These check class files, so they need no loop and no engine.
 */
class ApiSurfaceTest {
  static final Set<String> API_PACKAGES =
      Set.of(
          "dev.weft",
          "dev.weft.cancel",
          "dev.weft.lowlevel",
          "dev.weft.sync",
          "dev.weft.queue",
          "dev.weft.channel",
          "dev.weft.asyncio",
          "dev.weft.thread",
          "dev.weft.stream",
          "dev.weft.net");

  static Path classesRoot() throws URISyntaxException {
    return Path.of(Weft.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  static List<Class<?>> classesIn(String pkg) throws Exception {
    Path dir = classesRoot().resolve(pkg.replace('.', '/'));
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
        String simple = p.getFileName().toString().replace(".class", "");
        if (simple.equals("package-info") || simple.equals("module-info")) {
          continue;
        }
        out.add(Class.forName(pkg + "." + simple.replace('/', '.'), false, Weft.class.getClassLoader()));
      }
    }
    return out;
  }

  /** module-info exports exactly the API packages. */
  @Test
  void testModuleExportsOnlyApi() throws Exception {
    try (InputStream in = Files.newInputStream(classesRoot().resolve("module-info.class"))) {
      ModuleDescriptor d = ModuleDescriptor.read(in);
      assertEquals("dev.weft", d.name());
      Set<String> exported =
          d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
      assertEquals(API_PACKAGES, exported);
    }
  }

  /** Every public type of an exported package is final, sealed, a record, enum, interface or Throwable. */
  @Test
  void testPublicTypesAreClosed() throws Exception {
    Set<String> open = new TreeSet<>();
    for (String pkg : API_PACKAGES) {
      for (Class<?> c : classesIn(pkg)) {
        if (!Modifier.isPublic(c.getModifiers())) {
          continue;
        }
        boolean ok =
            Modifier.isFinal(c.getModifiers())
                || c.isSealed()
                || c.isRecord()
                || c.isEnum()
                || c.isInterface()
                || Throwable.class.isAssignableFrom(c);
        if (!ok) {
          open.add(c.getName());
        }
      }
    }
    assertEquals(Set.of(), open, "public API types that users could subclass");
  }

  /** Exceptions end in Exception; the one Error ends in Error. */
  @Test
  void testThrowableNames() throws Exception {
    for (String pkg : API_PACKAGES) {
      for (Class<?> c : classesIn(pkg)) {
        if (Exception.class.isAssignableFrom(c)) {
          assertTrue(c.getSimpleName().endsWith("Exception"), c.getName());
        } else if (Error.class.isAssignableFrom(c)) {
          assertTrue(c.getSimpleName().endsWith("Error"), c.getName());
        }
      }
    }
  }

  /** No public or protected signature of an API type names an internal type. */
  @Test
  void testNoInternalTypesInSignatures() throws Exception {
    Set<String> leaks = new TreeSet<>();
    for (String pkg : API_PACKAGES) {
      for (Class<?> c : classesIn(pkg)) {
        if (!Modifier.isPublic(c.getModifiers())) {
          continue;
        }
        for (Method m : c.getDeclaredMethods()) {
          if (visible(m.getModifiers())) {
            check(leaks, c.getName() + "." + m.getName(), m.getGenericReturnType());
            for (Type t : m.getGenericParameterTypes()) {
              check(leaks, c.getName() + "." + m.getName(), t);
            }
          }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
          if (visible(k.getModifiers())) {
            for (Type t : k.getGenericParameterTypes()) {
              check(leaks, c.getName() + ".<init>", t);
            }
          }
        }
        for (Field f : c.getDeclaredFields()) {
          if (visible(f.getModifiers())) {
            check(leaks, c.getName() + "." + f.getName(), f.getGenericType());
          }
        }
        if (c.getSuperclass() != null) {
          check(leaks, c.getName() + " extends", c.getGenericSuperclass());
        }
      }
    }
    assertEquals(Set.of(), leaks);
  }

  private static boolean visible(int mods) {
    return Modifier.isPublic(mods) || Modifier.isProtected(mods);
  }

  private static void check(Set<String> leaks, String where, Type t) {
    if (t.getTypeName().contains("dev.weft.internal")) {
      leaks.add(where + ": " + t.getTypeName());
    }
  }
}
