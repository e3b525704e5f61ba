package dev.tracekit.compat.integration;

import static dev.tracekit.compat.integration.TraceHeaderAssert.assertHeadersName;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.AmazonServiceException;
import dev.tracekit.compat.integration.TracedCalls.Trace;
import dev.tracekit.compat.testing.ReceivedSpan;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An AWS SDK v1 DynamoDB client traced by the real {@code TracingHandler} of aws-xray-recorder-sdk-aws-sdk, on the shim. */
class AwsSdkV1TracingHandlerTest extends AwsStubTestBase {
  @Test
  void getItemBecomesAClientSpanWithTheAwsAttributes() {
    Trace trace = calls.inSegment("orders-api", () -> ModuleCalls.v1DynamoDbGetItem(aws.endpoint(), "orders"));

    assertThat(trace.thrown).isNull();
    ReceivedSpan span = trace.onlyChild();
    assertThat(span.getKind()).isEqualTo(ReceivedSpan.Kind.CLIENT);
    assertThat(span.getAttributes())
        .containsEntry("aws.service", span.getName())
        .containsEntry("rpc.system", "aws-api")
        .containsEntry("aws.operation", "GetItem")
        .containsEntry("rpc.method", "GetItem")
        .containsEntry("aws.request_id", AwsStub.REQUEST_ID)
        .containsEntry("aws.table_name", "orders")
        .containsEntry("http.response.status_code", 200L);
    // The v1 module records no region (nor does it on the real core).
    assertThat(span.getAttributes()).doesNotContainKey("aws.region");
    ErrorFlags.assertFlags(span, false, false, false);
    assertThat(span.getStatusCode()).isEqualTo(ReceivedSpan.StatusCode.UNSET);
    RecordedRequest request = aws.onlyRequest();
    assertThat(request.getHeader("X-Amz-Target")).isEqualTo("DynamoDB_20120810.GetItem");
    assertHeadersName(span, request.getHeader("X-Amzn-Trace-Id"), request.getHeader("traceparent"));
  }

  @ParameterizedTest(name = "answered {0}")
  @ValueSource(ints = {400, 429, 500})
  void anErrorStatusSetsErrorThrottleOrFaultAsXRayDoes(int status) {
    Trace trace =
        calls.inSegment("failing-v1", () -> ModuleCalls.v1DynamoDbGetItem(aws.endpoint(), "fail-" + status));

    assertThat(trace.thrown).isInstanceOf(AmazonServiceException.class);
    ReceivedSpan span = trace.onlyChild();
    assertThat(span.getKind()).isEqualTo(ReceivedSpan.Kind.CLIENT);
    assertThat(span.getAttributes())
        .containsEntry("aws.operation", "GetItem")
        .containsEntry("http.response.status_code", (long) status);
    // The module's rule: 4xx error, 429 also throttle; it then records the exception, which in
    // X-Ray's core (and the shim) also sets fault, so every failed call is a fault as well.
    ErrorFlags.assertFlags(span, status < 500, status == 429, true);
    assertThat(span.getStatusCode()).isEqualTo(ReceivedSpan.StatusCode.ERROR);
    // The v1 handler does not mark its exceptions remote, and X-Ray's core only marks
    // UncheckedIOException by default (RealCoreDifferentialTest).
    ErrorFlags.assertOneException(span, trace.thrown, false);
    RecordedRequest request = aws.onlyRequest();
    assertHeadersName(span, request.getHeader("X-Amzn-Trace-Id"), request.getHeader("traceparent"));
  }
}
