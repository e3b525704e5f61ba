package dev.tracekit.compat.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Paths;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Extended by one test class in every module that uses Jackson. The module uses the app's own
 * Jackson, whatever 2.x it is, so its compiled classes must link ({@link BinaryLinkage}) against the
 * oldest Jackson 2 the project supports (2.8, what Spring Boot 1.4 and 1.5 apps carry) and the newest
 * one; the build copies both into {@code target/linkage} (the parent pom's {@code
 * jackson-linkage-jars}, which the module turns on).
 */
public abstract class JacksonLinkageContract {
  @Test
  void compiledClassesLinkAgainstTheOldestAndTheNewestJackson() throws Exception {
    assertThat(
            BinaryLinkage.unresolvedAgainstEach(
                Paths.get("target/classes"),
                Arrays.asList("jackson-floor", "jackson-newest"),
                "com.fasterxml.jackson"))
        .isEmpty();
  }
}
