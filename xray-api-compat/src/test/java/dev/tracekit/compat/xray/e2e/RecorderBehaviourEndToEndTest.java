package dev.tracekit.compat.xray.e2e;

import static dev.tracekit.compat.xray.e2e.OtlpBackend.attributes;
import static dev.tracekit.compat.xray.e2e.OtlpBackend.byName;
import static dev.tracekit.compat.xray.e2e.OtlpBackend.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.exceptions.SegmentNotFoundException;
import com.amazonaws.xray.exceptions.SubsegmentNotFoundException;
import com.amazonaws.xray.listeners.SegmentListener;
import com.amazonaws.xray.strategy.ContextMissingStrategy;
import com.amazonaws.xray.strategy.IgnoreErrorContextMissingStrategy;
import com.amazonaws.xray.strategy.LogErrorContextMissingStrategy;
import com.amazonaws.xray.strategy.RuntimeErrorContextMissingStrategy;
import dev.tracekit.compat.core.export.LogCapture;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Recorder behaviours end to end: the {@code create*} helpers, context-missing strategies, segment
 * listeners and custom emitters, with spans arriving at a loopback OTLP server. (The same behaviours
 * are compared call for call with the real SDK in {@code reference.RecorderReferenceTest}; the
 * environment-variable precedence of the context-missing strategy, which cannot be set in-process,
 * is tested in a separate JVM by {@link SeparateJvmTest}.)
 */
