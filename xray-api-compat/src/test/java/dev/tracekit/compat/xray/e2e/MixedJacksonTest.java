package dev.tracekit.compat.xray.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.ChildJvm;
import dev.tracekit.compat.xray.reference.XRayReference;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * An app whose class path mixes Jackson releases (here jackson-core 2.8 under databind 2.23, which
 * cannot link): the X-Ray SDK throws {@code NoClassDefFoundError} into the app's first X-Ray call.
 * The shim says so once, with the versions, and the app runs on: its X-Ray calls work, its spans
 * arrive, only what needs Jackson is left out ({@code AppJackson}).
 */
class MixedJacksonTest {
  @Test
  void aJacksonThatCannotLinkCostsOnlyWhatNeedsJackson() throws Exception {
    Path linkage = Paths.get(System.getProperty("linkage.dir"));
    try (OtlpBackend backend = new OtlpBackend()) {
      ChildJvm.Result run =
          XRayReference.SHIM.childJvm("legacyapp.LegacyApp")
              .replaceJars("jackson-", 
                  Arrays.asList(
                      linkage.resolve("jackson-floor/jackson-core-2.8.11.jar"),
                      linkage.resolve("jackson-newest/jackson-databind-2.23.0.jar"),
                      linkage.resolve("jackson-newest/jackson-annotations-2.23.jar")))
              .property("tracekit.endpoint", backend.endpoint())
              .property("tracekit.apiKey", OtlpBackend.API_KEY)
              .run("mixed-jackson")
              .assertSucceeded();

      assertThat(run.count("the app's Jackson cannot be used (jackson-core 2.8.11, jackson-databind 2.23.0)"))
          .as("the SEVERE line, and the sampling-rules line that quotes it; output:\n%s", run.output)
          .isEqualTo(2);
      assertThat(run.count("SEVERE: X-Ray: the app's Jackson cannot be used")).isEqualTo(1);
      assertThat(run.output).contains("using X-Ray's default rule");
      assertThat(OtlpBackend.names(backend.awaitSpans(5, 30)))
          .containsExactlyInAnyOrder("legacy-app", "load-order", "query-db", "fails", "async-work");
    }
  }
}
