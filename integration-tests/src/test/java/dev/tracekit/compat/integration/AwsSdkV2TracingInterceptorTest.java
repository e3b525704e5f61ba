package dev.tracekit.compat.integration;

import static dev.tracekit.compat.integration.TraceHeaderAssert.assertHeadersName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.integration.TracedCalls.Trace;
import dev.tracekit.compat.testing.ReceivedSpan;
import com.amazonaws.xray.interceptors.TracingInterceptor;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * AWS SDK v2 clients traced by the real {@code TracingInterceptor} of
 * aws-xray-recorder-sdk-aws-sdk-v2, registered for every client by the real
 * aws-xray-recorder-sdk-aws-sdk-v2-instrumentor (the clients here add no interceptor), on the shim.
 */
class AwsSdkV2TracingInterceptorTest {
  private static TracedCalls calls;
  private static AwsStub aws;

  @BeforeAll
  static void start() {
    calls = TracedCalls.start();
    aws = new AwsStub();
  }

  @AfterAll
  static void stop() throws Exception {
    aws.close();
    calls.close();
  }

  @BeforeEach
  void answerNormally() {
    aws.reset();
  }

  @Test
  void dynamoDbGetItemBecomesAClientSpanWithTheAwsAttributes() throws Exception {
    try (DynamoDbClient dynamo = AwsClients.v2(DynamoDbClient.builder(), aws).build()) {
      Trace trace =
          calls.inSegment(
              "orders-api",
              () -> dynamo.getItem(r -> r.tableName("orders").key(AwsClients.key("o-1"))));

      ReceivedSpan span = trace.onlyChild();
      assertThat(trace.thrown).isNull();
      assertThat(span.getName()).isEqualTo("DynamoDb");
      assertThat(span.getKind()).isEqualTo(ReceivedSpan.Kind.CLIENT);
      assertThat(span.getAttributes())
          .containsEntry("aws.service", "DynamoDb")
          .containsEntry("rpc.system", "aws-api")
          .containsEntry("aws.operation", "GetItem")
          .containsEntry("rpc.method", "GetItem")
          .containsEntry("aws.region", "us-east-1")
          .containsEntry("aws.request_id", AwsStub.REQUEST_ID)
          .containsEntry("aws.table_name", "orders")
          .containsEntry("http.response.status_code", 200L)
          .doesNotContainKeys("aws.xray.error", "aws.xray.throttle", "aws.xray.fault");
      assertThat(span.getStatusCode()).isEqualTo(ReceivedSpan.StatusCode.UNSET);
      RecordedRequest request = aws.onlyRequest();
      assertHeadersName(span, request.getHeader("X-Amzn-Trace-Id"), request.getHeader("traceparent"));
    }
  }

  @Test
  void s3ListObjectsBecomesAClientSpanWithBothRequestIds() throws Exception {
    try (S3Client s3 = AwsClients.v2(S3Client.builder(), aws).forcePathStyle(true).build()) {
      Trace trace =
          calls.inSegment("invoices-api", () -> s3.listObjectsV2(r -> r.bucket("invoices")));

      ReceivedSpan span = trace.onlyChild();
      assertThat(trace.thrown).isNull();
      assertThat(span.getKind()).isEqualTo(ReceivedSpan.Kind.CLIENT);
      assertThat(span.getAttributes())
          .containsEntry("aws.service", "S3")
          .containsEntry("rpc.system", "aws-api")
          .containsEntry("aws.operation", "ListObjectsV2")
          .containsEntry("aws.region", "us-east-1")
          .containsEntry("aws.request_id", AwsStub.REQUEST_ID)
          .containsEntry("aws.id_2", AwsStub.S3_EXTENDED_REQUEST_ID)
          .containsEntry("http.response.status_code", 200L);
      RecordedRequest request = aws.onlyRequest();
      assertThat(request.getPath()).startsWith("/invoices");
      assertHeadersName(span, request.getHeader("X-Amzn-Trace-Id"), request.getHeader("traceparent"));
    }
  }

