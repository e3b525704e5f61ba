package dev.tracekit.compat.xray.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Segment;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.export.ScriptedOtlpReceiver;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.core.trace.PipelineStats;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every X-Ray entity an app creates is readable in the pipeline's counts: created = exported +
 * dropped + failed + unsampled (issue 6), unsampled segments and their subsegments included.
 */
class UnsampledAccountingTest {
  private final ScriptedOtlpReceiver backend = new ScriptedOtlpReceiver().behave(spans -> new MockResponse());

  @AfterEach
  void stop() throws IOException {
    TraceKit.shutdown();
    backend.close();
  }

  @Test
  void unsampledSegmentsAndTheirSubsegmentsAreCountedAsUnsampled() throws IOException {
    backend.start(0);
    TraceKit.init(
        TraceKitConfig.builder()
            .setEndpoint(backend.endpoint())
            .setApiKey(TestSecrets.API_KEY)
            .setShutdownHook(false)
            .build());
    AWSXRayRecorder recorder = AWSXRayRecorderBuilder.standard().build();
    int created = 0;
    for (int i = 0; i < 10; i++) {
      Segment segment = recorder.beginSegment("accounted-" + i);
      segment.setSampled(i % 2 == 0);
      recorder.beginSubsegment("accounted-" + i + "-sub");
      recorder.endSubsegment();
      recorder.endSegment();
      created += 2;
    }
    assertThat(TraceKit.flush(30, TimeUnit.SECONDS)).isTrue();

    PipelineStats stats = TraceKit.getStats();
    assertThat(stats.getSpansUnsampled()).isEqualTo(10);
    assertThat(stats.getSpansExported()).isEqualTo(10);
    assertThat(stats.getSpansExported()
            + stats.getSpansDropped()
            + stats.getSpansFailed()
            + stats.getSpansUnsampled())
        .as("created == exported + dropped + failed + unsampled: %s", stats)
        .isEqualTo(created);
    assertThat(backend.delivered()).hasSize(10).allMatch(name -> name.matches("accounted-[02468].*"));
  }
}
