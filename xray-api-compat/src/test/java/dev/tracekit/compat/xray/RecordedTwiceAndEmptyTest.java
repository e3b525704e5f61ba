package dev.tracekit.compat.xray;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Segment;
import dev.tracekit.compat.core.AttributeKey;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.trace.SpanData;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The span says what the X-Ray document says (EntityDocumentReferenceTest compares the documents
 * with the real SDK's): an exception added twice is two records, so two {@code exception} events;
 * a metadata namespace whose map is empty is left out of the document, so it is no attribute.
 */
class RecordedTwiceAndEmptyTest {
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
