package dev.tracekit.compat.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.entities.Subsegment;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * This module is set up as the migration guide says (BOM, {@code xray-api-compat}, the real core
 * excluded from every X-Ray module), so what its tests run on is what a migrated app runs on: the
 * shim, and no {@code aws-xray-recorder-sdk-core} jar.
 */
class ShimOnClassPathTest {
  private static final String REAL_CORE = "aws-xray-recorder-sdk-core-";

  @Test
  void theResolvedClassPathHoldsNoRealXRayCoreJar() {
    List<String> entries = classPathEntries();

    assertThat(entries).as("test class path").isNotEmpty();
    assertThat(entries)
        .noneMatch(e -> Paths.get(e).getFileName().toString().startsWith(REAL_CORE));
    // The integration modules themselves are there, so the exclusion did not take them away too.
    assertThat(entries)
        .anyMatch(e -> Paths.get(e).getFileName().toString().startsWith("aws-xray-recorder-sdk-aws-sdk-v2-"))
        .anyMatch(e -> Paths.get(e).getFileName().toString().startsWith("aws-xray-recorder-sdk-sql-"))
        .anyMatch(e -> Paths.get(e).getFileName().toString().startsWith("aws-xray-recorder-sdk-spring-"));
  }

  @Test
  void theXRayApiComesFromTheShim() throws Exception {
    Path shimClasses = Paths.get(System.getProperty("shim.classes")).toRealPath();

    for (Class<?> type : Arrays.<Class<?>>asList(AWSXRay.class, Subsegment.class)) {
      URL location = type.getProtectionDomain().getCodeSource().getLocation();
      Path source = Paths.get(location.toURI()).toRealPath();
      assertThat(source.equals(shimClasses) || isShimJar(source))
          .as("%s is loaded from %s, expected the shim (%s or an xray-api-compat jar)", type, source, shimClasses)
          .isTrue();
    }
  }

  @Test
  void exactlyOneCopyOfTheXRayApiIsVisible() throws IOException {
    Enumeration<URL> copies =
        getClass().getClassLoader().getResources("com/amazonaws/xray/AWSXRay.class");

    List<URL> found = Collections.list(copies);
    assertThat(found).hasSize(1);
  }

  private static boolean isShimJar(Path path) {
    String name = path.getFileName().toString();
    return name.startsWith("xray-api-compat-") && name.endsWith(".jar");
  }

  private static List<String> classPathEntries() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        entries.add(entry);
      }
    }
    return entries.stream().distinct().collect(Collectors.toList());
  }
}
