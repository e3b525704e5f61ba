package dev.tracekit.compat.testing;

import static dev.tracekit.compat.testing.TraceShapeAssertions.assertThatShape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.secrets.TestSecrets;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The golden scenarios: programs written only against the X-Ray API (test resources {@code
 * xray-programs/golden}, compiled against the real aws-xray-recorder-sdk-core 2.21.0) run on the
 * real SDK, isolated by {@link IsolatedXRaySdk}, and on the shim. Each returns the documents its
 * recorder's emitter received. The reference shape is built from the real SDK's documents; the
 * shim's documents and the OTLP spans the shim exported to an in-process {@link OtlpCollector} must
 * both be equivalent to it under {@link TraceShape}'s rules.
 */
class GoldenScenariosTest {
  private static final String PROGRAM = "golden.Scenarios";

  private static IsolatedXRaySdk sdk;
  private static Path classes;
  private static ClassLoader real;
  private static ClassLoader shim;
  private static OtlpCollector collector;

  /** Compiles the programs once per test JVM (the scenario list comes from them too). */
  private static synchronized void compile() throws URISyntaxException {
    if (real != null) {
      return;
    }
    sdk =
        IsolatedXRaySdk.fromDirectory(Paths.get(System.getProperty("xray.reference.dir", "target/xray-reference")));
    URL sources = GoldenScenariosTest.class.getClassLoader().getResource("xray-programs");
    assertThat(sources).as("test resource folder xray-programs").isNotNull();
    classes =
        sdk.compile(
            Paths.get(sources.toURI()),
            Paths.get(System.getProperty("xray.programs.dir", "target/xray-programs")));
    real = sdk.realLoader(classes);
    shim = IsolatedXRaySdk.shimLoader(classes, GoldenScenariosTest.class.getClassLoader());
  }

  @BeforeAll
  static void start() throws URISyntaxException {
    compile();
    collector = OtlpCollector.start();
    TraceKit.init(
        TraceKitConfig.builder()
            .setEndpoint(collector.getEndpoint())
            .setApiKey(TestSecrets.API_KEY)
            .setShutdownHook(false)
            .build());
  }

  @AfterAll
  static void stop() {
    TraceKit.shutdown();
    collector.close();
  }

  @BeforeEach
  void clearCollector() {
    collector.clear();
  }

  @SuppressWarnings("unchecked")
  static List<String> scenarios() throws URISyntaxException {
    compile();
    return (List<String>) IsolatedXRaySdk.call(shim, PROGRAM, "names");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void shimTraceHasTheRealSdksShape(String scenario) {
    Run run = Run.of(scenario);
    assertThat(run.realDocuments).as("what the real SDK emitted").isNotEmpty();
    TraceShape reference = TraceShape.fromXRayDocuments(run.realDocuments);
    assertThatShape(TraceShape.fromXRayDocuments(run.shimDocuments))
        .as("the shim's X-Ray documents")
        .isEquivalentTo(reference);
    assertThatShape(TraceShape.fromOtlpSpans(run.shimSpans))
        .as("the shim's OTLP spans")
        .isEquivalentTo(reference);
  }

  /**
   * The real SDK's own UDP emitter, sending to {@link XRayDaemonCapture} on loopback, gives the same
   * shape as the documents its emitter was handed: the capture sees what a daemon would, including
   * the subsegments streamed on their own past 100.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"nestedSubsegments", "exceptionWithCauseChain", "httpRequestAndResponse", "oneHundredFiftySubsegments"})
  @SuppressWarnings("unchecked")
  void realSdkOverUdpGivesTheSameShapeToTheDaemonCapture(String scenario) {
    try (XRayDaemonCapture daemon = XRayDaemonCapture.start()) {
      List<String> emitted =
          (List<String>) IsolatedXRaySdk.call(real, PROGRAM, "viaDaemon", scenario, daemon.getDaemonAddress());
      List<String> received = daemon.awaitDocuments(emitted.size(), Duration.ofSeconds(10));
      assertThat(received).hasSameSizeAs(emitted);
      assertThat(daemon.malformedCount()).isZero();
      assertThatShape(TraceShape.fromXRayDocuments(received))
          .isEquivalentTo(TraceShape.fromXRayDocuments(emitted));
    }
  }

  @Test
  void oneHundredFiftySubsegmentsAreStreamedByTheRealSdkAndReattachedInTheShape() {
    Run run = Run.of("oneHundredFiftySubsegments");
    assertThat(run.realDocuments).hasSizeGreaterThan(1);
    assertThat(run.realDocuments).filteredOn(d -> d.contains("\"type\":\"subsegment\"")).isNotEmpty();
    assertThat(TraceShape.fromXRayDocuments(run.realDocuments).root("batch").getChildren()).hasSize(150);
    assertThat(TraceShape.fromOtlpSpans(run.shimSpans).root("batch").getChildren()).hasSize(150);
  }

  @Test
  void unsampledSegmentEmitsNothingOnEitherRuntime() {
    Run run = Run.of("unsampledSegment");
    assertThat(run.realDocuments).as("what the real SDK emitted").isEmpty();
    assertThat(run.shimDocuments).as("what the shim emitted").isEmpty();
    assertThat(run.shimSpans).as("what the shim exported").isEmpty();
  }

  /**
   * Without jackson-datatype-jsr310 next to it, the real SDK cannot write {@code java.time}
   * metadata: the segment's document is empty; the shim always has the module. The
   * equivalence rules cannot absorb that (see {@link TraceShape}): the golden scenario runs the real
   * SDK with the module on its class path.
   */
  @Test
  @SuppressWarnings("unchecked")
  void javaTimeMetadataWithoutTheJsr310ModuleIsLostByTheRealSdk() {
    List<Path> withoutJsr310 = new ArrayList<>();
    for (Path jar : sdk.getJars()) {
      if (!jar.getFileName().toString().startsWith("jackson-datatype-jsr310")) {
        withoutJsr310.add(jar);
      }
    }
    assertThat(withoutJsr310).hasSize(sdk.getJars().size() - 1);
    ClassLoader bare = IsolatedXRaySdk.fromJars(withoutJsr310).realLoader(classes);
    // The emitter is called, but serialize() fails and returns an empty string: no document.
    assertThat((List<Object>) IsolatedXRaySdk.call(bare, PROGRAM, "javaTimeMetadata")).containsExactly("");
    assertThat(Run.of("javaTimeMetadata").shimDocuments).hasSize(1);
  }

  /** Runs a scenario on both runtimes and collects what each emitted. */
  static final class Run {
    final List<String> realDocuments;
    final List<String> shimDocuments;
    final List<Span> shimSpans = new ArrayList<>();

    @SuppressWarnings("unchecked")
    private Run(String scenario) {
      realDocuments = (List<String>) IsolatedXRaySdk.call(real, PROGRAM, scenario);
      shimDocuments = (List<String>) IsolatedXRaySdk.call(shim, PROGRAM, scenario);
      assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).as("TraceKit.flush").isTrue();
      for (ReceivedSpan span : collector.spans()) {
        shimSpans.add(span.getProto());
      }
    }

    static Run of(String scenario) {
      return new Run(scenario);
    }
  }
}
