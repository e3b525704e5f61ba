package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pooled keep-alive connection that the receiver closed while it sat idle (as after a Lambda
 * freeze) is replaced at once, without a backoff and without using up an attempt of the retry
 * policy; a failure on a fresh connection is still an ordinary, backed-off failure. Against a real
 * receiver on loopback that closes connections idle for a second, with fake time for the backoffs.
 */
class OtlpHttpSpanExporterStaleConnectionTest extends ExporterTestBase {
  private LoopbackOtlpReceiver idleClosing;

  @BeforeEach
  void startReceiver() throws Exception {
    idleClosing =
        LoopbackOtlpReceiver.start().closeIdleConnectionsAfter(1000).acceptGzip().recordBodies();
  }

  @AfterEach
  void stopReceiver() throws Exception {
    idleClosing.close();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void staleConnectionIsReplacedAtOnceWithoutBackoff(boolean gzip) throws Exception {
    OtlpHttpSpanExporter exporter =
        exporter(builder().setEndpoint(idleClosing.endpoint()).setGzip(gzip));

    try (LogCapture logs = new LogCapture()) {
      assertThat(exporter.export(spans(2)).isSuccess()).isTrue();
      assertThat(idleClosing.connectionsAccepted()).isEqualTo(1);
      // The exporter's connection now sits in its pool until the receiver closes it.
      assertThat(idleClosing.awaitIdleClosed(1, 30, TimeUnit.SECONDS)).isTrue();

      ExportResult result = exporter.export(spans(3));

      assertThat(result.isSuccess()).isTrue();
      assertThat(time.sleeps()).isEmpty();
      assertThat(idleClosing.connectionsAccepted()).isEqualTo(2);
      assertThat(idleClosing.dropped()).isZero();
      assertThat(spanNamesOf(idleClosing.answeredBodies()))
          .containsExactly(names("span-0", "span-1"), names("span-0", "span-1", "span-2"));
      assertThat(logs.messagesAt(Level.WARNING)).isEmpty();
      assertThat(logs.messagesAt(Level.FINE))
          .anySatisfy(
              message ->
                  assertThat(message)
                      .contains("reused connection", "before a response", "new connection"));
      assertThat(logs.formatted()).noneMatch(text -> text.contains(API_KEY));
    }
  }

  @Test
  void replacingAStaleConnectionIsNotAnAttemptOfTheRetryPolicy() throws Exception {
    OtlpHttpSpanExporter exporter =
        exporter(
            builder().setEndpoint(idleClosing.endpoint()).setRetryPolicy(RetryPolicy.noRetry()));

    assertThat(exporter.export(spans(1)).isSuccess()).isTrue();
    assertThat(idleClosing.awaitIdleClosed(1, 30, TimeUnit.SECONDS)).isTrue();

    assertThat(exporter.export(spans(1)).isSuccess()).isTrue();
    assertThat(time.sleeps()).isEmpty();
    assertThat(idleClosing.connectionsAccepted()).isEqualTo(2);
    assertThat(idleClosing.answeredBodies()).hasSize(2);
  }

  @Test
  void failureOnAFreshConnectionGoesThroughTheRetryPolicy() {
    idleClosing.dropNextRequest();

    ExportResult result = exporter(builder().setEndpoint(idleClosing.endpoint())).export(spans(2));

    assertThat(result.isSuccess()).isTrue();
    // The first backoff, 1 s, jittered to 0.75 s by the fixed random 0.5.
    assertThat(time.sleeps()).containsExactly(750_000_000L);
    assertThat(idleClosing.connectionsAccepted()).isEqualTo(2);
    assertThat(idleClosing.dropped()).isEqualTo(1);
    assertThat(idleClosing.answeredBodies()).hasSize(1);
  }

  @Test
  void failureOnAFreshConnectionWithoutRetriesFailsTheExport() {
    idleClosing.dropNextRequest();

    try (LogCapture logs = new LogCapture()) {
      ExportResult result =
          exporter(builder().setEndpoint(idleClosing.endpoint()).setRetryPolicy(RetryPolicy.noRetry()))
              .export(spans(2));

      assertThat(result).extracting(ExportResult::getFailedSpans).isEqualTo(2);
      assertThat(time.sleeps()).isEmpty();
      assertThat(idleClosing.connectionsAccepted()).isEqualTo(1);
      assertThat(logs.messagesAt(Level.WARNING))
          .singleElement(STRING)
          .contains("2 spans", "1 attempt");
    }
  }

  @Test
  void aFailedReplacementIsAnOrdinaryFailureAndThereIsOnlyOne() throws Exception {
    OtlpHttpSpanExporter exporter = exporter(builder().setEndpoint(idleClosing.endpoint()));
    assertThat(exporter.export(spans(1)).isSuccess()).isTrue();
    assertThat(idleClosing.awaitIdleClosed(1, 30, TimeUnit.SECONDS)).isTrue();
    // The new connection that replaces the stale one fails too, before any answer.
    idleClosing.dropNextRequest();

    ExportResult result = exporter.export(spans(1));

    assertThat(result.isSuccess()).isTrue();
    // Stale connection: replaced at once; the replacement's failure: one backoff, as any failure.
    assertThat(time.sleeps()).containsExactly(750_000_000L);
    assertThat(idleClosing.connectionsAccepted()).isEqualTo(3);
    assertThat(idleClosing.dropped()).isEqualTo(1);
    assertThat(idleClosing.answeredBodies()).hasSize(2);
  }

  @Test
  void aFailedReplacementWithoutRetriesFailsTheExport() throws Exception {
    OtlpHttpSpanExporter exporter =
        exporter(
            builder().setEndpoint(idleClosing.endpoint()).setRetryPolicy(RetryPolicy.noRetry()));
    assertThat(exporter.export(spans(1)).isSuccess()).isTrue();
    assertThat(idleClosing.awaitIdleClosed(1, 30, TimeUnit.SECONDS)).isTrue();
    idleClosing.dropNextRequest();

    try (LogCapture logs = new LogCapture()) {
      ExportResult result = exporter.export(spans(3));

      assertThat(result).extracting(ExportResult::getFailedSpans).isEqualTo(3);
      assertThat(time.sleeps()).isEmpty();
      assertThat(idleClosing.connectionsAccepted()).isEqualTo(2);
      assertThat(logs.messagesAt(Level.WARNING))
          .singleElement(STRING)
          .contains("3 spans", "1 attempt")
          .doesNotContain(API_KEY);
    }
  }

  private static List<String> names(String... names) {
    List<String> list = new ArrayList<>();
    for (String name : names) {
      list.add(name);
    }
    return list;
  }

  /** Parses each body with the OTLP proto and returns its span names. */
  private static List<List<String>> spanNamesOf(List<LoopbackOtlpReceiver.Body> bodies) {
    List<List<String>> all = new ArrayList<>();
    for (LoopbackOtlpReceiver.Body body : bodies) {
      ExportTraceServiceRequest request = body.parse();
      List<String> names = new ArrayList<>();
      for (io.opentelemetry.proto.trace.v1.Span span : OtlpTestSupport.allSpans(request)) {
        names.add(span.getName());
      }
      all.add(names);
    }
    return all;
  }
}
