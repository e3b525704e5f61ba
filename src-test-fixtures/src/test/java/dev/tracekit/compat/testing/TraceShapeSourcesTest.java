package dev.tracekit.compat.testing;

import static dev.tracekit.compat.testing.TraceShapeAssertions.assertThatShape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Building shapes from saved X-Ray responses, daemon datagrams and partial inputs. */
class TraceShapeSourcesTest {
  static String resource(String name) throws IOException {
    try (InputStream in = TraceShapeSourcesTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] chunk = new byte[4096];
      int n;
      while ((n = in.read(chunk)) != -1) {
        out.write(chunk, 0, n);
      }
      return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void batchGetTracesDocumentsBecomeOneTreeWithoutInferredSegments() throws IOException {
    TraceShape shape = TraceShape.fromBatchGetTraces(resource("batch-get-traces.json"));

    assertThat(shape.getRoots()).extracting(ShapeNode::getName).containsExactly("Scorekeep");
    ShapeNode root = shape.root("Scorekeep");
    assertThat(root.getKind()).isEqualTo(ShapeNode.Kind.SERVER);
    assertThat(root.getUser()).isEqualTo("5M388M1E");
    assertThat(root.getOrigin()).isEqualTo("AWS::ElasticBeanstalk::Environment");
    assertThat(root.getAnnotations()).containsEntry("game", "tictactoe").containsEntry("players", 2L);
    assertThat(root.getAws()).as("plugin maps and sdk info are not part of a shape").isNull();
    assertThat(root.getHttp().toString()).isEqualTo(
        "{\"request\":{\"client_ip\":\"78.255.233.48\",\"method\":\"POST\",\"url\":\"http://scorekeep.example/api/user\","
            + "\"user_agent\":\"curl/7.47\",\"x_forwarded_for\":true},\"response\":{\"status\":200}}");
    assertThat(root.getChildren()).extracting(ShapeNode::getName).containsExactly("DynamoDB", "sns-notifier");
    ShapeNode dynamo = root.child("DynamoDB");
    assertThat(dynamo.getKind()).isEqualTo(ShapeNode.Kind.CLIENT);
    assertThat(dynamo.getChildren()).as("the inferred DynamoDB segment is left out").isEmpty();
    assertThat(dynamo.getAws().get("resource_names").toString()).isEqualTo("[\"scorekeep-user\"]");
    ShapeNode notifier = root.child("sns-notifier");
    assertThat(notifier.getKind()).as("a downstream segment stays a segment").isEqualTo(ShapeNode.Kind.SERVER);
    assertThat(notifier.isFault()).isTrue();
    assertThat(notifier.getExceptions()).hasSize(1);
    assertThat(notifier.getExceptions().get(0).isRemote()).isTrue();
    assertThat(notifier.getExceptions().get(0).getMessage()).isEqualTo("Topic not found");
  }

  @Test
  void batchGetTracesWithoutTracesIsRejected() {
    assertThatThrownBy(() -> TraceShape.fromBatchGetTraces("{\"UnprocessedTraceIds\":[]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Traces");
  }

  @Test
  void emptyStringAnnotationsAreLeftOutLikeXRayDocumentsDo() {
    String withEmpty = "{\"name\":\"a\",\"id\":\"1\",\"annotations\":{\"e\":\"\",\"k\":\"v\"}}";
    String without = "{\"name\":\"a\",\"id\":\"1\",\"annotations\":{\"k\":\"v\"}}";
    assertThatShape(TraceShape.fromXRayDocuments(withEmpty)).isEquivalentTo(TraceShape.fromXRayDocuments(without));
    assertThat(TraceShape.fromXRayDocuments(withEmpty).root("a").getAnnotations()).containsOnlyKeys("k");
  }

  @Test
  void sameNamedSiblingsBegunInTheSameMicrosecondPairUpByContentWhateverTheirInputOrder() {
    String first = "{\"name\":\"fetch\",\"id\":\"0000000000000002\",\"start_time\":1.0,\"end_time\":1.5,"
        + "\"namespace\":\"remote\",\"annotations\":{\"attempt\":1}}";
    String second = "{\"name\":\"fetch\",\"id\":\"0000000000000003\",\"start_time\":1.0,\"end_time\":1.5,"
        + "\"annotations\":{\"attempt\":2}}";
    String oneOrder = "{\"name\":\"s\",\"id\":\"0000000000000001\",\"start_time\":1.0,\"end_time\":2.0,"
        + "\"subsegments\":[" + first + "," + second + "]}";
    String otherOrder = "{\"name\":\"s\",\"id\":\"0000000000000001\",\"start_time\":1.0,\"end_time\":2.0,"
        + "\"subsegments\":[" + second + "," + first + "]}";

    assertThatShape(TraceShape.fromXRayDocuments(oneOrder))
        .isEquivalentTo(TraceShape.fromXRayDocuments(otherOrder));
  }

  @Test
  void daemonHeaderLinesAreDropped() {
    String doc = "{\"name\":\"s\",\"id\":\"0000000000000001\",\"start_time\":1.0,\"end_time\":2.0}";

    assertThatShape(TraceShape.fromXRayDocuments("{\"format\":\"json\",\"version\":1}\n" + doc))
        .isEquivalentTo(TraceShape.fromXRayDocuments(doc));
  }

  @Test
  void aStreamedSubsegmentWhoseParentIsMissingBecomesARoot() {
    String orphan = "{\"name\":\"late\",\"id\":\"0000000000000009\",\"type\":\"subsegment\","
        + "\"parent_id\":\"00000000000000ff\",\"trace_id\":\"1-5759e988-bd862e3fe1be46a994272793\",\"start_time\":1.0}";

    TraceShape shape = TraceShape.fromXRayDocuments(orphan);

    assertThat(shape.getRoots()).extracting(ShapeNode::getName).containsExactly("late");
    assertThat(shape.root("late").getKind()).isEqualTo(ShapeNode.Kind.INTERNAL);
  }

  @Test
  void aCompleteDocumentReplacesTheInProgressOneWithTheSameId() {
    String inProgress = "{\"name\":\"s\",\"id\":\"0000000000000001\",\"start_time\":1.0,\"in_progress\":true}";
    String complete = "{\"name\":\"s\",\"id\":\"0000000000000001\",\"start_time\":1.0,\"end_time\":2.0,"
        + "\"annotations\":{\"done\":true}}";

    TraceShape shape = TraceShape.fromXRayDocuments(inProgress, complete);

    assertThat(shape.getRoots()).hasSize(1);
    assertThat(shape.root("s").getAnnotations()).containsEntry("done", true);
  }

  @Test
  void malformedInputsFailWithIllegalArgumentException() {
    assertThatThrownBy(() -> TraceShape.fromXRayDocuments("not json"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TraceShape.fromOtlpJson("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"spanId\":\"xyz\"}]}]}]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spanId");
  }
}
