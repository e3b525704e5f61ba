package dev.tracekit.compat.xray.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.PackageDependencies;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The mapping reads X-Ray data only through {@link XRayEntityView}: it uses no {@code com.amazonaws}
 * type and nothing of the shim around it, so the daemon bridge can feed it received documents.
 */
class MappingIndependenceTest {
  private static final String MAPPING = "dev.tracekit.compat.xray.mapping";

  @Test
  void theMappingUsesNoXRayTypeAndNothingOfTheShim() throws Exception {
    Map<String, Set<String>> dependencies =
        PackageDependencies.read(PackageDependencies.classesOf(XRaySpanMapping.class), MAPPING);

    assertThat(dependencies).containsKey(MAPPING);
    assertThat(dependencies.get(MAPPING))
        .as("packages the mapping uses")
        .contains("dev.tracekit.compat.core.api")
        .noneMatch(pkg -> pkg.startsWith("com.amazonaws"))
        .noneMatch(pkg -> pkg.startsWith("dev.tracekit.compat.xray"));
  }
}
