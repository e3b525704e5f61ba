package dev.tracekit.compat.matrix;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The pom an app had before the migration guide's one edit (§1 "Swap the dependency"), made by
 * undoing that edit on the consumer's pom: the BOM import goes, every exclusion of the real core
 * goes (and an {@code <exclusions>} left empty), and {@code xray-api-compat} becomes the real
 * core {@value #REAL_CORE_VERSION}. Where an X-Ray module brought the core ({@link
 * Consumer.CoreBefore#TRANSITIVE}) the comparison is the same, like for like: that module's core is
 * older (its own release), and what moving off an older core changes (its Jackson, its own
 * dependencies) is the migration guide's to say, not a property of the shim. Any other {@code
 * dev.tracekit.compat} dependency (the test kit) came with the migration and goes too.
 *
 * <p>It first checks that the consumer is migrated as the guide says: the BOM imported, {@code
 * xray-api-compat} without a version, the core excluded from every X-Ray module.
 */
final class BeforeSwapPom {
  static final String SHIM_GROUP = "dev.tracekit.compat";
  static final String REAL_CORE_GROUP = "com.amazonaws";
  static final String REAL_CORE = "aws-xray-recorder-sdk-core";
  static final String REAL_CORE_VERSION = "2.21.0";
  private static final String BOM = "xray-compat-bom";
  private static final String SHIM = "xray-api-compat";
  private static final String XRAY_MODULE_PREFIX = "aws-xray-recorder-sdk-";

  private BeforeSwapPom() {}

  /** Reads the migrated {@code pom}, undoes the swap and writes the result to {@code before}. */
  static void write(Path pom, Path before, Consumer.CoreBefore core) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document document = factory.newDocumentBuilder().parse(pom.toFile());
    Element project = document.getDocumentElement();
    checkMigrated(pom, project);
    for (Element dependency : elements(project, "dependency")) {
      undoExclusions(dependency);
      if (SHIM_GROUP.equals(text(dependency, "groupId"))) {
        undoShimDependency(dependency, core);
      }
    }
    Transformer transformer = TransformerFactory.newInstance().newTransformer();
    transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
    transformer.transform(new DOMSource(document), new StreamResult(before.toFile()));
  }

  private static void checkMigrated(Path pom, Element project) {
    boolean bomImported = false;
    boolean shimDeclared = false;
    for (Element dependency : elements(project, "dependency")) {
      String groupId = text(dependency, "groupId");
      String artifactId = text(dependency, "artifactId");
      if (SHIM_GROUP.equals(groupId) && BOM.equals(artifactId)) {
        bomImported |=
            "import".equals(text(dependency, "scope")) && "pom".equals(text(dependency, "type"));
      } else if (SHIM_GROUP.equals(groupId) && SHIM.equals(artifactId)) {
        shimDeclared = true;
        require(text(dependency, "version") == null, pom, "xray-api-compat has its own version");
      } else if (REAL_CORE_GROUP.equals(groupId)
          && artifactId.startsWith(XRAY_MODULE_PREFIX)
          && !"pom".equals(text(dependency, "type"))) {
        require(!REAL_CORE.equals(artifactId), pom, "the real core is still declared");
        require(excludesRealCore(dependency), pom, artifactId + " does not exclude the real core");
      }
    }
    require(bomImported, pom, "the BOM " + SHIM_GROUP + ":" + BOM + " is not imported");
    require(shimDeclared, pom, "xray-api-compat is not a dependency");
  }

  private static void require(boolean condition, Path pom, String problem) {
    if (!condition) {
      throw new IllegalStateException(
          pom + " is not migrated as migration-guide.md §1 says: " + problem);
    }
  }

  private static boolean excludesRealCore(Element dependency) {
    for (Element exclusion : elements(dependency, "exclusion")) {
      if (isRealCore(exclusion)) {
        return true;
      }
    }
    return false;
  }

  private static void undoExclusions(Element dependency) {
    for (Element exclusions : elements(dependency, "exclusions")) {
      for (Element exclusion : elements(exclusions, "exclusion")) {
        if (isRealCore(exclusion)) {
          exclusions.removeChild(exclusion);
        }
      }
      if (elements(exclusions, "exclusion").isEmpty()) {
        dependency.removeChild(exclusions);
      }
    }
  }

  private static void undoShimDependency(Element dependency, Consumer.CoreBefore core) {
    boolean declaredShim =
        SHIM.equals(text(dependency, "artifactId"))
            && "dependencies".equals(dependency.getParentNode().getNodeName())
            && "project".equals(dependency.getParentNode().getParentNode().getNodeName());
    if (declaredShim && core != Consumer.CoreBefore.NONE) {
      child(dependency, "groupId").setTextContent(REAL_CORE_GROUP);
      Element artifactId = child(dependency, "artifactId");
      artifactId.setTextContent(REAL_CORE);
      Element version = dependency.getOwnerDocument().createElement("version");
      version.setTextContent(REAL_CORE_VERSION);
      dependency.insertBefore(version, artifactId.getNextSibling());
    } else {
      dependency.getParentNode().removeChild(dependency);
    }
  }

  private static boolean isRealCore(Element exclusion) {
    return REAL_CORE_GROUP.equals(text(exclusion, "groupId"))
        && REAL_CORE.equals(text(exclusion, "artifactId"));
  }

  /** Every descendant element named {@code name}, as a list that edits do not change. */
  private static List<Element> elements(Element root, String name) {
    List<Element> list = new ArrayList<>();
    NodeList nodes = root.getElementsByTagName(name);
    for (int i = 0; i < nodes.getLength(); i++) {
      list.add((Element) nodes.item(i));
    }
    return list;
  }

  private static Element child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element && node.getNodeName().equals(name)) {
        return (Element) node;
      }
    }
    return null;
  }

  private static String text(Element parent, String name) {
    Element child = child(parent, name);
    return child == null ? null : child.getTextContent().trim();
  }
}
