package dev.tracekit.compat.xray;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.trace.SpanData;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The span of an entity is worked out on the exporter's thread, from what the entity held when it
 * ended: later changes through the X-Ray API reach the entity (and its X-Ray document) but never
 * its span.
 */
class EntitySpanSnapshotTest {
  @RegisterExtension final XRayPipeline pipeline = new XRayPipeline();

  @Test
  void changesAfterTheEndReachTheEntityButNotItsSpan() {
    Segment segment = pipeline.recorder().beginSegment("checkout");
    Subsegment cart = pipeline.recorder().beginSubsegment("load-cart");
    cart.putAnnotation("customer", "c-42");
    cart.putMetadata("note", "gift wrap");
    cart.putHttp("request", Collections.singletonMap("method", "GET"));
    pipeline.recorder().endSubsegment();

    cart.putAnnotation("customer", "changed");
    cart.putAnnotation("late", true);
    cart.putMetadata("note", "changed");
    cart.putMetadata("extra", "late", 1);
    cart.putHttp("request", Collections.singletonMap("method", "POST"));
    cart.setFault(true);
    cart.setNamespace("remote");
    pipeline.recorder().endSegment();
    TraceKit.flush(10, TimeUnit.SECONDS);

    SpanData span = pipeline.exporter().byName("load-cart");
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
    pipeline.recorder().beginSegment("checkout");
    Subsegment cart = pipeline.recorder().beginSubsegment("load-cart");
    cart.getAnnotations().put("direct", "before");
    pipeline.recorder().endSubsegment();

    assertThat(cart.getAnnotations()).containsEntry("direct", "before");
    pipeline.recorder().endSegment();
    TraceKit.flush(10, TimeUnit.SECONDS);
    assertThat(pipeline.exporter().byName("load-cart").getAttributes().get(AttributeKey.stringKey("direct")))
        .isEqualTo("before");
  }

  @Test
  void eachSegmentKeepsTheRuntimeContextOfItsBeginAndChangesItsOwnCopy() {
    Segment first = pipeline.recorder().beginSegment("first");
    pipeline.recorder().endSegment();
    pipeline.recorder().putRuntimeContext("added", "later");
    Segment second = pipeline.recorder().beginSegment("second");
    second.putAws("own", "value");
    second.getService().put("runtime_extra", "x");
    pipeline.recorder().endSegment();

    assertThat(first.getAws()).containsKey("xray").doesNotContainKey("added");
    assertThat(second.getAws()).containsKey("xray").containsEntry("added", "later").containsEntry("own", "value");
    assertThat(pipeline.recorder().getAwsRuntimeContext()).doesNotContainKey("own");
    assertThat(pipeline.recorder().getServiceRuntimeContext()).doesNotContainKey("runtime_extra");
    assertThat(first.getService()).isEqualTo(pipeline.recorder().getServiceRuntimeContext()).doesNotContainKey("runtime_extra");
  }

  /**
   * The span says what the X-Ray document says (EntityDocumentReferenceTest compares the documents
   * with the real SDK's): an exception added twice is two records, so two {@code exception} events;
   * a metadata namespace whose map is empty is left out of the document, so it is no attribute.
   */
  @Test
  void anExceptionAddedTwiceIsTwoEventsAndAnEmptyNamespaceNoAttribute() {
    Segment segment = pipeline.recorder().beginSegment("twice");
    IllegalStateException failure = new IllegalStateException("boom");
    segment.addException(failure);
    segment.addException(failure);
    segment.putMetadata("kept", "count", 1);
    segment.getMetadata().put("empty", new ConcurrentHashMap<String, Object>());
    pipeline.recorder().endSegment();
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();

    SpanData span = pipeline.exporter().byName("twice");
    assertThat(span.getEvents()).filteredOn(e -> e.getName().equals("exception")).hasSize(2);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("aws.xray.metadata.kept")))
        .isEqualTo("{\"count\":1}");
    assertThat(span.getAttributes().asMap().keySet())
        .extracting(AttributeKey::getKey)
        .doesNotContain("aws.xray.metadata.empty");
  }
}
