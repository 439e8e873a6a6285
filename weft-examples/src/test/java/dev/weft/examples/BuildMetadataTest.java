package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What a project that depends on weft gets from its POMs (issue 13): a license, the metadata Maven
 * Central requires, sources and javadoc jars for every published module, and a {@code weft-bom}
 * that lists exactly the published modules at the project's version. These read the build files,
 * so they need no loop and no engine. They live here because weft-examples is the module that
 * sits on top of all the others.
 */
class BuildMetadataTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static Element pom(String module) throws Exception {
    Path p = module.isEmpty() ? ROOT.resolve("pom.xml") : ROOT.resolve(module).resolve("pom.xml");
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(p.toFile())
        .getDocumentElement();
  }

  /** The direct child element {@code name} of {@code e}, or null. */
  private static Element child(Element e, String name) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(name)) {
        return c;
      }
    }
    return null;
  }

  private static String text(Element e, String path) {
    Element cur = e;
    for (String part : path.split("/")) {
      cur = child(cur, part);
      if (cur == null) {
        return null;
      }
    }
    return cur.getTextContent().trim();
  }

  private static List<Element> children(Element e, String name) {
    List<Element> out = new ArrayList<>();
    if (e == null) {
      return out;
    }
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(name)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The modules Maven would deploy: every reactor module that does not skip deploying. */
  private static TreeSet<String> publishedModules() throws Exception {
    TreeSet<String> out = new TreeSet<>();
    for (Element m : children(child(pom(""), "modules"), "module")) {
      String name = m.getTextContent().trim();
      Element pom = pom(name);
      if (!"true".equals(text(pom, "properties/maven.deploy.skip"))
          && !"pom".equals(text(pom, "packaging"))) {
        out.add(name);
      }
    }
    return out;
  }

  /** The repository carries the Apache-2.0 text that the POMs name. */
  @Test
  void testLicenseFileIsApache2() throws Exception {
    String license = Files.readString(ROOT.resolve("LICENSE"));
    assertTrue(license.contains("Apache License") && license.contains("Version 2.0"), "LICENSE");
    assertEquals("Apache-2.0", text(pom(""), "licenses/license/name"));
  }

  /** The parent POM has every field Maven Central asks for; the modules inherit them. */
  @Test
  void testParentHasCentralMetadata() throws Exception {
    Element parent = pom("");
    for (String field :
        List.of(
            "name",
            "description",
            "url",
            "licenses/license/url",
            "developers/developer/name",
            "scm/url",
            "scm/connection")) {
      String v = text(parent, field);
      assertTrue(v != null && !v.isEmpty(), "weft-parent lacks <" + field + ">");
    }
  }

  /** Every published module builds a sources jar and a javadoc jar; weft-core and weft-testing are them. */
  @Test
  void testPublishedModulesAttachSourcesAndJavadoc() throws Exception {
    TreeSet<String> published = publishedModules();
    assertEquals(new TreeSet<>(List.of("weft-core", "weft-testing")), published);
    for (String module : published) {
      TreeSet<String> plugins = new TreeSet<>();
      for (Element p : children(child(child(pom(module), "build"), "plugins"), "plugin")) {
        plugins.add(text(p, "artifactId"));
      }
      assertTrue(plugins.contains("maven-source-plugin"), module + " attaches no sources jar");
      assertTrue(plugins.contains("maven-javadoc-plugin"), module + " attaches no javadoc jar");
    }
  }

  /** weft-bom has the project's version and manages exactly the published modules, at it. */
  @Test
  void testBomListsEveryPublishedModuleAtTheProjectVersion() throws Exception {
    Element parent = pom("");
    Element bom = pom("weft-bom");
    String version = text(parent, "version");
    assertEquals(version, text(bom, "version"), "weft-bom's version must follow weft-parent's");
    assertEquals(text(parent, "groupId"), text(bom, "groupId"));
    // No parent: inheriting weft-parent would hand importers its JUnit and JMH management too.
    assertEquals(null, child(bom, "parent"), "weft-bom must not inherit weft-parent");
    for (String field : List.of("url", "licenses/license/name", "scm/url", "developers/developer/name")) {
      assertEquals(text(parent, field), text(bom, field), "weft-bom's <" + field + ">");
    }
    TreeSet<String> managed = new TreeSet<>();
    for (Element d :
        children(child(child(bom, "dependencyManagement"), "dependencies"), "dependency")) {
      managed.add(text(d, "artifactId"));
      assertEquals("${project.version}", text(d, "version"), text(d, "artifactId"));
    }
    assertEquals(publishedModules(), managed);
  }

  /** Every module shares one version, in the documented scheme: MAJOR.MINOR.PATCH[-SNAPSHOT]. */
  @Test
  void testOneVersionForAllModules() throws Exception {
    String version = text(pom(""), "version");
    assertTrue(version.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), version);
    for (Element m : children(child(pom(""), "modules"), "module")) {
      Element pom = pom(m.getTextContent().trim());
      String v = child(pom, "parent") != null ? text(pom, "parent/version") : text(pom, "version");
      assertEquals(version, v, m.getTextContent().trim());
      assertFalse(child(pom, "parent") != null && child(pom, "version") != null,
          m.getTextContent().trim() + " repeats the version its parent gives it");
    }
  }
}
