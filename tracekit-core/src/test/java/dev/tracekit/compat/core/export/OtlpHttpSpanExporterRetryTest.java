package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Retries against a real HTTP server on loopback, with fake time: which failures are retried, how
 * long the exporter waits, and how the time budget bounds it all.
 */
class OtlpHttpSpanExporterRetryTest extends ExporterTestBase {
  // --- retries ---

  @Test
  void retriesAfter429WaitingRetryAfterSeconds() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "7"));
    server.enqueue(new MockResponse());

    ExportResult result = exporter(builder().setTimeout(30, TimeUnit.SECONDS)).export(spans(2));

    assertThat(result.isSuccess()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(time.sleeps()).containsExactly(7 * SECOND);
    assertThat(spanNames(server.takeRequest())).isEqualTo(spanNames(server.takeRequest()));
  }

  @Test
  void retriesAfter429WaitingUntilRetryAfterDate() {
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            Instant.ofEpochMilli(WALL_CLOCK_MILLIS + 4000).atZone(ZoneOffset.UTC));
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", date));
    server.enqueue(new MockResponse());

    ExportResult result = exporter(builder()).export(spans(1));

    assertThat(result.isSuccess()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(time.sleeps()).containsExactly(4 * SECOND);
  }

  @Test
  void retryAfterBeyondTheTimeBudgetGivesUpWithoutWaiting() {
    server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "60"));
    server.enqueue(new MockResponse());

    try (LogCapture logs = new LogCapture()) {
      ExportResult result = exporter(builder().setTimeout(10, TimeUnit.SECONDS)).export(spans(4));

      assertThat(result).extracting(ExportResult::getFailedSpans).isEqualTo(4);
      assertThat(server.getRequestCount()).isEqualTo(1);
      assertThat(time.sleeps()).isEmpty();
      assertThat(logs.messagesAt(Level.WARNING))
          .singleElement(STRING)
          .contains("4 spans", "HTTP 503", "Retry-After", "1 attempt");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "-5", "1.5", "Tue, 99 Nov 2023 25:00:00 GMT", ""})
  void unreadableRetryAfterFallsBackToBackoff(String retryAfter) {
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", retryAfter));
    server.enqueue(new MockResponse());

    assertThat(exporter(builder()).export(spans(1)).isSuccess()).isTrue();
    assertThat(time.sleeps()).containsExactly(750_000_000L);
  }

  @Test
  void retryAfterDateInThePastRetriesAtOnce() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(503)
            .setHeader("Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT"));
    server.enqueue(new MockResponse());

    assertThat(exporter(builder()).export(spans(1)).isSuccess()).isTrue();
    assertThat(time.sleeps()).containsExactly(0L);
  }

  @Test
  void retriesOn503ThenSucceeds() {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse());

    ExportResult result = exporter(builder()).export(spans(2));

    assertThat(result.isSuccess()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(2);
    // No Retry-After: the first backoff, 1 s, jittered to 0.75 s by the fixed random 0.5.
    assertThat(time.sleeps()).containsExactly(750_000_000L);
  }

  @Test
  void retryAfterZeroIsRetriedByTheExporterNotByOkHttp() {
    server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "0"));
    server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "0"));
    server.enqueue(new MockResponse());

    ExportResult result =
        exporter(builder().setRetryPolicy(RetryPolicy.builder().setMaxAttempts(2).build()))
            .export(spans(1));

    assertThat(result).extracting(ExportResult::getFailedSpans).isEqualTo(1);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(time.sleeps()).containsExactly(0L);
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 502, 503, 504})
  void retriesTheRetryableStatuses(int code) {
    server.enqueue(new MockResponse().setResponseCode(code));
    server.enqueue(new MockResponse());

    assertThat(exporter(builder()).export(spans(1)).isSuccess()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 405, 408, 409, 500, 501, 505, 307})
  void neverRetriesOtherFailures(int code) {
    server.enqueue(
        new MockResponse().setResponseCode(code).setHeader("Location", server.url("/elsewhere")));
    server.enqueue(new MockResponse());

    ExportResult result = exporter(builder()).export(spans(3));

    assertThat(result).extracting(ExportResult::getFailedSpans).isEqualTo(3);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void backsOffExponentiallyAndStopsAfterMaxAttempts() {
    for (int i = 0; i < 6; i++) {
      server.enqueue(new MockResponse().setResponseCode(502));
    }

    try (LogCapture logs = new LogCapture()) {
      ExportResult result = exporter(builder().setTimeout(1, TimeUnit.MINUTES)).export(spans(5));

      assertThat(result).extracting(ExportResult::getFailedSpans).isEqualTo(5);
      assertThat(server.getRequestCount()).isEqualTo(5);
      // 1 s, 1.5 s, 2.25 s, 3.375 s, each jittered to 3/4 by the fixed random 0.5.
      assertThat(time.sleeps())
          .containsExactly(750_000_000L, 1_125_000_000L, 1_687_500_000L, 2_531_250_000L);
      assertThat(logs.messagesAt(Level.WARNING))
          .singleElement(STRING)
          .contains("5 spans", "5 attempts", "HTTP 502");
    }
  }

  @Test
  void timeBudgetBoundsAttemptsAndWaits() {
    for (int i = 0; i < 6; i++) {
      server.enqueue(new MockResponse().setResponseCode(503));
    }

    // 0.75 s + 1.125 s fit in 2.5 s; the third wait (1.6875 s) does not.
    ExportResult result =
        exporter(builder().setTimeout(2500, TimeUnit.MILLISECONDS)).export(spans(1));

    assertThat(result).extracting(ExportResult::getFailedSpans).isEqualTo(1);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(time.sleeps()).containsExactly(750_000_000L, 1_125_000_000L);
  }

  @Test
  void retriesRefusedConnectionsAFewTimes() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    try (LogCapture logs = new LogCapture()) {
      ExportResult result =
          exporter(
                  builder()
                      .setEndpoint("http://127.0.0.1:" + closedPort + "/v1/traces")
                      .setTimeout(1, TimeUnit.MINUTES))
              .export(spans(2));

      assertThat(result).extracting(ExportResult::getFailedSpans).isEqualTo(2);
      assertThat(result.getFailureReason())
          .isEqualTo("Failed to export 2 spans to http://127.0.0.1:" + closedPort + "/v1/traces after "
              + RetryPolicy.DEFAULT_MAX_ATTEMPTS + " attempts: connection refused (Failed to connect to /127.0.0.1:"
              + closedPort + ")");
      assertThat(time.sleeps()).hasSize(RetryPolicy.DEFAULT_MAX_ATTEMPTS - 1);
      assertThat(logs.messagesAt(Level.WARNING)).containsExactly(result.getFailureReason());
    }
  }

  @Test
  void serverThatNeverAnswersTimesOutWithinTheBudget() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    OtlpHttpSpanExporter exporter =
        exporter(builder().setNanoClock(System::nanoTime).setTimeout(300, TimeUnit.MILLISECONDS));

    ExportResult result =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> exporter.export(spans(3)));

    assertThat(result).extracting(ExportResult::getFailedSpans).isEqualTo(3);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
