package dev.tracekit.compat.testing;

import static dev.tracekit.compat.testing.TraceShapeAssertions.assertThatShape;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import dev.tracekit.compat.core.secrets.TestSecrets;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Shapes of the same X-Ray API calls, from the shim's X-Ray documents and from its OTLP export. */
class TraceShapeFromShimTest {
  private ShimRun run;

  @BeforeEach
  void start() throws Exception {
    run = new ShimRun();
  }

  @AfterEach
  void stop() throws Exception {
    run.close();
  }

  /** A checkout request touching every kind of field a shape keeps. */
  static Segment checkout(AWSXRayRecorder recorder) {
    Segment segment = recorder.beginSegment("checkout");
    segment.setUser("alice");
    segment.setOrigin("AWS::EC2::Instance");
    segment.putAnnotation("user_id", "u-123");
    segment.putAnnotation("premium", true);
    segment.putAnnotation("items", 3);
    segment.putAnnotation("total", 42.5);
    Map<String, Object> cart = new LinkedHashMap<>();
    cart.put("skus", Arrays.asList("a", "b"));
    cart.put("count", 2);
    segment.putMetadata("cart", cart);
    segment.putMetadata("debug", "step", "priced");
    Map<String, Object> request = new HashMap<>();
    request.put("method", "POST");
    request.put(
        "url",
        "https://alice:" + TestSecrets.secret("url") + "@shop.example/checkout?sig=" + TestSecrets.secret("sig"));
    request.put("client_ip", "10.0.0.1");
    segment.putHttp("request", request);
    Map<String, Object> response = new HashMap<>();
    response.put("status", 500);
    response.put("content_length", 17);
    segment.putHttp("response", response);

    Subsegment fetch = recorder.beginSubsegment("fetch-data");
    fetch.setNamespace("remote");
    fetch.putAnnotation("attempt", 1);
    recorder.endSubsegment();

    Subsegment dynamo = recorder.beginSubsegment("DynamoDB");
    dynamo.setNamespace("aws");
    dynamo.putAws("operation", "GetItem");
    dynamo.putAws("region", "eu-west-1");
    dynamo.putAws("table_name", "orders");
    dynamo.putAws("retries", 0);
    recorder.endSubsegment();

    Subsegment query = recorder.beginSubsegment("orders@db");
    query.setNamespace("remote");
    query.putSql("database_type", "PostgreSQL");
    query.putSql("url", "jdbc:postgresql://app:secret@db:5432/orders");
    query.putSql("sanitized_query", "select * from orders where id = ?");
    query.putSql("user", "app");
    recorder.endSubsegment();

    Subsegment pay = recorder.beginSubsegment("pay");
    pay.addException(new IllegalStateException("card declined", new java.io.IOException("timeout")));
    recorder.endSubsegment();

    recorder.beginSubsegment("fetch-data").putAnnotation("attempt", 2);
    recorder.endSubsegment();
    recorder.endSegment();
    return segment;
  }

  @Test
  void xrayDocumentShapeAndOtlpShapeOfTheSameCallsAreEquivalent() throws Exception {
    Segment segment = checkout(run.recorder);
    TraceShape fromDocument = TraceShape.fromEntity(segment);
    TraceShape fromOtlp = TraceShape.fromOtlpJson(run.flushAndTakeBodies(), ShapeOptions.defaults());

    assertThatShape(fromOtlp).isEquivalentTo(fromDocument);
    assertThat(fromOtlp).isEqualTo(fromDocument);

    ShapeNode root = fromOtlp.root("checkout");
    assertThat(root.getKind()).isEqualTo(ShapeNode.Kind.SERVER);
    assertThat(root.getAnnotations())
        .containsEntry("user_id", "u-123")
        .containsEntry("premium", true)
        .containsEntry("items", 3L)
        .containsEntry("total", 42.5);
    assertThat(root.getUser()).isEqualTo("alice");
    assertThat(root.getMetadata().get("default").get("cart").toString()).isEqualTo("{\"count\":2,\"skus\":[\"a\",\"b\"]}");
    assertThat(root.getHttp().toString()).contains("\"status\":500").contains("\"method\":\"POST\"")
        .contains("\"url\":\"https://shop.example/checkout?sig=REDACTED\"");
    assertThat(TestSecrets.containsSecret(fromOtlp.toString())).isFalse();
    assertThat(root.getChildren()).extracting(ShapeNode::getName)
        .containsExactly("DynamoDB", "fetch-data", "fetch-data", "orders@db", "pay");
    assertThat(root.child("DynamoDB").getKind()).isEqualTo(ShapeNode.Kind.CLIENT);
    assertThat(root.child("DynamoDB").getAws().toString())
        .isEqualTo("{\"operation\":\"GetItem\",\"region\":\"eu-west-1\",\"retries\":0,\"table_name\":\"orders\"}");
    assertThat(root.child("orders@db").getSql().get("url").asText()).isEqualTo("jdbc:postgresql://db:5432/orders");
    assertThat(root.child("pay").getKind()).isEqualTo(ShapeNode.Kind.INTERNAL);
    assertThat(root.child("pay").getExceptions()).extracting(ExceptionShape::getType)
        .containsExactly("java.lang.IllegalStateException", "java.io.IOException");
    assertThat(root.getChildren().get(1).getAnnotations()).containsEntry("attempt", 1L);
    assertThat(root.getChildren().get(2).getAnnotations()).containsEntry("attempt", 2L);
    assertThat(root.getId()).isNull();
  }

