package dev.tracekit.compat.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.trace.RecordingExporter;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.core.trace.Tracer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link TraceKit#create} wiring; the global {@code init} is left to integration tests. */
class TraceKitTest {
  private final RecordingExporter exporter = new RecordingExporter();
  private Tracer tracer;

  @AfterEach
  void shutDown() {
    if (tracer != null) {
      tracer.shutdown(10, TimeUnit.SECONDS);
    }
  }

  private Tracer create(TraceKitConfig.Builder builder) {
    tracer =
        TraceKit.create(
            builder.setSpanExporter(exporter).setShutdownHook(false).build(ConfigSource.empty()));
    return tracer;
  }

  @Test
  void spansReachTheConfiguredExporterWithTheResource() {
    Tracer tracer =
        create(
            TraceKitConfig.builder()
                .setServiceName("checkout")
                .setServiceVersion("1.2.3")
                .setEnvironment("prod")
                .putResourceAttribute("team", "payments"));

    tracer.spanBuilder("work").startDetached().end();
    assertThat(tracer.forceFlush(10, TimeUnit.SECONDS)).isTrue();

    SpanData span = onlySpan();
    Attributes resource = span.getResource().getAttributes();
    assertThat(resource.get(AttributeKey.stringKey("service.name"))).isEqualTo("checkout");
    assertThat(resource.get(AttributeKey.stringKey("service.version"))).isEqualTo("1.2.3");
    assertThat(resource.get(AttributeKey.stringKey("deployment.environment.name")))
        .isEqualTo("prod");
    assertThat(resource.get(AttributeKey.stringKey("deployment.environment"))).isEqualTo("prod");
    assertThat(resource.get(AttributeKey.stringKey("team"))).isEqualTo("payments");
    assertThat(resource.get(AttributeKey.stringKey("telemetry.sdk.language"))).isEqualTo("java");
    assertThat(resource.get(AttributeKey.stringKey("telemetry.sdk.name")))
        .isEqualTo("tracekit-xray-compat");
  }

  @Test
  void sampleRateZeroRecordsNoNewTrace() {
    Tracer tracer = create(TraceKitConfig.builder().setSampleRate(0.0));

    for (int i = 0; i < 100; i++) {
      tracer.spanBuilder("work").startDetached().end();
    }
    assertThat(tracer.forceFlush(10, TimeUnit.SECONDS)).isTrue();

    assertThat(exporter.spans()).isEmpty();
    assertThat(tracer.getStats().getSpansUnsampled()).isEqualTo(100);
  }

  @Test
  void sampledRemoteParentIsFollowedDespiteSampleRateZero() {
    Tracer tracer = create(TraceKitConfig.builder().setSampleRate(0.0));
    SpanContext remote =
        SpanContext.createFromRemoteParent(
            "5f3c1a2b0123456789abcdef01234567", "0123456789abcdef", true);

    tracer.spanBuilder("server").setParent(remote).startDetached().end();
    assertThat(tracer.forceFlush(10, TimeUnit.SECONDS)).isTrue();

    assertThat(onlySpan().getParentSpanContext()).isEqualTo(remote);
  }

  @Test
  void disabledPipelineRecordsNothing() {
    Tracer tracer = create(TraceKitConfig.builder().setEnabled(false));

    Span span = tracer.spanBuilder("work").startDetached();
    span.end();

    assertThat(span.isRecording()).isFalse();
    assertThat(span.getSpanContext().isValid()).isTrue();
    assertThat(tracer.isRecordingEnabled()).isFalse();
    assertThat(exporter.spans()).isEmpty();
  }

  @Test
  void configuredSpanLimitsApply() {
    Tracer tracer = create(TraceKitConfig.builder().setMaxAttributes(1).setMaxAttributeValueLength(4));

    Span span = tracer.spanBuilder("work").startDetached();
    span.setAttribute("a", "abcdefgh");
    span.setAttribute("b", "dropped");
    span.end();
    assertThat(tracer.forceFlush(10, TimeUnit.SECONDS)).isTrue();

    SpanData data = onlySpan();
    assertThat(data.getAttributes().get(AttributeKey.stringKey("a"))).isEqualTo("abcd");
    assertThat(data.getDroppedAttributesCount()).isEqualTo(1);
  }

  private SpanData onlySpan() {
    List<SpanData> spans = exporter.spans();
    assertThat(spans).hasSize(1);
    return spans.get(0);
  }
}
