package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import com.google.protobuf.UnknownFieldSet;
import dev.tracekit.compat.core.export.BatchSpanProcessor;
import dev.tracekit.compat.core.internal.Version;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.core.trace.Tracer;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exporter against a real HTTP server on loopback: requests, splitting, responses, lifecycle.
 */
class OtlpHttpSpanExporterTest extends ExporterTestBase {
  // --- request ---

  @ParameterizedTest
  @EnumSource(OtlpProtocol.class)
  void postsTheProtocolsContentTypeWithApiKeyAndUserAgent(OtlpProtocol protocol) throws Exception {
    server.enqueue(new MockResponse());

    ExportResult result = exporter(builder().setProtocol(protocol)).export(spans(3));

    assertThat(result).isEqualTo(ExportResult.success());
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/v1/traces");
    assertThat(request.getHeader("Content-Type")).isEqualTo(protocol.getContentType());
    assertThat(request.getHeader("X-API-Key")).isEqualTo(API_KEY);
    assertThat(request.getHeader("User-Agent"))
        .isEqualTo("tracekit-xray-compat-java/" + Version.get());
    assertThat(request.getHeader("Content-Encoding")).isNull();
    assertThat(spanNames(request)).containsExactly("span-0", "span-1", "span-2");
  }

  @Test
  void sendsNoApiKeyHeaderWithoutAKey() throws Exception {
    server.enqueue(new MockResponse());

    exporter(builder().setApiKey("  ")).export(spans(1));

    assertThat(server.takeRequest().getHeader("X-API-Key")).isNull();
  }

  @Test
  void trimsTheApiKey() throws Exception {
    server.enqueue(new MockResponse());

    exporter(builder().setApiKey(" " + API_KEY + "\n")).export(spans(1));

    assertThat(server.takeRequest().getHeader("X-API-Key")).isEqualTo(API_KEY);
  }

  @Test
  void protobufIsTheDefaultProtocol() throws Exception {
    server.enqueue(new MockResponse());

    OtlpHttpSpanExporter exporter = exporter(builder());
    exporter.export(spans(1));

    assertThat(server.takeRequest().getHeader("Content-Type")).isEqualTo("application/x-protobuf");
    assertThat(exporter.toString()).contains("protocol=http/protobuf");
  }