  @Test
  void shapesFromProtoSpansAndFromExportRequestsAgreeWithTheJsonOne() throws Exception {
    checkout(run.recorder);
    List<String> bodies = run.flushAndTakeBodies();
    List<ExportTraceServiceRequest> requests = new ArrayList<>();
    List<Span> spans = new ArrayList<>();
    for (String body : bodies) {
      ExportTraceServiceRequest request = OtlpSpans.parseJson(body);
      requests.add(request);
      spans.addAll(OtlpSpans.spans(request));
    }
    java.util.Collections.reverse(spans);

    TraceShape fromJson = TraceShape.fromOtlpJson(bodies, ShapeOptions.defaults());
    assertThatShape(TraceShape.fromOtlpSpans(spans)).isEquivalentTo(fromJson);
    assertThatShape(TraceShape.fromOtlp(requests, ShapeOptions.defaults())).isEquivalentTo(fromJson);
    assertThat(TraceShape.fromOtlpSpans(spans).toJson()).isEqualTo(fromJson.toJson());
  }

  @Test
  void idsAreComparedAcrossSidesWhenKept() throws Exception {
    Segment segment = checkout(run.recorder);
    TraceShape fromDocument = TraceShape.fromEntity(segment, ShapeOptions.keepIds());
    TraceShape fromOtlp = TraceShape.fromOtlpJson(run.flushAndTakeBodies(), ShapeOptions.keepIds());

    assertThatShape(fromOtlp).isEquivalentTo(fromDocument);
    assertThat(fromOtlp.root("checkout").getId()).isEqualTo(segment.getId());
    assertThat(fromOtlp.root("checkout").getTraceId()).isEqualTo(segment.getTraceId().toString());
    assertThat(fromOtlp.root("checkout").child("pay").getExceptions().get(0).getId()).isNotNull();
  }

  @Test
  void aSegmentStreamedInPiecesEqualsTheSegmentSentWhole() throws Exception {
    Segment segment = checkout(run.recorder);
    String whole = segment.serialize();
    List<String> pieces = new ArrayList<>();
    for (Subsegment sub : segment.getSubsegmentsCopy()) {
      if (!sub.getName().equals("DynamoDB")) {
        pieces.add(sub.streamSerialize());
        segment.removeSubsegment(sub);
      }
    }
    pieces.add(segment.serialize());
    java.util.Collections.reverse(pieces);
    assertThat(pieces.get(0)).doesNotContain("fetch-data");

    assertThatShape(TraceShape.fromXRayDocuments(pieces)).isEquivalentTo(TraceShape.fromXRayDocuments(whole));
  }

  @Test
  void aSegmentContinuedFromAnIncomingHeaderIsARootThatKeepsItsCallerWhenIdsAreKept() throws Exception {
    com.amazonaws.xray.entities.TraceHeader header =
        com.amazonaws.xray.entities.TraceHeader.fromString(
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
    Segment segment =
        run.recorder.beginSegment("api", header.getRootTraceId(), header.getParentId());
    run.recorder.beginSubsegment("work");
    run.recorder.endSubsegment();
    run.recorder.endSegment();

    TraceShape fromOtlp = TraceShape.fromOtlpJson(run.flushAndTakeBodies(), ShapeOptions.keepIds());
    TraceShape fromDocument = TraceShape.fromEntity(segment, ShapeOptions.keepIds());

    assertThatShape(fromOtlp).isEquivalentTo(fromDocument);
    assertThat(fromOtlp.getRoots()).hasSize(1);
    assertThat(fromOtlp.root("api").getParentId()).isEqualTo("53995c3f42cd8ad8");
    assertThat(fromOtlp.root("api").getTraceId()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
  }
}
