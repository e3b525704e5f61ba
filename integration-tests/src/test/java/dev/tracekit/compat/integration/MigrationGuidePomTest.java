package dev.tracekit.compat.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The {@code pom.xml} diff in migration-guide.md §1 is what this module does, and this module is
 * what its tests ran on: the same BOM import, {@code xray-api-compat} in place of the core, the
 * same X-Ray modules each excluding the core, at the versions whose jars are on this class path.
 * And the BOM is the one the reactor builds.
 */
class MigrationGuidePomTest {
  private static final String CORE = "com.amazonaws:aws-xray-recorder-sdk-core";
  private static final Path ROOT = Paths.get(System.getProperty("repository.root"));
  private static final String VERSION = System.getProperty("project.version");

  @Test
  void theGuidesDiffSwapsTheCoreForTheShimAndExcludesItFromEveryModule() throws Exception {
    List<String> diff = diffBlock();
    Element before = PomXml.parse(side(diff, '-'));
    Element after = PomXml.parse(side(diff, '+'));

    assertThat(dependencies(before, "dependencies")).containsKey(CORE);
    Map<String, Element> afterDependencies = dependencies(after, "dependencies");
    assertThat(afterDependencies).doesNotContainKey(CORE).containsKey("dev.tracekit.compat:xray-api-compat");
    assertThat(PomXml.text(afterDependencies.get("dev.tracekit.compat:xray-api-compat"), "version"))
        .as("xray-api-compat takes its version from the BOM")
        .isNull();
    Element bom = dependencies(after, "dependencyManagement").get("dev.tracekit.compat:xray-compat-bom");
    assertThat(bom).as("BOM import").isNotNull();
    assertThat(PomXml.text(bom, "version")).isEqualTo(VERSION);
    assertThat(PomXml.text(bom, "type")).isEqualTo("pom");
    assertThat(PomXml.text(bom, "scope")).isEqualTo("import");
    for (Map.Entry<String, Element> module : xrayModules(afterDependencies).entrySet()) {
      assertThat(exclusions(module.getValue())).as(module.getKey()).containsExactly(CORE);
    }
  }

  @Test
  void thisModuleIsSetUpAsTheGuideSays() throws Exception {
    Element guide = PomXml.parse(side(diffBlock(), '+'));
    Element pom = PomXml.parse(new String(Files.readAllBytes(ROOT.resolve("integration-tests/pom.xml")), StandardCharsets.UTF_8));

    Map<String, Element> guideModules = xrayModules(dependencies(guide, "dependencies"));
    Map<String, Element> pomModules = xrayModules(dependencies(pom, "dependencies"));
    assertThat(pomModules.keySet()).containsExactlyElementsOf(guideModules.keySet());
    for (String module : pomModules.keySet()) {
      assertThat(exclusions(pomModules.get(module))).as(module).containsExactly(CORE);
    }
    Element bom = dependencies(pom, "dependencyManagement").get("dev.tracekit.compat:xray-compat-bom");
    assertThat(bom).as("this module imports the BOM").isNotNull();
    assertThat(PomXml.text(bom, "scope")).isEqualTo("import");
    assertThat(dependencies(pom, "dependencies")).containsKey("dev.tracekit.compat:xray-api-compat");
  }

  @Test
  void theGuidesModuleVersionsAreTheOnesTested() throws Exception {
    Map<String, Element> modules = xrayModules(dependencies(PomXml.parse(side(diffBlock(), '+')), "dependencies"));
    List<String> jars = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      jars.add(Paths.get(entry).getFileName().toString());
    }

