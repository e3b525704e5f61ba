package dev.tracekit.compat.integration;

import static dev.tracekit.compat.integration.TraceHeaderAssert.assertHeadersName;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.interceptors.TracingInterceptor;
import dev.tracekit.compat.integration.TracedCalls.Trace;
import dev.tracekit.compat.testing.ReceivedSpan;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * AWS SDK v2 clients traced by the real {@code TracingInterceptor} of
 * aws-xray-recorder-sdk-aws-sdk-v2, registered for every client by the real
 * aws-xray-recorder-sdk-aws-sdk-v2-instrumentor (the clients here add no interceptor), on the shim.
 */
class AwsSdkV2TracingInterceptorTest extends AwsStubTestBase {
  @Test
  void dynamoDbGetItemBecomesAClientSpanWithTheAwsAttributes() {
    Trace trace = calls.inSegment("orders-api", () -> ModuleCalls.v2DynamoDbGetItem(aws.endpoint(), "orders"));

    assertThat(trace.thrown).isNull();
    ReceivedSpan span = trace.onlyChild();
    assertThat(span.getName()).isEqualTo("DynamoDb");
    assertThat(span.getKind()).isEqualTo(ReceivedSpan.Kind.CLIENT);
    assertThat(span.getAttributes())
        .containsEntry("aws.service", "DynamoDb")
        .containsEntry("rpc.system", "aws-api")
        .containsEntry("aws.operation", "GetItem")
        .containsEntry("rpc.method", "GetItem")
        .containsEntry("aws.region", AwsClients.REGION)
        .containsEntry("aws.request_id", AwsStub.REQUEST_ID)
        .containsEntry("aws.table_name", "orders")
        .containsEntry("http.response.status_code", 200L);
    ErrorFlags.assertFlags(span, false, false, false);
    assertThat(span.getStatusCode()).isEqualTo(ReceivedSpan.StatusCode.UNSET);
    RecordedRequest request = aws.onlyRequest();
    assertThat(request.getHeader("X-Amz-Target")).isEqualTo("DynamoDB_20120810.GetItem");
    assertHeadersName(span, request.getHeader("X-Amzn-Trace-Id"), request.getHeader("traceparent"));
  }

  @Test
  void s3ListObjectsBecomesAClientSpanWithBothRequestIds() {
    Trace trace = calls.inSegment("invoices-api", () -> ModuleCalls.v2S3ListObjects(aws.endpoint(), "invoices"));

    assertThat(trace.thrown).isNull();
    ReceivedSpan span = trace.onlyChild();
    assertThat(span.getKind()).isEqualTo(ReceivedSpan.Kind.CLIENT);
    assertThat(span.getAttributes())
        .containsEntry("aws.service", "S3")
        .containsEntry("rpc.system", "aws-api")
        .containsEntry("aws.operation", "ListObjectsV2")
        .containsEntry("rpc.method", "ListObjectsV2")
        .containsEntry("aws.region", AwsClients.REGION)
        .containsEntry("aws.request_id", AwsStub.REQUEST_ID)
        .containsEntry("aws.id_2", AwsStub.S3_EXTENDED_REQUEST_ID)
        .containsEntry("http.response.status_code", 200L);
    ErrorFlags.assertFlags(span, false, false, false);
    RecordedRequest request = aws.onlyRequest();
    assertThat(request.getPath()).startsWith("/invoices");
    assertHeadersName(span, request.getHeader("X-Amzn-Trace-Id"), request.getHeader("traceparent"));
  }

  @Test
  void sqsSendMessageBecomesAClientSpanWithTheQueueUrl() {
    Trace trace = calls.inSegment("orders-api", () -> ModuleCalls.v2SqsSendMessage(aws.endpoint(), "orders"));

    assertThat(trace.thrown).isNull();
    ReceivedSpan span = trace.onlyChild();
    assertThat(span.getKind()).isEqualTo(ReceivedSpan.Kind.CLIENT);
    assertThat(span.getAttributes())
        .containsEntry("aws.service", "Sqs")
        .containsEntry("rpc.system", "aws-api")
        .containsEntry("aws.operation", "SendMessage")
        .containsEntry("aws.queue_url", ModuleCalls.queueUrl(aws.endpoint(), "orders"))
        .containsEntry("aws.request_id", AwsStub.REQUEST_ID)
        .containsEntry("http.response.status_code", 200L);
    ErrorFlags.assertFlags(span, false, false, false);
    RecordedRequest request = aws.onlyRequest();
    // Recent SDKs speak SQS's JSON protocol.
    assertThat(request.getHeader("X-Amz-Target")).isEqualTo("AmazonSQS.SendMessage");
    assertHeadersName(span, request.getHeader("X-Amzn-Trace-Id"), request.getHeader("traceparent"));
  }

  @ParameterizedTest(name = "{0} answered {1}")
  @CsvSource({
    "DynamoDb, 400", "DynamoDb, 429", "DynamoDb, 500",
    "S3, 400", "S3, 429", "S3, 500",
    "Sqs, 400", "Sqs, 429", "Sqs, 500"
  })
  void anErrorStatusSetsErrorThrottleOrFaultAsXRayDoes(String service, int status) {
    String name = "fail-" + status;
    Trace trace =
        calls.inSegment(
            "failing-" + service,
            () -> {
              if (service.equals("DynamoDb")) {
                ModuleCalls.v2DynamoDbGetItem(aws.endpoint(), name);
              } else if (service.equals("S3")) {
                ModuleCalls.v2S3ListObjects(aws.endpoint(), name);
              } else {
                ModuleCalls.v2SqsSendMessage(aws.endpoint(), name);
              }
            });

    assertThat(trace.thrown).isInstanceOf(AwsServiceException.class);
    ReceivedSpan span = trace.onlyChild();
    assertThat(span.getKind()).isEqualTo(ReceivedSpan.Kind.CLIENT);
    assertThat(span.getAttributes())
        .containsEntry("aws.service", service)
        .containsEntry("http.response.status_code", (long) status);
    // The module's own rule: 4xx error (fault cleared), 429 also throttle, 5xx fault.
    ErrorFlags.assertFlags(span, status < 500, status == 429, status >= 500);
    assertThat(span.getStatusCode()).isEqualTo(ReceivedSpan.StatusCode.ERROR);
    // The v2 interceptor marks service exceptions remote.
    ErrorFlags.assertOneException(span, trace.thrown, true);
    RecordedRequest request = aws.onlyRequest();
    assertHeadersName(span, request.getHeader("X-Amzn-Trace-Id"), request.getHeader("traceparent"));
  }

  @Test
  void anInterceptorAlsoAddedByHandStillRecordsOneSpanPerCall() {
    // Apps that add TracingInterceptor themselves and also have the instrumentor: the interceptor
    // notices the second copy and stays out of its way.
    try (DynamoDbClient dynamo =
        AwsClients.v2(DynamoDbClient.builder(), aws.endpoint())
            .overrideConfiguration(
                c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                    .addExecutionInterceptor(new TracingInterceptor()))
            .build()) {
      Trace trace =
          calls.inSegment(
              "orders-api",
              () -> dynamo.getItem(r -> r.tableName("orders").key(AwsClients.key("o-1"))));

      ReceivedSpan span = trace.onlyChild();
      assertThat(span.getAttributes()).containsEntry("aws.operation", "GetItem");
      RecordedRequest request = aws.onlyRequest();
      assertThat(request.getHeaders().values("X-Amzn-Trace-Id")).hasSize(1);
      assertHeadersName(span, request.getHeader("X-Amzn-Trace-Id"), request.getHeader("traceparent"));
    }
  }
}
