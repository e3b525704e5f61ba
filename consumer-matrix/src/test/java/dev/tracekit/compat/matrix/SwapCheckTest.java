package dev.tracekit.compat.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the swap may change and what it may not, each reported on its own. */
class SwapCheckTest {
  private static final String CORE = "com.amazonaws:aws-xray-recorder-sdk-core:2.21.0";
  private static final String JACKSON = "com.fasterxml.jackson.core:jackson-databind:2.18.6";
  private static final String SHIM = "dev.tracekit.compat:xray-api-compat:0.1.0-SNAPSHOT";
  private static final String APP_LIBRARY = "com.example:app-lib:1";

  @TempDir Path dir;

  @Test
  void theCoreAndWhatOnlyItBroughtMayGoAndTheShimMayCome() throws Exception {
    List<AssertionError> errors =
        check(
            resolved(CORE, JACKSON, "org.apache.httpcomponents:httpclient:4.5.14", APP_LIBRARY),
            resolved(SHIM, JACKSON, "dev.tracekit.compat:tracekit-core:0.1", APP_LIBRARY));

    assertThat(errors).isEmpty();
  }

  @Test
  void aMovedJacksonAnUndocumentedRemovalAndAForeignAdditionAreEachReported() throws Exception {
    List<AssertionError> errors =
        check(
            resolved(CORE, JACKSON, "commons-logging:commons-logging:1.3.5"),
            resolved(SHIM, "com.fasterxml.jackson.core:jackson-databind:2.21.2", "org.x:extra:1"));

    assertThat(errors).hasSize(3);
    assertThat(errors.get(0)).hasMessageContaining("moves no com.fasterxml.jackson version");
    assertThat(errors.get(1)).hasMessageContaining("[\"commons-logging:commons-logging\"]");
    assertThat(errors.get(2)).hasMessageContaining("[\"org.x:extra\"]");
  }

  private static List<AssertionError> check(
      ResolvedDependencies before, ResolvedDependencies after) {
    SoftAssertions softly = new SoftAssertions();
    SwapCheck.verify(before, after, softly);
    return softly.assertionErrorsCollected();
  }

  private ResolvedDependencies resolved(String... artifacts) throws Exception {
    List<String> lines = new ArrayList<>();
    for (String artifact : artifacts) {
      String[] gav = artifact.split(":");
      lines.add("   " + gav[0] + ":" + gav[1] + ":jar:" + gav[2] + ":runtime");
    }
    Path file = Files.createTempFile(dir, "deps", ".txt");
    Files.write(file, lines, StandardCharsets.UTF_8);
    return ResolvedDependencies.read(file);
  }
}
