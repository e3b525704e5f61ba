package dev.tracekit.compat.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jackson's release rules: micro-patches, annotations by minor, and a mix that is not aligned. */
class JacksonVersionsTest {
  @TempDir Path dir;

  @Test
  void aMicroPatchAndAnAnnotationsOfTheSameMinorBelongToTheRelease() throws Exception {
    // What Spring Boot 1.5 manages.
    ResolvedDependencies boot15 =
        resolved("jackson-core 2.8.11", "jackson-databind 2.8.11.3", "jackson-annotations 2.8.0");

    assertThat(JacksonVersions.alignedRelease(boot15)).hasValue("2.8.11");
    assertThat(JacksonVersions.notOfRelease(boot15, "2.8.11")).isEmpty();
    assertThat(JacksonVersions.notOfRelease(boot15, "2.8.10"))
        .containsExactly(
            "com.fasterxml.jackson.core:jackson-core 2.8.11",
            "com.fasterxml.jackson.core:jackson-databind 2.8.11.3");
  }

  @Test
  void annotationsVersionedByMinorOnlyAreOfEveryPatchOfIt() throws Exception {
    ResolvedDependencies jackson220 =
        resolved("jackson-core 2.20.1", "jackson-databind 2.20.1", "jackson-annotations 2.20");

    assertThat(JacksonVersions.alignedRelease(jackson220)).hasValue("2.20.1");
  }

  @Test
  void aMixIsNotAlignedAndSaysWhatItIs() throws Exception {
    ResolvedDependencies mixed =
        resolved("jackson-core 2.12.7", "jackson-databind 2.18.6", "jackson-annotations 2.18.6");

    assertThat(JacksonVersions.alignedRelease(mixed)).isEmpty();
    assertThat(JacksonVersions.describe(mixed))
        .isEqualTo(
            "not aligned: "
                + "jackson-core 2.12.7, jackson-databind 2.18.6, jackson-annotations 2.18.6");
    assertThat(JacksonVersions.describe(resolved())).isEqualTo("absent");
  }

  private ResolvedDependencies resolved(String... artifacts) throws Exception {
    List<String> lines = new ArrayList<>();
    for (String artifact : artifacts) {
      String[] id = artifact.split(" ");
      lines.add("   com.fasterxml.jackson.core:" + id[0] + ":jar:" + id[1] + ":runtime");
    }
    Path file = dir.resolve("deps.txt");
    Files.write(file, lines, StandardCharsets.UTF_8);
    return ResolvedDependencies.read(file);
  }
}
