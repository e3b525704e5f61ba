package dev.tracekit.compat.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What Maven Central requires of a published pom is written twice: in the parent pom, which every
 * published module inherits, and in xray-compat-bom, which has no parent on purpose (see
 * MigrationGuidePomTest). The two copies stay equal, and so do the versions of the plugins both
 * builds run (the parent pins every plugin version; the BOM cannot inherit them).
 */
class ReleaseMetadataTest {
  private static final Path ROOT = Paths.get(System.getProperty("repository.root"));

  @Test
  void theBomCarriesTheParentsCentralMetadata() throws Exception {
    Element parent = pom("pom.xml");
    Element bom = pom("xray-compat-bom/pom.xml");

    for (String element : new String[] {"url", "licenses", "developers", "scm"}) {
      assertThat(PomXml.children(parent, element)).as("parent <%s>", element).hasSize(1);
      assertThat(normalized(PomXml.children(bom, element)))
          .as("BOM <%s>", element)
          .isEqualTo(normalized(PomXml.children(parent, element)));
    }
    for (String element : new String[] {"name", "description"}) {
      assertThat(PomXml.text(bom, element)).as("BOM <%s>", element).isNotEmpty();
    }
    Element scm = PomXml.children(parent, "scm").get(0);
    for (String element : new String[] {"connection", "developerConnection", "url"}) {
      assertThat(PomXml.text(scm, element)).as("scm <%s>", element).isNotEmpty();
    }
  }

  @Test
  void theBomRunsThePluginVersionsTheParentPins() throws Exception {
    Map<String, String> parent = properties(pom("pom.xml"));
    Map<String, String> bom = properties(pom("xray-compat-bom/pom.xml"));

    assertThat(bom.get("project.build.outputTimestamp"))
        .isEqualTo(parent.get("project.build.outputTimestamp"))
        .isNotEmpty();
    Element bomBuild = PomXml.children(pom("xray-compat-bom/pom.xml"), "build").get(0);
    Element management = PomXml.children(PomXml.children(bomBuild, "pluginManagement").get(0), "plugins").get(0);
    List<Element> plugins = PomXml.children(management, "plugin");
    assertThat(plugins).isNotEmpty();
    for (Element plugin : plugins) {
      String property = PomXml.text(plugin, "artifactId") + ".version";
      assertThat(PomXml.text(plugin, "version")).isEqualTo("${" + property + "}");
      assertThat(bom.get(property)).as(property).isNotNull().isEqualTo(parent.get(property));
    }
  }

  @Test
  void theRepositoryRootHasTheApacheLicense() throws Exception {
    List<String> license = Files.readAllLines(ROOT.resolve("LICENSE"), StandardCharsets.UTF_8);
    assertThat(license.get(1).trim()).isEqualTo("Apache License");
    assertThat(license.get(2).trim()).isEqualTo("Version 2.0, January 2004");
    assertThat(license).contains("   END OF TERMS AND CONDITIONS");
  }

  private static Element pom(String path) throws Exception {
    File file = ROOT.resolve(path).toFile();
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file).getDocumentElement();
  }

  private static Map<String, String> properties(Element project) {
    Map<String, String> out = new TreeMap<>();
    for (Element properties : PomXml.children(project, "properties")) {
      NodeList nodes = properties.getChildNodes();
      for (int i = 0; i < nodes.getLength(); i++) {
        if (nodes.item(i) instanceof Element) {
          Element property = (Element) nodes.item(i);
          out.put(property.getTagName(), property.getTextContent().trim());
        }
      }
    }
    return out;
  }

  /** Elements and text, with whitespace collapsed and comments and attributes left out. */
  private static String normalized(List<Element> elements) {
    StringBuilder out = new StringBuilder();
    for (Element element : elements) {
      append(element, out);
    }
    return out.toString();
  }

  private static void append(Node node, StringBuilder out) {
    if (node instanceof Element) {
      out.append('<').append(((Element) node).getTagName()).append('>');
      NodeList nodes = node.getChildNodes();
      for (int i = 0; i < nodes.getLength(); i++) {
        append(nodes.item(i), out);
      }
      out.append("</").append(((Element) node).getTagName()).append('>');
    } else if (node.getNodeType() == Node.TEXT_NODE) {
      out.append(node.getTextContent().trim().replaceAll("\\s+", " "));
    }
  }
}