  @ParameterizedTest
  @EnumSource(OtlpProtocol.class)
  void gzipBodyDecodesToTheSameRequest(OtlpProtocol protocol) throws Exception {
    server.enqueue(new MockResponse());

    ExportResult result = exporter(builder().setProtocol(protocol).setGzip(true)).export(spans(20));

    assertThat(result.isSuccess()).isTrue();
    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeader("Content-Encoding")).isEqualTo("gzip");
    assertThat(request.getHeader("Content-Type")).isEqualTo(protocol.getContentType());
    byte[] raw = request.getBody().clone().readByteArray();
    assertThat(raw[0] & 0xff).isEqualTo(0x1f);
    assertThat(raw[1] & 0xff).isEqualTo(0x8b);
    assertThat(spanNames(request)).hasSize(20).startsWith("span-0").endsWith("span-19");
  }

  @Test
  void emptyBatchSendsNothing() {
    assertThat(exporter(builder()).export(new ArrayList<>())).isEqualTo(ExportResult.success());
    assertThat(server.getRequestCount()).isZero();
  }

  // --- large batches ---

  @ParameterizedTest
  @EnumSource(OtlpProtocol.class)
  void batchOverOneMebibyteIsSentInPartsUnderTheLimit(OtlpProtocol protocol) throws Exception {
    List<SpanData> spans = spans(160, 8000);
    for (int i = 0; i < 8; i++) {
      server.enqueue(new MockResponse());
    }

    ExportResult result = exporter(builder().setProtocol(protocol)).export(spans);

    assertThat(result.isSuccess()).isTrue();
    assertThat(server.getRequestCount()).isGreaterThan(1);
    List<String> received = new ArrayList<>();
    for (int i = 0; i < server.getRequestCount(); i++) {
      RecordedRequest request = server.takeRequest();
      assertThat(request.getBodySize())
          .isLessThanOrEqualTo(OtlpHttpSpanExporter.DEFAULT_MAX_REQUEST_BYTES);
      received.addAll(spanNames(request));
    }
    assertThat(received).containsExactlyElementsOf(names(spans));
  }

  @ParameterizedTest
  @EnumSource(OtlpProtocol.class)
  void splitCountsFailedSpansExactly(OtlpProtocol protocol) throws Exception {
    List<SpanData> spans = spans(32, 200);
    server.enqueue(new MockResponse());
    server.enqueue(new MockResponse().setResponseCode(400));
    for (int i = 0; i < 30; i++) {
      server.enqueue(new MockResponse());
    }

    ExportResult result =
        exporter(builder().setProtocol(protocol).setMaxRequestBytes(4096)).export(spans);

    int requests = server.getRequestCount();
    assertThat(requests).isGreaterThan(2);
    List<String> all = new ArrayList<>();
    int failedInSecond = 0;
    for (int i = 0; i < requests; i++) {
      RecordedRequest request = server.takeRequest();
      assertThat(request.getBodySize()).isLessThanOrEqualTo(4096);
      List<String> names = spanNames(request);
      if (i == 1) {
        failedInSecond = names.size();
      }
      all.addAll(names);
    }
    assertThat(all).containsExactlyElementsOf(names(spans));
    assertThat(failedInSecond).isPositive();
    assertThat(result).extracting(ExportResult::getFailedSpans).isEqualTo(failedInSecond);
  }

  @Test
  void payloadTooLargeSplitsTheBatch() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(413));
    server.enqueue(new MockResponse());
    server.enqueue(new MockResponse());

    ExportResult result = exporter(builder()).export(spans(4));

    assertThat(result.isSuccess()).isTrue();
    assertThat(spanNames(server.takeRequest())).hasSize(4);
    assertThat(spanNames(server.takeRequest())).containsExactly("span-0", "span-1");
    assertThat(spanNames(server.takeRequest())).containsExactly("span-2", "span-3");
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void payloadTooLargeForOneSpanFailsIt() {
    server.enqueue(new MockResponse().setResponseCode(413));
    server.enqueue(new MockResponse());

    ExportResult result = exporter(builder()).export(spans(1));

    assertThat(result).extracting(ExportResult::getFailedSpans).isEqualTo(1);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void spanThatCannotBeWrittenFailsAloneAndTheOthersAreSent() throws Exception {
    List<SpanData> spans = spans(5);
    spans.set(3, new OtlpTestSupport.BrokenSpan(spans.get(3)));
    for (int i = 0; i < 5; i++) {
      server.enqueue(new MockResponse());
    }

    ExportResult result = exporter(builder()).export(spans);

    assertThat(result).extracting(ExportResult::getFailedSpans).isEqualTo(1);
    List<String> received = new ArrayList<>();
    for (int i = server.getRequestCount(); i > 0; i--) {
      received.addAll(spanNames(server.takeRequest()));
    }
    assertThat(received).containsExactly("span-0", "span-1", "span-2", "span-4");
  }

  // --- responses ---

  @ParameterizedTest
  @EnumSource(OtlpProtocol.class)
  void rejectedSpansOfAPartialSuccessCountAsFailed(OtlpProtocol protocol) {
    server.enqueue(partialSuccess(protocol, 2, "too old"));

    try (LogCapture logs = new LogCapture()) {
      ExportResult result = exporter(builder().setProtocol(protocol)).export(spans(5));

      assertThat(result).extracting(ExportResult::getFailedSpans).isEqualTo(2);
      assertThat(server.getRequestCount()).isEqualTo(1);
      assertThat(logs.messagesAt(Level.WARNING))
          .singleElement(STRING)
          .contains("rejected 2 of 5 spans", "too old");
    }
  }

  @Test
  void partialSuccessAcceptsNumbersAndUnknownFields() {
    server.enqueue(
        json("{\"extra\":[1,{\"a\":null}],\"partialSuccess\":{\"rejectedSpans\":3,\"x\":{}}}"));

    assertThat(exporter(builder()).export(spans(4))).extracting(ExportResult::getFailedSpans).isEqualTo(3);
  }

  @Test
  void protobufPartialSuccessSkipsUnknownFields() {
    ExportTraceServiceResponse response =
        ExportTraceServiceResponse.newBuilder()
            .setPartialSuccess(
                ExportTracePartialSuccess.newBuilder().setRejectedSpans(3).setErrorMessage("full"))
            .setUnknownFields(
                UnknownFieldSet.newBuilder()
                    .addField(7, UnknownFieldSet.Field.newBuilder().addVarint(1).build())
                    .addField(9, UnknownFieldSet.Field.newBuilder().addFixed64(2).build())
                    .build())
            .build();
    server.enqueue(protobuf(response.toByteArray()));

    assertThat(exporter(builder()).export(spans(4))).extracting(ExportResult::getFailedSpans).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(OtlpProtocol.class)
  void aJsonObjectWithoutContentTypeIsReadAsJsonWhateverWasSent(OtlpProtocol protocol) {
    server.enqueue(
        new MockResponse().setBody("{\"partialSuccess\":{\"rejectedSpans\":\"2\"}}"));

    assertThat(exporter(builder().setProtocol(protocol)).export(spans(3)))
        .extracting(ExportResult::getFailedSpans)
        .isEqualTo(2);
  }

  @ParameterizedTest
  @CsvSource({
    "Application/JSON; charset=UTF-8, HTTP_PROTOBUF, HTTP_JSON",
    "application/json;charset=utf-8, HTTP_PROTOBUF, HTTP_JSON",
    "application/json; schema=protobuf-compatible, HTTP_PROTOBUF, HTTP_JSON",
    "application/x-protobuf; proto=opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse, HTTP_JSON, HTTP_PROTOBUF",
    "APPLICATION/X-PROTOBUF, HTTP_JSON, HTTP_PROTOBUF",
  })
  void theResponseIsReadInTheEncodingItsContentTypeNamesWithParametersAndAnyCase(
      String contentType, OtlpProtocol sent, OtlpProtocol answered) {
    byte[] body = partialSuccess(answered, 2, "x").getBody().readByteArray();
    server.enqueue(new MockResponse().setHeader("Content-Type", contentType).setBody(new Buffer().write(body)));

    assertThat(exporter(builder().setProtocol(sent)).export(spans(3)))
        .extracting(ExportResult::getFailedSpans)
        .isEqualTo(2);
  }

  @Test
  void responseWithoutContentTypeIsReadAsTheRequestWasSent() {
    byte[] body = partialSuccess(OtlpProtocol.HTTP_PROTOBUF, 1, "x").getBody().readByteArray();
    server.enqueue(new MockResponse().setBody(new Buffer().write(body)));

    assertThat(exporter(builder()).export(spans(2))).extracting(ExportResult::getFailedSpans).isEqualTo(1);
  }

  /** A 200 carrying a partial success in the encoding of {@code protocol}. */
  private static MockResponse partialSuccess(OtlpProtocol protocol, long rejected, String message) {
    if (protocol == OtlpProtocol.HTTP_JSON) {
      return json("{\"partialSuccess\":{\"rejectedSpans\":\"" + rejected
          + "\",\"errorMessage\":\"" + message + "\"}}");
    }
    return protobuf(
        ExportTraceServiceResponse.newBuilder()
            .setPartialSuccess(
                ExportTracePartialSuccess.newBuilder()
                    .setRejectedSpans(rejected)
                    .setErrorMessage(message))
            .build()
            .toByteArray());
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  private static MockResponse protobuf(byte[] body) {
    return new MockResponse()
        .setHeader("Content-Type", "application/x-protobuf")
        .setBody(new Buffer().write(body));
  }

  @Test
  void unparseableSuccessBodyIsASuccess() {
    server.enqueue(new MockResponse().setBody("<html><body>OK</body></html>"));

    try (LogCapture logs = new LogCapture()) {
      assertThat(exporter(builder()).export(spans(2))).isEqualTo(ExportResult.success());
      assertThat(logs.messagesAt(Level.WARNING)).isEmpty();
      assertThat(logs.messagesAt(Level.FINE)).anySatisfy(m -> assertThat(m).contains("HTTP 200"));
    }
  }

  // --- secrets ---

  @Test
  void apiKeyNeverAppearsInLogsToStringOrExceptions() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (LogCapture logs = new LogCapture()) {
      server.enqueue(new MockResponse().setResponseCode(401).setBody("bad key " + API_KEY));
      exporter(builder()).export(spans(1));
      server.enqueue(partialSuccess(OtlpProtocol.HTTP_PROTOBUF, 1, "key " + API_KEY));
      exporter(builder()).export(spans(1));
      server.enqueue(new MockResponse().setBody("<html>" + API_KEY + "</html>"));
      exporter(builder()).export(spans(1));
      exporter(
              builder()
                  .setEndpoint(
                      "http://u:"
                          + API_KEY
                          + "@127.0.0.1:"
                          + closedPort
                          + "/v1/traces?key="
                          + API_KEY)
                  .setRetryPolicy(RetryPolicy.noRetry()))
          .export(spans(1));
      OtlpHttpSpanExporter shutDown = exporter(builder());
      shutDown.shutdown();
      shutDown.export(spans(1));

      assertThat(logs.records()).hasSizeGreaterThanOrEqualTo(4);
      assertThat(logs.messagesAt(Level.WARNING))
          .anySatisfy(m -> assertThat(m).contains("key <redacted>"));
      assertThat(logs.formatted()).allSatisfy(text -> assertThat(text).doesNotContain(API_KEY));
    }
    OtlpHttpSpanExporter exporter = exporter(builder());
    assertThat(exporter.toString()).doesNotContain(API_KEY).contains("apiKey=<set>");
    assertThatThrownBy(() -> OtlpHttpSpanExporter.builder().setApiKey(API_KEY + "\u00e9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiKey")
        .hasMessageNotContaining(API_KEY);
    assertThatThrownBy(() -> OtlpHttpSpanExporter.builder().setApiKey("abc\ndef" + API_KEY))
        .hasMessageNotContaining(API_KEY);
  }

  // --- lifecycle ---

  @Test
  void exportAfterShutdownFailsAtOnceWithoutARequest() {
    OtlpHttpSpanExporter exporter = exporter(builder());
    exporter.shutdown();
    exporter.shutdown();

    assertThat(exporter.export(spans(3))).extracting(ExportResult::getFailedSpans).isEqualTo(3);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void shutdownCancelsTheRequestInFlight() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    OtlpHttpSpanExporter exporter =
        exporter(builder().setNanoClock(System::nanoTime).setTimeout(1, TimeUnit.MINUTES));
    ExecutorService worker = Executors.newSingleThreadExecutor();
    try {
      Future<ExportResult> result = worker.submit(() -> exporter.export(spans(2)));
      assertThat(server.takeRequest(10, TimeUnit.SECONDS)).isNotNull();

      exporter.shutdown();

      assertThat(result.get(10, TimeUnit.SECONDS)).extracting(ExportResult::getFailedSpans).isEqualTo(2);
      assertThat(server.getRequestCount()).isEqualTo(1);
    } finally {
      worker.shutdownNow();
    }
  }

  @Test
  void shutdownWakesARetryWait() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "30"));
    server.enqueue(new MockResponse());
    // The real sleeper and clock: only shutdown can end the 30 s wait early.
    OtlpHttpSpanExporter exporter =
        exporter(
            OtlpHttpSpanExporter.builder()
                .setEndpoint(server.url("/v1/traces").toString())
                .setTimeout(1, TimeUnit.MINUTES));
    ExecutorService worker = Executors.newSingleThreadExecutor();
    try {
      Future<ExportResult> result = worker.submit(() -> exporter.export(spans(2)));
      assertThat(server.takeRequest(10, TimeUnit.SECONDS)).isNotNull();

      exporter.shutdown();

      assertThat(result.get(10, TimeUnit.SECONDS)).extracting(ExportResult::getFailedSpans).isEqualTo(2);
      assertThat(server.getRequestCount()).isEqualTo(1);
    } finally {
      worker.shutdownNow();
    }
  }

  @Test
  void clientThreadsAreDaemons() throws Exception {
    OtlpHttpSpanExporter exporter = exporter(builder());

    Future<Boolean> daemon =
        exporter
            .sender()
            .client()
            .dispatcher()
            .executorService()
            .submit(() -> Thread.currentThread().isDaemon());

    assertThat(daemon.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void clientSocketsSendWithoutNagleDelay() throws Exception {
    // Nagle's algorithm holds a request's last packet until the receiver acknowledges the one
    // before; a receiver that delays its ACKs then stalls every export by about 40 ms.
    OtlpHttpSpanExporter exporter = exporter(builder());

    try (java.net.Socket socket = exporter.sender().client().socketFactory().createSocket()) {
      assertThat(socket.getTcpNoDelay()).isTrue();
    }
  }

  @Test
  void exportsThroughTheBatchSpanProcessor() throws Exception {
    server.enqueue(new MockResponse());
    OtlpHttpSpanExporter exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(server.url("/v1/traces").toString())
            .setApiKey(API_KEY)
            .build();
    Tracer pipeline =
        Tracer.builder().setSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build();
    pipeline.spanBuilder("first").setNoParent().startDetached().end();
    pipeline.spanBuilder("second").setNoParent().startDetached().end();

    assertThat(pipeline.forceFlush(10, TimeUnit.SECONDS)).isTrue();

    assertThat(spanNames(server.takeRequest())).containsExactly("first", "second");
    assertThat(pipeline.getStats().getSpansExported()).isEqualTo(2);
    assertThat(pipeline.shutdown(10, TimeUnit.SECONDS)).isTrue();
    assertThat(exporter.export(spans(1))).extracting(ExportResult::getFailedSpans).isEqualTo(1);
  }

  @Test
  void builderValidatesEagerly() {
    assertThatThrownBy(() -> OtlpHttpSpanExporter.builder().setEndpoint("not a url"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("endpoint");
    assertThatThrownBy(() -> OtlpHttpSpanExporter.builder().setTimeout(0, TimeUnit.SECONDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout");
    assertThat(OtlpHttpSpanExporter.builder().build().toString())
        .contains(
            "endpoint=https://app.tracekit.dev/v1/traces", "apiKey=<none>", "timeoutMillis=10000");
  }
}
