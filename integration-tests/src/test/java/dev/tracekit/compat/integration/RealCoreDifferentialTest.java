package dev.tracekit.compat.integration;

import static dev.tracekit.compat.testing.TraceShapeAssertions.assertThatShape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.ChildJvm;
import dev.tracekit.compat.testing.TraceShape;
import dev.tracekit.compat.testing.XRayDaemonCapture;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same calls through the same real integration modules, once on the REAL
 * aws-xray-recorder-sdk-core 2.21.0 (a separate JVM whose class path is this one's with the shim
 * swapped for the real core) and once on the shim (this JVM), produce equivalent X-Ray segment
 * documents: names, nesting, namespaces, aws/http/sql fields, metadata, error/throttle/fault flags
 * and exceptions ({@link TraceShape}'s rules: ids and times ignored). So what the span tests
 * assert is what the modules record on X-Ray, not a reading of the shim.
 *
 * <p>Both sides talk only to loopback: the AWS stub, and a daemon capture each. The real SDK's
 * default plugins read their metadata from {@code IMDS_ENDPOINT}, set to a closed loopback port.
 */
class RealCoreDifferentialTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static TracedCalls calls;

  @BeforeAll
  static void sendTheShimsSpansToALoopbackCollector() {
    calls = TracedCalls.start();
  }

  @AfterAll
  static void stop() {
    calls.close();
  }

  @Test
  void realCoreAndShimRecordTheSameSegmentsForEveryModuleCall() throws Exception {
    try (AwsStub aws = new AwsStub();
        XRayDaemonCapture realDaemon = XRayDaemonCapture.start();
        XRayDaemonCapture shimDaemon = XRayDaemonCapture.start()) {
      String ran = runOnTheRealCore(aws, realDaemon.getDaemonAddress());
      List<String> names = ModuleScenarios.runAll(aws.endpoint(), shimDaemon.getDaemonAddress());

      assertThat(ran).isEqualTo(String.join(",", names));
      realDaemon.awaitDocuments(names.size(), WAIT);
      shimDaemon.awaitDocuments(names.size(), WAIT);
      TraceShape real = realDaemon.shape();
      TraceShape shim = shimDaemon.shape();
      assertThat(real.getRoots()).hasSize(names.size());
      assertThatShape(shim).isEquivalentTo(real);
    }
  }

  /** Runs {@link ModuleScenarios} on the real core in a child JVM; returns its RAN line. */
  private static String runOnTheRealCore(AwsStub aws, String daemonAddress) throws Exception {
    ChildJvm jvm =
        ChildJvm.of(ModuleScenarios.class.getName())
            .classpath(realCoreClassPath())
            .args(aws.endpoint().toString(), daemonAddress)
            .removeEnvironment(k -> k.startsWith("AWS_") || k.startsWith("ECS_"))
            .env("IMDS_ENDPOINT", "127.0.0.1:1")
            .env("AWS_XRAY_DAEMON_ADDRESS", daemonAddress);
    for (String property :
        Arrays.asList(
            "aws.disableEc2Metadata",
            "com.amazonaws.sdk.disableEc2Metadata",
            "com.amazonaws.xray.collectSqlQueries")) {
      jvm.property(property, System.getProperty(property));
    }
    ChildJvm.Result run = jvm.run("real-core-differential");
    String output = run.output;
    assertThat(run.exitCode).as("real-core JVM output:%n%s", output).isZero();
    assertThat(output).doesNotContain("NoSuchMethodError", "NoClassDefFoundError", "AbstractMethodError");
    return Stream.of(output.split("\\R"))
        .filter(line -> line.startsWith("RAN "))
        .map(line -> line.substring(4))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No RAN line in:\n" + output));
  }

  /** This JVM's class path with the shim (xray-api-compat, tracekit-core) replaced by the real core. */
  private static List<String> realCoreClassPath() throws IOException {
    List<String> entries =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> !e.isEmpty() && !isShim(e))
            .collect(Collectors.toList());
    Path reference = Paths.get(System.getProperty("xray.reference.dir"));
    try (Stream<Path> jars = Files.list(reference)) {
      List<String> real =
          jars.map(Path::toString)
              .filter(j -> j.contains("aws-xray-recorder-sdk-core-"))
              .collect(Collectors.toList());
      assertThat(real).as("the real core in %s", reference).hasSize(1);
      entries.addAll(0, real);
    }
    return entries;
  }

  /** A shim jar, or a shim module's classes folder (the reactor's, when the jars are not built). */
  private static boolean isShim(String entry) {
    Path path = Paths.get(entry);
    String name = path.getFileName().toString();
    if (name.endsWith(".jar")) {
      return name.startsWith("xray-api-compat-") || name.startsWith("tracekit-core-");
    }
    Path module = path.getParent() == null ? null : path.getParent().getParent();
    String moduleName = module == null || module.getFileName() == null ? "" : module.getFileName().toString();
    return name.equals("classes") && (moduleName.equals("xray-api-compat") || moduleName.equals("tracekit-core"));
  }
}
