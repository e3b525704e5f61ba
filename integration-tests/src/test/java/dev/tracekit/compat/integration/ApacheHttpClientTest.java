package dev.tracekit.compat.integration;

import static dev.tracekit.compat.integration.TraceHeaderAssert.assertHeadersName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.integration.TracedCalls.Trace;
import dev.tracekit.compat.testing.ReceivedSpan;
import java.net.URI;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Apache HttpClient built by the real {@code HttpClientBuilder} of aws-xray-recorder-sdk-apache-http,
 * calling a loopback service, on the shim.
 */
class ApacheHttpClientTest {
  private static TracedCalls calls;
  private static AwsStub service;

  @BeforeAll
  static void start() {
    calls = TracedCalls.start();
    service = new AwsStub();
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
    calls.close();
  }

  @BeforeEach
  void forgetRequests() {
    service.reset();
  }

  @ParameterizedTest(name = "answered {0}")
  @ValueSource(ints = {200, 400, 429, 500})
  void aCallBecomesAClientSpanWithTheHttpAttributesAndOutcome(int status) {
    String path = status == 200 ? "/api/orders/o-1" : "/api/orders/fail-" + status;
    URI url = URI.create(service.endpoint() + path);
    int[] answered = new int[1];
    Trace trace = calls.inSegment("web-app", () -> answered[0] = ModuleCalls.apacheGet(url));

    assertThat(trace.thrown).isNull();
    assertThat(answered[0]).isEqualTo(status);
    ReceivedSpan span = trace.onlyChild();
    assertThat(span.getName()).isEqualTo("127.0.0.1");
    assertThat(span.getKind()).isEqualTo(ReceivedSpan.Kind.CLIENT);
    assertThat(span.getAttributes())
        .containsEntry("aws.xray.namespace", "remote")
        .containsEntry("http.request.method", "GET")
        .containsEntry("url.full", url.toString())
        .containsEntry("http.response.status_code", (long) status);
    assertThat(span.getAttributes()).doesNotContainKeys("aws.service", "rpc.system");
    // The module's rule: 4xx error, 429 also throttle, 5xx fault; no exception, the call returned.
    ErrorFlags.assertFlags(span, status >= 400 && status < 500, status == 429, status >= 500);
    assertThat(span.getStatusCode())
        .isEqualTo(status >= 400 ? ReceivedSpan.StatusCode.ERROR : ReceivedSpan.StatusCode.UNSET);
    assertThat(span.getEvents()).isEmpty();
    RecordedRequest request = service.onlyRequest();
    assertThat(request.getPath()).isEqualTo(path);
    assertHeadersName(span, request.getHeader("X-Amzn-Trace-Id"), request.getHeader("traceparent"));
  }
}
