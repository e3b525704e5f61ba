package dev.tracekit.compat.matrix;

import static org.assertj.core.api.Assertions.fail;

import dev.tracekit.compat.testing.OtlpCollector;
import dev.tracekit.compat.testing.ReceivedSpan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The consumer matrix: every app under {@code src/it} (a directory with a consumer.properties),
 * migrated with the migration guide's one pom edit, is built with a real {@code mvn} against this
 * reactor's artifacts and run, two at a time (junit-platform.properties).
 *
 * <p>For each: the copy builds ({@link ConsumerWorkspace}, {@link ConsumerBuild}); compared with
 * the pom from before the swap ({@link BeforeSwapPom}), the swap changes only what it may ({@link
 * SwapCheck}); the versions the app resolves are the expected ones ({@link VersionExpectations});
 * the app runs and exits 0 ({@link AppLaunch}); its spans reach the one collector of the matrix
 * ({@link DeliveredSpans}). Every check after the build is made even when an earlier one failed,
 * and all failures are reported together. A consumer with {@code before.core=none} is an app not
 * migrated (still on the real core, e.g. trying the test kit first): it is built and run, with no
 * comparison. {@code target/consumer-matrix.md} sums it up ({@link MatrixReport}).
 *
 * <p>{@code mvn -pl consumer-matrix verify -Dmatrix.only=okhttp-5,jpms} runs some consumers only,
 * against this reactor's artifacts as last installed.
 */
class ConsumerMatrixIT {
  private static final MatrixReport REPORT = new MatrixReport();
  private static MatrixSettings settings;
  private static Toolchain tools;
  private static OtlpCollector collector;
  private static long startNanos;

  @BeforeAll
  static void startCollector() {
    startNanos = System.nanoTime();
    settings = MatrixSettings.fromSystemProperties();
    tools = Toolchain.locate(settings.mavenHome);
    collector = OtlpCollector.start();
  }

  @AfterAll
  static void writeReport() throws IOException {
    try {
      REPORT.write(settings.report, Duration.ofNanos(System.nanoTime() - startNanos));
    } finally {
      collector.close();
    }
  }

  static List<Consumer> consumers() throws IOException {
    MatrixSettings settings = MatrixSettings.fromSystemProperties();
    return Consumer.discover(settings.consumers, settings.only);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("consumers")
  void buildsRunsAndDeliversItsSpans(Consumer consumer) throws Exception {
    MatrixReport.Row row = REPORT.row(consumer.name);
    long start = System.nanoTime();
    try {
      check(consumer, row);
    } finally {
      row.took(Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private static void check(Consumer consumer, MatrixReport.Row row) throws Exception {
    consumer.validate();
    Path dir = ConsumerWorkspace.prepare(consumer, settings.work, settings.tracekitVersion);
    ConsumerBuild build = new ConsumerBuild(tools, settings, dir);
    ChildProcess.Result built = build.build(consumer.buildGoal());
    if (!built.succeeded()) {
      fail(consumer + " (" + consumer.description() + ") does not build. " + built.failure());
    }
    ResolvedDependencies after = ResolvedDependencies.read(build.afterList());
    row.built(after);

    SoftAssertions softly = new SoftAssertions();
    if (consumer.coreBefore() != Consumer.CoreBefore.NONE) {
      checkSwap(consumer, dir, build, after, softly);
    }
    VersionExpectations.verify(consumer, after, softly);
    if (consumer.runs()) {
      checkRun(consumer, dir, build, row, softly);
    }
    try {
      softly.assertAll();
    } catch (AssertionError failures) {
      // Named after the consumer: the test's own name is only an index. Each failure's message
      // says all there is to it; their stack traces are AssertJ's.
      throw new AssertionError(
          consumer + " (" + consumer.description() + "): " + failures.getMessage());
    }
  }

  /** Compares what the app resolves with what it resolved before the swap. */
  private static void checkSwap(
      Consumer consumer,
      Path dir,
      ConsumerBuild build,
      ResolvedDependencies after,
      SoftAssertions softly)
      throws Exception {
    Path beforePom = dir.resolve("pom-before.xml");
    BeforeSwapPom.write(dir.resolve("pom.xml"), beforePom, consumer.coreBefore());
    ChildProcess.Result listed = build.listBefore(beforePom);
    if (listed.succeeded()) {
      SwapCheck.verify(ResolvedDependencies.read(build.beforeList()), after, softly);
    } else {
      softly.fail("the pom from before the swap does not resolve. " + listed.failure());
    }
  }

  /** Runs the app, then looks for its spans. */
  private static void checkRun(
      Consumer consumer, Path dir, ConsumerBuild build, MatrixReport.Row row, SoftAssertions softly)
      throws Exception {
    ChildProcess.Result run =
        AppLaunch.run(consumer, dir, build.runtimeClasspath(), tools, collector.getEndpoint());
    row.ran(run);
    List<ReceivedSpan> delivered;
    if (run.succeeded()) {
      delivered = DeliveredSpans.await(collector, consumer);
    } else {
      softly.fail("the app does not run to a clean end. " + run.failure());
      delivered = DeliveredSpans.received(collector, consumer);
    }
    row.delivered(delivered.size());
    DeliveredSpans.write(dir.resolve("spans.txt"), delivered);
    DeliveredSpans.verify(consumer, delivered, softly);
  }
}
