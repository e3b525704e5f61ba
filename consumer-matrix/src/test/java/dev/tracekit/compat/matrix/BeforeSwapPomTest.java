package dev.tracekit.compat.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Undoing the guide's pom edit: what comes back, what goes, and which poms are refused. */
class BeforeSwapPomTest {
  private static final String IMPORT = "<type>pom</type><scope>import</scope>";
  private static final String EXCLUDE_CORE =
      exclusion("com.amazonaws", "aws-xray-recorder-sdk-core");
  private static final String MIGRATED =
      "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">"
          + "<dependencyManagement><dependencies>"
          + dependency("com.example", "other-bom", "<version>1</version>" + IMPORT)
          + dependency("dev.tracekit.compat", "xray-compat-bom", "<version>9</version>" + IMPORT)
          + "</dependencies></dependencyManagement>"
          + "<dependencies>"
          + dependency("dev.tracekit.compat", "xray-api-compat", "<scope>compile</scope>")
          + dependency(
              "com.amazonaws",
              "aws-xray-recorder-sdk-sql",
              "<version>2.19.0</version><exclusions>" + EXCLUDE_CORE + "</exclusions>")
          + dependency(
              "com.amazonaws",
              "aws-xray-recorder-sdk-spring",
              "<version>2.21.0</version><exclusions>"
                  + EXCLUDE_CORE
                  + exclusion("org.aspectj", "aspectjrt")
                  + "</exclusions>")
          + dependency("dev.tracekit.compat", "xray-compat-test-fixtures", "<scope>test</scope>")
          + "</dependencies></project>";

  @TempDir Path dir;

  @Test
  void theDeclaredCoreComesBackInPlaceOfTheShimAndEveryOtherPartOfTheEditGoes() throws Exception {
    String before = undo(MIGRATED, Consumer.CoreBefore.DIRECT);

    assertThat(before)
        .doesNotContain("dev.tracekit.compat")
        .contains(
            dependency(
                "com.amazonaws",
                "aws-xray-recorder-sdk-core",
                "<version>2.21.0</version><scope>compile</scope>"))
        .contains(
            dependency("com.amazonaws", "aws-xray-recorder-sdk-sql", "<version>2.19.0</version>"))
        .contains("<exclusions>" + exclusion("org.aspectj", "aspectjrt") + "</exclusions>")
        .contains("<artifactId>other-bom</artifactId>");
  }

  @Test
  void aCoreThatOnlyAnXRayModuleBroughtIsComparedAsTheCurrentCoreInTheShimsPlace() throws Exception {
    String before = undo(MIGRATED, Consumer.CoreBefore.TRANSITIVE);

    assertThat(before)
        .doesNotContain("dev.tracekit.compat")
        .contains(
            dependency(
                "com.amazonaws",
                "aws-xray-recorder-sdk-core",
                "<version>2.21.0</version><scope>compile</scope>"));
  }

  @Test
  void aPomNotMigratedAsTheGuideSaysIsRefused() {
    String notExcluded = MIGRATED.replaceFirst("<exclusions>" + EXCLUDE_CORE + "</exclusions>", "");
    String notImported = MIGRATED.replace("xray-compat-bom", "other");

    assertThatThrownBy(() -> undo(notExcluded, Consumer.CoreBefore.DIRECT))
        .hasMessageContaining("aws-xray-recorder-sdk-sql does not exclude the real core");
    assertThatThrownBy(() -> undo(notImported, Consumer.CoreBefore.DIRECT))
        .hasMessageContaining("is not imported");
  }

  private String undo(String pom, Consumer.CoreBefore core) throws Exception {
    Path migrated = dir.resolve("pom.xml");
    Path before = dir.resolve("pom-before.xml");
    Files.write(migrated, pom.getBytes(StandardCharsets.UTF_8));
    BeforeSwapPom.write(migrated, before, core);
    return new String(Files.readAllBytes(before), StandardCharsets.UTF_8);
  }

  private static String dependency(String groupId, String artifactId, String rest) {
    return "<dependency>" + coordinates(groupId, artifactId) + rest + "</dependency>";
  }

  private static String exclusion(String groupId, String artifactId) {
    return "<exclusion>" + coordinates(groupId, artifactId) + "</exclusion>";
  }

  private static String coordinates(String groupId, String artifactId) {
    return "<groupId>" + groupId + "</groupId><artifactId>" + artifactId + "</artifactId>";
  }
}
