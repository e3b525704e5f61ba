package dev.tracekit.compat.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading dependency:list output, with its module and optional annexes and classifiers. */
class ResolvedDependenciesTest {
  @TempDir Path dir;

  @Test
  void readsEachArtifactOfADependencyListWithItsVersion() throws Exception {
    ResolvedDependencies resolved =
        read(
            "",
            "The following files have been resolved:",
            "   com.fasterxml.jackson.core:jackson-core:jar:2.18.6:compile -- module jackson.core",
            "   com.squareup.okhttp3:okhttp:jar:3.14.9:compile -- module okhttp3 [auto]",
            "   dev.tracekit.compat:tracekit-core:test-jar:tests:0.1.0-SNAPSHOT:test",
            "   org.example:maybe:jar:1.0:runtime (optional)",
            "");

    assertThat(resolved.versions())
        .containsExactly(
            entry("com.fasterxml.jackson.core:jackson-core", "2.18.6"),
            entry("com.squareup.okhttp3:okhttp", "3.14.9"),
            entry("dev.tracekit.compat:tracekit-core:tests", "0.1.0-SNAPSHOT"),
            entry("org.example:maybe", "1.0"));
    assertThat(resolved.inGroup("com.squareup")).containsOnlyKeys("com.squareup.okhttp3:okhttp");
  }

  @Test
  void anEmptyListHasNoArtifacts() throws Exception {
    assertThat(read("The following files have been resolved:", "   none").versions()).isEmpty();
  }

  private ResolvedDependencies read(String... lines) throws Exception {
    Path file = dir.resolve("deps.txt");
    Files.write(file, Arrays.asList(lines), StandardCharsets.UTF_8);
    return ResolvedDependencies.read(file);
  }
}
