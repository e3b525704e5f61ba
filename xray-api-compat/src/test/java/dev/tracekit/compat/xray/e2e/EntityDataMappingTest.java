package dev.tracekit.compat.xray.e2e;

import static dev.tracekit.compat.xray.e2e.OtlpBackend.attributes;
import static dev.tracekit.compat.xray.e2e.OtlpBackend.byName;
import static dev.tracekit.compat.xray.e2e.OtlpBackend.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attribute, status and exception rows of {@code docs/mapping.md}, end to end (X-Ray calls →
 * TraceKit pipeline → OTLP/HTTP → loopback server → official proto): annotations, metadata, flags
 * and status, exceptions, http, aws, sql, user, origin, namespace and precursor ids.
 */
class EntityDataMappingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OtlpBackend backend;
  private AWSXRayRecorder recorder;

  @BeforeEach
  void start() throws Exception {
    backend = new OtlpBackend().initTraceKit();
    recorder = AWSXRayRecorderBuilder.standard().build();
  }

  @AfterEach
  void stop() throws Exception {
    recorder.clearTraceEntity();
    backend.close();
  }

  @Test
  void annotationsKeepTheirTypesAndTheirKeysAreListed() throws Exception {
    Segment segment = recorder.beginSegment("annotated");
    segment.putAnnotation("customer", "c-42");
    segment.putAnnotation("premium", true);
    segment.putAnnotation("items", 3);
    segment.putAnnotation("big", 9_000_000_000L);
    segment.putAnnotation("total", 12.5);
    recorder.endSegment();

    Map<String, AnyValue> attributes = attributes(byName(backend.flushAndCollect(), "annotated"));
    assertThat(attributes.get("customer").getStringValue()).isEqualTo("c-42");
    assertThat(attributes.get("premium").getBoolValue()).isTrue();
    assertThat(attributes.get("items").getIntValue()).isEqualTo(3);
    assertThat(attributes.get("big").getIntValue()).isEqualTo(9_000_000_000L);
    assertThat(attributes.get("total").getDoubleValue()).isEqualTo(12.5);
    assertThat(strings(attributes.get("aws.xray.annotations")))
        .containsExactly("big", "customer", "items", "premium", "total");
  }

  @Test
  void eachMetadataNamespaceBecomesOneJsonAttribute() throws Exception {
    Segment segment = recorder.beginSegment("with-metadata");
    segment.putMetadata("plain", "text");
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("id", "o-1");
    order.put("lines", Arrays.asList(1, 2, 3));
    order.put("empty", Collections.emptyList());
    segment.putMetadata("app", "order", order);
    segment.putMetadata("app", "retry", false);
    recorder.endSegment();

    Map<String, AnyValue> attributes = attributes(byName(backend.flushAndCollect(), "with-metadata"));
    assertThat(json(attributes.get("aws.xray.metadata.default"))).isEqualTo(json("{\"plain\":\"text\"}"));
    // Same JSON as the segment document: empty values are left out, as the X-Ray SDK's mapper does.
    assertThat(json(attributes.get("aws.xray.metadata.app")))
        .isEqualTo(json("{\"order\":{\"id\":\"o-1\",\"lines\":[1,2,3]},\"retry\":false}"));
  }

  @Test
  void faultAndErrorAreFlaggedAndSetTheErrorStatus() throws Exception {
    recorder.beginSegment("flags");
    Subsegment fault = recorder.beginSubsegment("fault");
    fault.setFault(true);
    recorder.endSubsegment();
    Subsegment error = recorder.beginSubsegment("error");
    error.setError(true);
    recorder.endSubsegment();
    Subsegment throttle = recorder.beginSubsegment("throttle");
    throttle.setThrottle(true);
    recorder.endSubsegment();
    recorder.endSegment();

    List<Span> spans = backend.flushAndCollect();
    Span faultSpan = byName(spans, "fault");
    assertThat(attributes(faultSpan).get("aws.xray.fault").getBoolValue()).isTrue();
    assertThat(faultSpan.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    Span errorSpan = byName(spans, "error");
    assertThat(attributes(errorSpan).get("aws.xray.error").getBoolValue()).isTrue();
    assertThat(attributes(errorSpan)).doesNotContainKey("aws.xray.fault");
    assertThat(errorSpan.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    Span throttleSpan = byName(spans, "throttle");
    assertThat(attributes(throttleSpan).get("aws.xray.throttle").getBoolValue()).isTrue();
    assertThat(attributes(throttleSpan)).doesNotContainKeys("aws.xray.fault", "aws.xray.error");
    assertThat(throttleSpan.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
    assertThat(byName(spans, "flags").getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
  }

  @Test
  void exceptionAndItsCausesBecomeExceptionEventsAndTheStatusMessage() throws Exception {
    recorder.beginSegment("failing");
    Subsegment sub = recorder.beginSubsegment("query");
    IllegalStateException root = new IllegalStateException("connection reset");
    root.setStackTrace(new StackTraceElement[] {
      new StackTraceElement("org.postgresql.core.PGStream", "receive", "PGStream.java", 301)});
    RuntimeException failure = new RuntimeException("query failed", root);
    failure.setStackTrace(new StackTraceElement[] {
      new StackTraceElement("com.example.Orders", "load", "Orders.java", 42),
      new StackTraceElement("com.example.Api", "handle", null, -1)});
    sub.addException(failure);
    recorder.endSubsegment();
    recorder.endSegment();

    Span span = byName(backend.flushAndCollect(), "query");
    assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(span.getStatus().getMessage()).isEqualTo("query failed");
    assertThat(attributes(span).get("aws.xray.fault").getBoolValue()).isTrue();
    assertThat(span.getEventsList()).hasSize(2);
    Map<String, AnyValue> first = attributes(span.getEvents(0).getAttributesList());
    Map<String, AnyValue> second = attributes(span.getEvents(1).getAttributesList());
    assertThat(span.getEvents(0).getName()).isEqualTo("exception");
    assertThat(span.getEvents(0).getTimeUnixNano()).isBetween(span.getStartTimeUnixNano(), span.getEndTimeUnixNano());
    assertThat(first.get("exception.type").getStringValue()).isEqualTo("java.lang.RuntimeException");
    assertThat(first.get("exception.message").getStringValue()).isEqualTo("query failed");
    assertThat(first.get("exception.stacktrace").getStringValue())
        .isEqualTo("java.lang.RuntimeException: query failed\n"
            + "\tat com.example.Orders.load(Orders.java:42)\n"
            + "\tat com.example.Api.handle(Unknown Source)");
    assertThat(first.get("aws.xray.exception.id").getStringValue()).matches("[0-9a-f]{16}");
    assertThat(first.get("aws.xray.exception.remote").getBoolValue()).isFalse();
    assertThat(first.get("aws.xray.exception.truncated").getIntValue()).isZero();
    assertThat(first.get("aws.xray.exception.skipped").getIntValue()).isZero();
    assertThat(first.get("aws.xray.exception.cause").getStringValue())
        .isEqualTo(second.get("aws.xray.exception.id").getStringValue());
    assertThat(second.get("exception.type").getStringValue()).isEqualTo("java.lang.IllegalStateException");
    assertThat(second.get("exception.stacktrace").getStringValue())
        .isEqualTo("java.lang.IllegalStateException: connection reset\n"
            + "\tat org.postgresql.core.PGStream.receive(PGStream.java:301)");
    assertThat(second).doesNotContainKey("aws.xray.exception.cause");
  }

  @Test
  void longStacksAreCutAndTheCutIsCounted() throws Exception {
    recorder.beginSegment("deep");
    StackTraceElement[] frames = new StackTraceElement[60];
    for (int i = 0; i < frames.length; i++) {
      frames[i] = new StackTraceElement("com.example.Deep", "level" + i, "Deep.java", i + 1);
    }
    RuntimeException deep = new RuntimeException("too deep");
    deep.setStackTrace(frames);
    recorder.getCurrentSegment().addException(deep);
    recorder.endSegment();

    Map<String, AnyValue> event =
        attributes(byName(backend.flushAndCollect(), "deep").getEvents(0).getAttributesList());
    assertThat(event.get("aws.xray.exception.truncated").getIntValue()).isEqualTo(10);
    assertThat(event.get("exception.stacktrace").getStringValue())
        .contains("\tat com.example.Deep.level49(Deep.java:50)")
        .doesNotContain("level50")
        .endsWith("\n\t... 10 more");
  }

  @Test
  void httpRequestAndResponseBecomeHttpAttributes() throws Exception {
    Segment segment = recorder.beginSegment("http");
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("method", "POST");
    request.put("url", "https://shop.example.com/cart?id=1");
    request.put("client_ip", "203.0.113.7");
    request.put("user_agent", "curl/8.0");
    request.put("x_forwarded_for", true);
    segment.putHttp("request", request);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("status", 201);
    response.put("content_length", 123L);
    segment.putHttp("response", response);
    recorder.endSegment();

    Map<String, AnyValue> attributes = attributes(byName(backend.flushAndCollect(), "http"));
    assertThat(attributes.get("http.request.method").getStringValue()).isEqualTo("POST");
    assertThat(attributes.get("url.full").getStringValue()).isEqualTo("https://shop.example.com/cart?id=1");
    assertThat(attributes.get("client.address").getStringValue()).isEqualTo("203.0.113.7");
    assertThat(attributes.get("user_agent.original").getStringValue()).isEqualTo("curl/8.0");
    assertThat(attributes.get("aws.xray.x_forwarded_for").getBoolValue()).isTrue();
    assertThat(attributes.get("http.response.status_code").getIntValue()).isEqualTo(201);
    assertThat(attributes.get("http.response.body.size").getIntValue()).isEqualTo(123);
  }

  @Test
  void awsFieldsBecomeAwsAttributes() throws Exception {
    recorder.beginSegment("api");
    Subsegment sqs = recorder.beginSubsegment("SQS");
    sqs.setNamespace("aws");
    sqs.putAws("operation", "SendMessage");
    sqs.putAws("region", "eu-west-1");
    sqs.putAws("request_id", "R3QUE5T");
    sqs.putAws("account_id", "123456789012");
    sqs.putAws("queue_url", "https://sqs.eu-west-1.amazonaws.com/123456789012/orders");
    sqs.putAws("table_name", "orders");
    sqs.putAws("retries", 2);
    recorder.endSubsegment();
    recorder.endSegment();

    Map<String, AnyValue> attributes = attributes(byName(backend.flushAndCollect(), "SQS"));
    assertThat(attributes.get("aws.operation").getStringValue()).isEqualTo("SendMessage");
    assertThat(attributes.get("rpc.method").getStringValue()).isEqualTo("SendMessage");
    assertThat(attributes.get("aws.region").getStringValue()).isEqualTo("eu-west-1");
    assertThat(attributes.get("aws.request_id").getStringValue()).isEqualTo("R3QUE5T");
    assertThat(attributes.get("aws.account_id").getStringValue()).isEqualTo("123456789012");
    assertThat(attributes.get("aws.queue_url").getStringValue())
        .isEqualTo("https://sqs.eu-west-1.amazonaws.com/123456789012/orders");
    assertThat(attributes.get("aws.table_name").getStringValue()).isEqualTo("orders");
    assertThat(attributes.get("aws.xray.retries").getIntValue()).isEqualTo(2);
    assertThat(attributes).doesNotContainKey("aws.xray");
  }

  @Test
  void sqlFieldsBecomeDatabaseAttributesWithoutCredentials() throws Exception {
    recorder.beginSegment("api");
    Subsegment query = recorder.beginSubsegment("orders@db.example.com");
    query.setNamespace("remote");
    query.putSql("url", "jdbc:postgresql://app:s3cret@db.example.com:5432/orders?password=s3cret&ssl=true");
    query.putSql("user", "app");
    query.putSql("database_type", "PostgreSQL");
    query.putSql("sanitized_query", "SELECT * FROM orders WHERE id = ?");
    recorder.endSubsegment();
    recorder.endSegment();

    Map<String, AnyValue> attributes = attributes(byName(backend.flushAndCollect(), "orders@db.example.com"));
    assertThat(attributes.get("db.system.name").getStringValue()).isEqualTo("postgresql");
    assertThat(attributes.get("db.namespace").getStringValue()).isEqualTo("orders");
    assertThat(attributes.get("db.query.text").getStringValue()).isEqualTo("SELECT * FROM orders WHERE id = ?");
    assertThat(attributes.get("db.user").getStringValue()).isEqualTo("app");
    assertThat(attributes.get("aws.xray.sql.url").getStringValue())
        .isEqualTo("jdbc:postgresql://db.example.com:5432/orders?password=&ssl=true");
    assertThat(attributes.toString()).doesNotContain("s3cret");
  }

  @Test
  void userOriginAndResourceArnBecomeAttributes() throws Exception {
    Segment segment = recorder.beginSegment("who");
    segment.setUser("alice");
    segment.setOrigin("AWS::EC2::Instance");
    segment.setResourceArn("arn:aws:ec2:us-east-1:123456789012:instance/i-0abc");
    recorder.endSegment();

    Map<String, AnyValue> attributes = attributes(byName(backend.flushAndCollect(), "who"));
    assertThat(attributes.get("enduser.id").getStringValue()).isEqualTo("alice");
    assertThat(attributes.get("aws.xray.origin").getStringValue()).isEqualTo("AWS::EC2::Instance");
    assertThat(attributes.get("aws.xray.resource_arn").getStringValue())
        .isEqualTo("arn:aws:ec2:us-east-1:123456789012:instance/i-0abc");
  }

  @Test
  void namespaceAndPrecursorIdsBecomeAttributes() throws Exception {
    recorder.beginSegment("api");
    Subsegment first = recorder.beginSubsegment("first");
    recorder.endSubsegment();
    Subsegment second = recorder.beginSubsegment("second");
    second.setNamespace("remote");
    second.addPrecursorId(first.getId());
    recorder.endSubsegment();
    recorder.endSegment();

    Map<String, AnyValue> attributes = attributes(byName(backend.flushAndCollect(), "second"));
    assertThat(attributes.get("aws.xray.namespace").getStringValue()).isEqualTo("remote");
    assertThat(strings(attributes.get("aws.xray.precursor_ids"))).containsExactly(first.getId());
  }

  @Test
  void subsegmentIsExportedWhenItEndsNotWhenItsSegmentDoes() throws Exception {
    recorder.beginSegment("long-request");
    recorder.beginSubsegment("early");
    recorder.endSubsegment();

    List<Span> whileOpen = backend.flushAndCollect();
    assertThat(OtlpBackend.names(whileOpen)).containsExactly("early");
    recorder.endSegment();
    assertThat(OtlpBackend.names(backend.flushAndCollect())).containsExactlyInAnyOrder("early", "long-request");
  }

  private static JsonNode json(AnyValue value) throws Exception {
    return JSON.readTree(value.getStringValue());
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }
}