class RecorderBehaviourEndToEndTest {
  private OtlpBackend backend;
  private final List<AWSXRayRecorder> recorders = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    backend = new OtlpBackend().initTraceKit();
  }

  @AfterEach
  void stop() throws Exception {
    System.clearProperty(ContextMissingStrategy.CONTEXT_MISSING_STRATEGY_SYSTEM_PROPERTY_OVERRIDE_KEY);
    for (AWSXRayRecorder recorder : recorders) {
      recorder.clearTraceEntity();
    }
    backend.close();
  }

  private AWSXRayRecorder recorder(AWSXRayRecorderBuilder builder) {
    AWSXRayRecorder recorder = builder.build();
    recorders.add(recorder);
    return recorder;
  }

  @Test
  void createSegmentRecordsTheExceptionRethrowsItAndExportsTheSpan() throws Exception {
    AWSXRayRecorder recorder = recorder(AWSXRayRecorderBuilder.standard());
    IllegalStateException boom = new IllegalStateException("boom");

    assertThatThrownBy(() -> recorder.createSegment("handler", (Function<Segment, Object>) segment -> {
          throw boom;
        }))
        .isSameAs(boom);

    Span span = byName(backend.flushAndCollect(), "handler");
    assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(span.getStatus().getMessage()).isEqualTo("boom");
    assertThat(attributes(span.getEvents(0).getAttributesList()).get("exception.type").getStringValue())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(recorder.getTraceEntity()).as("the segment ended and left the context").isNull();
  }

  @Test
  void createSubsegmentRecordsTheExceptionRethrowsItAndRestoresTheParent() throws Exception {
    AWSXRayRecorder recorder = recorder(AWSXRayRecorderBuilder.standard());
    Segment segment = recorder.beginSegment("request");
    IllegalArgumentException bad = new IllegalArgumentException("bad input");

    assertThatThrownBy(() -> recorder.createSubsegment("validate", (Runnable) () -> {
          throw bad;
        }))
        .isSameAs(bad);
    assertThat(recorder.getTraceEntity()).isSameAs(segment);
    String value = recorder.createSubsegment("compute", (Function<Subsegment, String>) sub -> "42");
    recorder.endSegment();

    assertThat(value).isEqualTo("42");
    List<Span> spans = backend.flushAndCollect();
    Span validate = byName(spans, "validate");
    assertThat(hex(validate.getParentSpanId())).isEqualTo(segment.getId());
    assertThat(validate.getStatus().getMessage()).isEqualTo("bad input");
    assertThat(attributes(validate).get("aws.xray.fault").getBoolValue()).isTrue();
    assertThat(byName(spans, "compute").getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
    assertThat(byName(spans, "request").getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_UNSET);
  }

  @Test
  void logErrorIsTheDefaultAndTenThousandMissingContextsLogOnlyAFewLines() {
    AWSXRayRecorder recorder = recorder(AWSXRayRecorderBuilder.standard());
    assertThat(recorder.getContextMissingStrategy()).isInstanceOf(LogErrorContextMissingStrategy.class);
    recorder.clearTraceEntity();
    try (LogCapture logs = new LogCapture()) {
      for (int i = 0; i < 10_000; i++) {
        recorder.endSubsegment();
        recorder.beginSubsegment("orphan-" + i).putAnnotation("i", i);
      }
      List<LogRecord> missing = new ArrayList<>();
      for (LogRecord record : logs.records()) {
        if (record.getLoggerName().startsWith("com.amazonaws.xray")) {
          missing.add(record);
        }
      }
      // At most one rate-limit window's worth (5 a minute), whatever ran before in this JVM; a fresh
      // JVM logging at least one line is checked in SeparateJvmTest.
      assertThat(missing).hasSizeLessThanOrEqualTo(5);
      for (LogRecord record : missing) {
        assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
        assertThat(record.getMessage()).contains("cannot be found");
      }
    }
    assertThat(backend.spans()).isEmpty();
  }

  @Test
  void runtimeErrorThrowsTheDocumentedExceptions() {
    AWSXRayRecorder recorder = recorder(AWSXRayRecorderBuilder.standard()
        .withContextMissingStrategy(new RuntimeErrorContextMissingStrategy()));
    recorder.clearTraceEntity();

    assertThatThrownBy(() -> recorder.beginSubsegment("orphan"))
        .isInstanceOf(SegmentNotFoundException.class)
        .hasMessageContaining("orphan");
    assertThatThrownBy(recorder::endSubsegment).isInstanceOf(SubsegmentNotFoundException.class);
    assertThatThrownBy(recorder::endSegment).isInstanceOf(SegmentNotFoundException.class);
    assertThatThrownBy(recorder::getCurrentSegment).isInstanceOf(SegmentNotFoundException.class);
    recorder.beginSegment("no-subsegment");
    assertThatThrownBy(recorder::getCurrentSubsegment).isInstanceOf(SubsegmentNotFoundException.class);
  }

  @Test
  void ignoreErrorIsSilent() {
    AWSXRayRecorder recorder = recorder(AWSXRayRecorderBuilder.standard()
        .withContextMissingStrategy(new IgnoreErrorContextMissingStrategy()));
    recorder.clearTraceEntity();
    try (LogCapture logs = new LogCapture()) {
      assertThatCode(() -> {
        recorder.beginSubsegment("orphan");
        recorder.endSubsegment();
        recorder.endSegment();
        assertThat(recorder.getCurrentSegment()).isNull();
      }).doesNotThrowAnyException();
      assertThat(logs.records()).filteredOn(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).isEmpty();
    }
  }

  @Test
  void systemPropertyChoosesTheContextMissingStrategyOverTheBuilder() {
    // AWS_XRAY_CONTEXT_MISSING would win over both, but a test cannot set the environment of its
    // own JVM: SeparateJvmTest checks that precedence in a child process.
    System.setProperty(ContextMissingStrategy.CONTEXT_MISSING_STRATEGY_SYSTEM_PROPERTY_OVERRIDE_KEY, "RUNTIME_ERROR");
    AWSXRayRecorder recorder = recorder(AWSXRayRecorderBuilder.standard()
        .withContextMissingStrategy(new IgnoreErrorContextMissingStrategy()));
    recorder.clearTraceEntity();

    assertThat(recorder.getContextMissingStrategy()).isInstanceOf(RuntimeErrorContextMissingStrategy.class);
    assertThatThrownBy(recorder::endSubsegment).isInstanceOf(SubsegmentNotFoundException.class);
  }

  @Test
  void customEmitterAndListenerWorkAlongsideSpanExport() throws Exception {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    AWSXRayRecorder recorder = recorder(AWSXRayRecorderBuilder.standard()
        .withEmitter(new Emitter() {
          @Override
          public boolean sendSegment(Segment segment) {
            calls.add("sendSegment " + segment.getName() + " " + segment.serialize().contains("\"child\""));
            return true;
          }

          @Override
          public boolean sendSubsegment(Subsegment subsegment) {
            calls.add("sendSubsegment " + subsegment.getName());
            return true;
          }
        })
        .withSegmentListener(new SegmentListener() {
          @Override
          public void onBeginSubsegment(Subsegment subsegment) {
            subsegment.putAnnotation("from_listener", true);
          }

          @Override
          public void afterEndSegment(Segment segment) {
            calls.add("afterEndSegment " + segment.getName());
          }
        }));
    recorder.beginSegment("emitted");
    recorder.beginSubsegment("child");
    recorder.endSubsegment();
    recorder.endSegment();

    assertThat(calls).containsExactly("sendSegment emitted true", "afterEndSegment emitted");
    List<Span> spans = backend.flushAndCollect();
    assertThat(OtlpBackend.names(spans)).containsExactlyInAnyOrder("emitted", "child");
    assertThat(attributes(byName(spans, "child")).get("from_listener").getBoolValue()).isTrue();
  }

  @Test
  void streamedSubsegmentsPastOneHundredStillArriveAsSpans() throws Exception {
    List<String> streamed = Collections.synchronizedList(new ArrayList<>());
    AWSXRayRecorder recorder = recorder(AWSXRayRecorderBuilder.standard()
        .withEmitter(new Emitter() {
          @Override
          public boolean sendSegment(Segment segment) {
            streamed.add("segment with " + segment.getSubsegmentsCopy().size());
            return true;
          }

          @Override
          public boolean sendSubsegment(Subsegment subsegment) {
            streamed.add(subsegment.getName());
            return true;
          }
        }));
    recorder.beginSegment("batch");
    for (int i = 0; i < 150; i++) {
      recorder.beginSubsegment("item-" + i);
      recorder.endSubsegment();
    }
    recorder.endSegment();

    assertThat(streamed).contains("item-0", "item-100").endsWith("segment with 49");
    assertThat(backend.flushAndCollect()).hasSize(151);
  }
}
