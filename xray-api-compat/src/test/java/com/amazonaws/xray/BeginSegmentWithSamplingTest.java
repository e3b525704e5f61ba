package com.amazonaws.xray;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.entities.NoOpSegment;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.strategy.sampling.LocalizedSamplingStrategy;
import com.amazonaws.xray.strategy.sampling.SamplingRequest;
import com.amazonaws.xray.strategy.sampling.SamplingResponse;
import com.amazonaws.xray.strategy.sampling.SamplingStrategy;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.trace.RecordingExporter;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the recorder uses its sampling strategy when a segment begins. */
class BeginSegmentWithSamplingTest {
  private final RecordingExporter exporter = new RecordingExporter();
  @TempDir Path dir;
  private AWSXRayRecorder recorder;

  @BeforeEach
  void init() {
    TraceKit.init(
        TraceKitConfig.builder().setSpanExporter(exporter).setShutdownHook(false).build());
  }

  @AfterEach
  void shutdown() {
    if (recorder != null) {
      recorder.clearTraceEntity();
    }
    TraceKit.shutdown();
  }

  private URL rules(double defaultRate) throws IOException {
    Path file = dir.resolve("rules-" + defaultRate + ".json");
    String json =
        "{\"version\":2,\"rules\":[],\"default\":{\"fixed_target\":0,\"rate\":"
            + defaultRate
            + "}}";
    Files.write(file, json.getBytes(StandardCharsets.UTF_8));
    return file.toUri().toURL();
  }

  private AWSXRayRecorder recorder(SamplingStrategy strategy) {
    recorder = AWSXRayRecorderBuilder.standard().withSamplingStrategy(strategy).build();
    return recorder;
  }

  @Test
  void aSampledDecisionBeginsASegmentThatBecomesASpan() throws IOException {
    AWSXRayRecorder recorder = recorder(new LocalizedSamplingStrategy(rules(1)));

    Segment segment = recorder.beginSegmentWithSampling("checkout");
    recorder.endSegment();

    assertThat(segment.isSampled()).isTrue();
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(exporter.byName("checkout").getSpanContext().getSpanId()).isEqualTo(segment.getId());
  }

  @Test
  void anUnsampledDecisionWithoutForcedSamplingBeginsANoOpSegment() throws IOException {
    AWSXRayRecorder recorder = recorder(new LocalizedSamplingStrategy(rules(0)));

    Segment segment = recorder.beginSegmentWithSampling("checkout");
    recorder.endSegment();

    assertThat(segment).isInstanceOf(NoOpSegment.class);
    assertThat(segment.isSampled()).isFalse();
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(exporter.spans()).isEmpty();
  }

  @Test
  void withForcedSamplingAnUnsampledSegmentIsRealAndCanBeForced() throws IOException {
    AWSXRayRecorder recorder = recorder(new LocalizedSamplingStrategy(rules(0), true));

    Segment dropped = recorder.beginSegmentWithSampling("dropped");
    recorder.endSegment();
    Segment forced = recorder.beginSegmentWithSampling("forced");
    boolean forcedNow = recorder.forceSamplingOfCurrentSegment();
    recorder.endSegment();

    assertThat(dropped).isNotInstanceOf(NoOpSegment.class);
    assertThat(dropped.isSampled()).isFalse();
    assertThat(forcedNow).isTrue();
    assertThat(forced.isSampled()).isTrue();
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(exporter.spans()).extracting(s -> s.getName()).containsExactly("forced");
  }

  @Test
  void theStrategySeesTheSegmentNameAsServiceAndTheOriginAsServiceType() {
    List<SamplingRequest> requests = new ArrayList<>();
    AWSXRayRecorder recorder =
        recorder(
            new SamplingStrategy() {
              @Override
              public SamplingResponse shouldTrace(SamplingRequest request) {
                requests.add(request);
                return new SamplingResponse(true, "my-rule");
              }

              @Override
              public boolean isForcedSamplingSupported() {
                return false;
              }
            });
    recorder.setOrigin("AWS::EC2::Instance");

    Segment segment = recorder.beginSegmentWithSampling("checkout");
    recorder.endSegment();

    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).getService()).contains("checkout");
    assertThat(requests.get(0).getServiceType()).contains("AWS::EC2::Instance");
    assertThat(requests.get(0).getHost()).isEmpty();
    assertThat(requests.get(0).getUrl()).isEmpty();
    assertThat(requests.get(0).getMethod()).isEmpty();
    assertThat(segment.getAws()).containsKey("xray");
    assertThat(segment.serialize()).contains("\"rule_name\":\"my-rule\"");
  }
}
