package dev.tracekit.compat.xray;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.trace.RecordingExporter;
import dev.tracekit.compat.core.trace.SpanData;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The span of an entity is worked out on the exporter's thread, from what the entity held when it
 * ended: later changes through the X-Ray API reach the entity (and its X-Ray document) but never
 * its span.
 */
class EntitySpanSnapshotTest {
  private final RecordingExporter exporter = new RecordingExporter();
  private AWSXRayRecorder recorder;

  @BeforeEach
  void init() {
    TraceKit.init(TraceKitConfig.builder().setSpanExporter(exporter).setShutdownHook(false).build());
    recorder = AWSXRayRecorderBuilder.standard().build();
  }

  @AfterEach
  void shutdown() {
    recorder.clearTraceEntity();
    TraceKit.shutdown();
  }

  @Test
  void changesAfterTheEndReachTheEntityButNotItsSpan() {
    Segment segment = recorder.beginSegment("checkout");
    Subsegment cart = recorder.beginSubsegment("load-cart");
    cart.putAnnotation("customer", "c-42");
    cart.putMetadata("note", "gift wrap");
    cart.putHttp("request", Collections.singletonMap("method", "GET"));
    recorder.endSubsegment();

    cart.putAnnotation("customer", "changed");
    cart.putAnnotation("late", true);
    cart.putMetadata("note", "changed");
    cart.putMetadata("extra", "late", 1);
    cart.putHttp("request", Collections.singletonMap("method", "POST"));
    cart.setFault(true);
    cart.setNamespace("remote");
    recorder.endSegment();
    TraceKit.flush(10, TimeUnit.SECONDS);

    SpanData span = exporter.byName("load-cart");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("customer"))).isEqualTo("c-42");
    assertThat(span.getAttributes().get(AttributeKey.booleanKey("late"))).isNull();
    assertThat(span.getAttributes().get(AttributeKey.stringKey("aws.xray.metadata.default")))
        .isEqualTo("{\"note\":\"gift wrap\"}");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("aws.xray.metadata.extra"))).isNull();
    assertThat(span.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("GET");
    assertThat(span.getAttributes().get(AttributeKey.booleanKey("aws.xray.fault"))).isNull();
    assertThat(span.getAttributes().get(AttributeKey.stringKey("aws.xray.namespace"))).isNull();
    // The entity itself has every change, as in the X-Ray SDK.
    assertThat(cart.getAnnotations()).containsEntry("customer", "changed").containsEntry("late", true);
    assertThat(cart.getMetadata().get("default")).containsEntry("note", "changed");
    assertThat(cart.getMetadata().get("extra")).containsEntry("late", 1);
    assertThat(cart.isFault()).isTrue();
    assertThat(cart.serialize()).contains("\"late\":true").contains("\"POST\"");
    assertThat(segment.getSubsegments()).containsExactly(cart);
  }

  @Test
  void mapsAnEntityHandsOutBeforeTheEndStayItsOwnUntilItChangesThemAfterwards() {
    recorder.beginSegment("checkout");
    Subsegment cart = recorder.beginSubsegment("load-cart");
    cart.getAnnotations().put("direct", "before");
    recorder.endSubsegment();

    assertThat(cart.getAnnotations()).containsEntry("direct", "before");
    recorder.endSegment();
    TraceKit.flush(10, TimeUnit.SECONDS);
    assertThat(exporter.byName("load-cart").getAttributes().get(AttributeKey.stringKey("direct")))
        .isEqualTo("before");
  }

  @Test
  void eachSegmentKeepsTheRuntimeContextOfItsBeginAndChangesItsOwnCopy() {
    Segment first = recorder.beginSegment("first");
    recorder.endSegment();
    recorder.putRuntimeContext("added", "later");
    Segment second = recorder.beginSegment("second");
    second.putAws("own", "value");
    second.getService().put("runtime_extra", "x");
    recorder.endSegment();

    assertThat(first.getAws()).containsKey("xray").doesNotContainKey("added");
    assertThat(second.getAws()).containsKey("xray").containsEntry("added", "later").containsEntry("own", "value");
    assertThat(recorder.getAwsRuntimeContext()).doesNotContainKey("own");
    assertThat(recorder.getServiceRuntimeContext()).doesNotContainKey("runtime_extra");
    assertThat(first.getService()).isEqualTo(recorder.getServiceRuntimeContext()).doesNotContainKey("runtime_extra");
  }

  /**
   * The span says what the X-Ray document says (EntityDocumentReferenceTest compares the documents
   * with the real SDK's): an exception added twice is two records, so two {@code exception} events;
   * a metadata namespace whose map is empty is left out of the document, so it is no attribute.
   */
  @Test
  void anExceptionAddedTwiceIsTwoEventsAndAnEmptyNamespaceNoAttribute() {
    Segment segment = recorder.beginSegment("twice");
    IllegalStateException failure = new IllegalStateException("boom");
    segment.addException(failure);
    segment.addException(failure);
    segment.putMetadata("kept", "count", 1);
    segment.getMetadata().put("empty", new ConcurrentHashMap<String, Object>());
    recorder.endSegment();
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();

    SpanData span = exporter.byName("twice");
    assertThat(span.getEvents()).filteredOn(e -> e.getName().equals("exception")).hasSize(2);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("aws.xray.metadata.kept")))
        .isEqualTo("{\"count\":1}");
    assertThat(span.getAttributes().asMap().keySet())
        .extracting(AttributeKey::getKey)
        .doesNotContain("aws.xray.metadata.empty");
  }
}
