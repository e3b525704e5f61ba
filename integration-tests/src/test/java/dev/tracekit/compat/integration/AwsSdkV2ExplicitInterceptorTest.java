package dev.tracekit.compat.integration;

import static dev.tracekit.compat.integration.TraceHeaderAssert.assertHeadersName;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.interceptors.TracingInterceptor;
import dev.tracekit.compat.integration.TracedCalls.Trace;
import dev.tracekit.compat.testing.ReceivedSpan;
import java.util.Collections;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The real {@code TracingInterceptor} added to one client by hand, as apps without the
 * instrumentor do. Tagged to run in its own surefire execution, whose class path lacks
 * aws-xray-recorder-sdk-aws-sdk-v2-instrumentor (see the pom), so no interceptor is registered
 * globally.
 */
@Tag(AwsSdkV2ExplicitInterceptorTest.WITHOUT_INSTRUMENTOR)
class AwsSdkV2ExplicitInterceptorTest extends AwsStubTestBase {
  /** The JUnit tag of tests that run in the pom's execution without the instrumentor. */
  static final String WITHOUT_INSTRUMENTOR = "without-instrumentor";

  private static final String GLOBAL_INTERCEPTORS =
      "software/amazon/awssdk/global/handlers/execution.interceptors";

  @BeforeEach
  void runsWithoutTheInstrumentor() throws Exception {
    assertThat(Collections.list(getClass().getClassLoader().getResources(GLOBAL_INTERCEPTORS)))
        .as("global interceptor registrations (this class must run without the instrumentor)")
        .isEmpty();
  }

  @Test
  void anInterceptorAddedToTheClientTracesItsCalls() throws Exception {
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
      assertThat(span.getKind()).isEqualTo(ReceivedSpan.Kind.CLIENT);
      assertThat(span.getAttributes())
          .containsEntry("aws.service", "DynamoDb")
          .containsEntry("aws.operation", "GetItem")
          .containsEntry("aws.table_name", "orders")
          .containsEntry("aws.request_id", AwsStub.REQUEST_ID);
      RecordedRequest request = aws.onlyRequest();
      assertHeadersName(span, request.getHeader("X-Amzn-Trace-Id"), request.getHeader("traceparent"));
    }
  }

  @Test
  void aClientWithoutTheInterceptorIsNotTraced() throws Exception {
    // The control: here nothing registers the interceptor globally, so the span above came from
    // the one added by hand (and the instrumentor's spans in the other class, from its registration).
    try (DynamoDbClient dynamo = AwsClients.v2(DynamoDbClient.builder(), aws.endpoint()).build()) {
      Trace trace =
          calls.inSegment(
              "untraced-client",
              () -> dynamo.getItem(r -> r.tableName("orders").key(AwsClients.key("o-1"))));

      assertThat(trace.spans).hasSize(1);
      assertThat(aws.onlyRequest().getHeader("X-Amzn-Trace-Id")).isNull();
    }
  }
}
