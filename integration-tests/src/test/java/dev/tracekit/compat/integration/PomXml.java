package dev.tracekit.compat.integration;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Reading pom.xml text as DOM, for the tests that check the repository's poms and docs. */
final class PomXml {
  private PomXml() {}

  /** Parses {@code xml} and returns its root element. */
  static Element parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
        .getDocumentElement();
  }

  /** Returns the child elements of {@code parent} named {@code name}, in document order. */
  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element && ((Element) node).getTagName().equals(name)) {
        out.add((Element) node);
      }
    }
    return out;
  }

  /** Returns the trimmed text of the first child named {@code name}, or null. */
  static String text(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0).getTextContent().trim();
  }
}