    for (Map.Entry<String, Element> module : modules.entrySet()) {
      String artifactId = module.getKey().substring(module.getKey().indexOf(':') + 1);
      assertThat(jars).contains(artifactId + "-" + PomXml.text(module.getValue(), "version") + ".jar");
    }
  }

  @Test
  void theBomManagesOnlyThisProjectsArtifactsAtItsVersion() throws Exception {
    Element bom = PomXml.parse(new String(Files.readAllBytes(ROOT.resolve("xray-compat-bom/pom.xml")), StandardCharsets.UTF_8));

    // No parent: an imported BOM would bring the parent's dependencyManagement to users.
    assertThat(PomXml.children(bom, "parent")).isEmpty();
    assertThat(PomXml.text(bom, "groupId")).isEqualTo("dev.tracekit.compat");
    assertThat(PomXml.text(bom, "artifactId")).isEqualTo("xray-compat-bom");
    assertThat(PomXml.text(bom, "version")).isEqualTo(VERSION);
    assertThat(PomXml.text(bom, "packaging")).isEqualTo("pom");
    Map<String, Element> managed = dependencies(bom, "dependencyManagement");
    assertThat(managed.keySet())
        .containsExactlyInAnyOrder(
            "dev.tracekit.compat:tracekit-core",
            "dev.tracekit.compat:tracekit-okhttp",
            "dev.tracekit.compat:xray-api-compat",
            "dev.tracekit.compat:xray-compat-test-fixtures");
    for (Element dependency : managed.values()) {
      assertThat(PomXml.text(dependency, "version")).isEqualTo("${project.version}");
    }
    assertThat(artifactIdOf("tracekit-core/pom.xml")).isEqualTo("tracekit-core");
    assertThat(artifactIdOf("tracekit-okhttp/pom.xml")).isEqualTo("tracekit-okhttp");
    assertThat(artifactIdOf("xray-api-compat/pom.xml")).isEqualTo("xray-api-compat");
    assertThat(artifactIdOf("src-test-fixtures/pom.xml")).isEqualTo("xray-compat-test-fixtures");
  }

  /** The lines of the guide's first {@code diff} code block. */
  private static List<String> diffBlock() throws Exception {
    List<String> lines = Files.readAllLines(ROOT.resolve("migration-guide.md"), StandardCharsets.UTF_8);
    int start = lines.indexOf("```diff");
    assertThat(start).as("a ```diff block in migration-guide.md").isNotNegative();
    int end = lines.subList(start + 1, lines.size()).indexOf("```");
    assertThat(end).isPositive();
    return lines.subList(start + 1, start + 1 + end);
  }

  /** The file before ({@code '-'}) or after ({@code '+'}) the diff, wrapped in a project element. */
  private static String side(List<String> diff, char sign) {
    StringBuilder xml = new StringBuilder("<project>\n");
    for (String line : diff) {
      if (line.isEmpty()) {
        continue;
      }
      char mark = line.charAt(0);
      assertThat(mark).as("diff line '%s'", line).isIn(' ', '+', '-');
      if (mark == ' ' || mark == sign) {
        xml.append(line.substring(1)).append('\n');
      }
    }
    return xml.append("</project>\n").toString();
  }

  /** The dependencies directly under {@code section} ({@code dependencies} or {@code dependencyManagement}). */
  private static Map<String, Element> dependencies(Element project, String section) {
    Map<String, Element> out = new LinkedHashMap<>();
    for (Element container : PomXml.children(project, section)) {
      Element list = container;
      if (section.equals("dependencyManagement")) {
        List<Element> inner = PomXml.children(container, "dependencies");
        if (inner.isEmpty()) {
          continue;
        }
        list = inner.get(0);
      }
      for (Element dependency : PomXml.children(list, "dependency")) {
        out.put(PomXml.text(dependency, "groupId") + ":" + PomXml.text(dependency, "artifactId"), dependency);
      }
    }
    return out;
  }

  private static Map<String, Element> xrayModules(Map<String, Element> dependencies) {
    Map<String, Element> modules = new TreeMap<>();
    for (Map.Entry<String, Element> d : dependencies.entrySet()) {
      if (d.getKey().startsWith("com.amazonaws:aws-xray-recorder-sdk-")) {
        modules.put(d.getKey(), d.getValue());
      }
    }
    assertThat(modules).as("X-Ray modules").hasSize(6);
    return modules;
  }

  private static List<String> exclusions(Element dependency) {
    List<String> out = new ArrayList<>();
    for (Element exclusions : PomXml.children(dependency, "exclusions")) {
      for (Element exclusion : PomXml.children(exclusions, "exclusion")) {
        out.add(PomXml.text(exclusion, "groupId") + ":" + PomXml.text(exclusion, "artifactId"));
      }
    }
    return out;
  }

  private static String artifactIdOf(String pom) throws Exception {
    return PomXml.text(PomXml.parse(new String(Files.readAllBytes(ROOT.resolve(pom)), StandardCharsets.UTF_8)), "artifactId");
  }

}