  @Test
  void sqsSendMessageBecomesAClientSpanWithTheQueueUrl() throws Exception {
    String queueUrl = aws.endpoint() + "/123456789012/orders";
    try (SqsClient sqs = AwsClients.v2(SqsClient.builder(), aws).build()) {
      Trace trace =
          calls.inSegment(
              "orders-api", () -> sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody("order o-1")));

      ReceivedSpan span = trace.onlyChild();
      assertThat(trace.thrown).isNull();
      assertThat(span.getKind()).isEqualTo(ReceivedSpan.Kind.CLIENT);
      assertThat(span.getAttributes())
          .containsEntry("aws.service", "Sqs")
          .containsEntry("aws.operation", "SendMessage")
          .containsEntry("aws.queue_url", queueUrl)
          .containsEntry("aws.request_id", AwsStub.REQUEST_ID)
          .containsEntry("http.response.status_code", 200L);
      RecordedRequest request = aws.onlyRequest();
      assertThat(request.getHeader("X-Amz-Target")).isEqualTo("AmazonSQS.SendMessage");
      assertHeadersName(span, request.getHeader("X-Amzn-Trace-Id"), request.getHeader("traceparent"));
    }
  }

  @ParameterizedTest(name = "{0} answered {1}")
  @CsvSource({
    "DynamoDb, 400", "DynamoDb, 429", "DynamoDb, 500",
    "S3, 400", "S3, 429", "S3, 500",
    "Sqs, 400", "Sqs, 429", "Sqs, 500"
  })
  void anErrorStatusSetsErrorThrottleOrFaultAsXRayDoes(String service, int status) throws Exception {
    aws.failWith(status);
    try (DynamoDbClient dynamo = AwsClients.v2(DynamoDbClient.builder(), aws).build();
        S3Client s3 = AwsClients.v2(S3Client.builder(), aws).forcePathStyle(true).build();
        SqsClient sqs = AwsClients.v2(SqsClient.builder(), aws).build()) {
      TracedCalls.Call call;
      if (service.equals("DynamoDb")) {
        call = () -> dynamo.getItem(r -> r.tableName("orders").key(AwsClients.key("o-1")));
      } else if (service.equals("S3")) {
        call = () -> s3.listObjectsV2(r -> r.bucket("invoices"));
      } else {
        call = () -> sqs.sendMessage(r -> r.queueUrl(aws.endpoint() + "/1/q").messageBody("m"));
      }
      Trace trace = calls.inSegment("failing-" + service, call);

      assertThat(trace.thrown).isInstanceOf(AwsServiceException.class);
      ReceivedSpan span = trace.onlyChild();
      assertThat(span.getKind()).isEqualTo(ReceivedSpan.Kind.CLIENT);
      assertThat(span.getAttributes())
          .containsEntry("aws.service", service)
          .containsEntry("http.response.status_code", (long) status);
      ErrorFlags.assertFlagsFor(status, span);
      assertThat(span.getStatusCode()).isEqualTo(ReceivedSpan.StatusCode.ERROR);
      assertThat(span.getEvents()).hasSize(1);
      ReceivedSpan.Event exception = span.getEvents().get(0);
      assertThat(exception.getName()).isEqualTo("exception");
      assertThat(exception.getAttributes())
          .containsEntry("exception.type", trace.thrown.getClass().getName())
          .containsEntry("aws.xray.exception.remote", true);
      RecordedRequest request = aws.onlyRequest();
      assertHeadersName(span, request.getHeader("X-Amzn-Trace-Id"), request.getHeader("traceparent"));
    }
  }

  @Test
  void anInterceptorAlsoAddedByHandStillRecordsOneSpanPerCall() throws Exception {
    // Apps that add TracingInterceptor themselves and also have the instrumentor: the interceptor
    // notices the second copy and stays out of its way.
    try (DynamoDbClient dynamo =
        AwsClients.v2(DynamoDbClient.builder(), aws)
            .overrideConfiguration(
                c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                    .addExecutionInterceptor(new TracingInterceptor()))
            .build()) {
      Trace trace =
          calls.inSegment(
              "orders-api", () -> dynamo.getItem(r -> r.tableName("orders").key(AwsClients.key("o-1"))));

      ReceivedSpan span = trace.onlyChild();
      assertThat(span.getAttributes()).containsEntry("aws.operation", "GetItem");
      RecordedRequest request = aws.onlyRequest();
      assertThat(request.getHeaders().values("X-Amzn-Trace-Id")).hasSize(1);
      assertHeadersName(span, request.getHeader("X-Amzn-Trace-Id"), request.getHeader("traceparent"));
    }
  }
}
