package dev.tracekit.compat.xray;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.trace.RecordingExporter;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test's pipeline: before each test, TraceKit started with a {@link RecordingExporter} (and no
 * shutdown hook) and an X-Ray recorder with the X-Ray defaults; after it, the recorder's trace
 * entity cleared and TraceKit shut down. Register it on an instance field, so that each test has
 * its own exporter: {@code @RegisterExtension final XRayPipeline pipeline = new XRayPipeline();}
 */
public final class XRayPipeline implements BeforeEachCallback, AfterEachCallback {
  private final RecordingExporter exporter = new RecordingExporter();
  private AWSXRayRecorder recorder;

  /** Returns the exporter every span of the test reaches. */
  public RecordingExporter exporter() {
    return exporter;
  }

  /** Returns the test's recorder (made before each test). */
  public AWSXRayRecorder recorder() {
    return recorder;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    TraceKit.init(TraceKitConfig.builder().setSpanExporter(exporter).setShutdownHook(false).build());
    recorder = AWSXRayRecorderBuilder.standard().build();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    recorder.clearTraceEntity();
    TraceKit.shutdown();
  }
}
