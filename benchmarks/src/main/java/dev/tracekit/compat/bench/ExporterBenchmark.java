package dev.tracekit.compat.bench;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.export.ExportResult;
import dev.tracekit.compat.core.export.OtlpHttpSpanExporter;
import dev.tracekit.compat.core.export.SpanExporter;
import dev.tracekit.compat.core.trace.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The shim's exporter-thread cost per span, the figure that bounds the end-to-end throughput: one
 * batch of {@value #BATCH} spans recorded through the X-Ray API (the requests of scenario (b)) made
 * into attributes, written in the default format (OTLP protobuf) and posted to the loopback sink.
 * Runs on the shim's class path only; reported per span.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ExporterBenchmark {
  static final int BATCH = 512;

  /** A fresh batch of ended spans for every call, captured from the shim's pipeline. */
  @State(Scope.Thread)
  public static class Batch {
    private final List<SpanData> captured = new ArrayList<>();
    AWSXRayRecorder recorder;
    OtlpHttpSpanExporter exporter;
    List<SpanData> spans;

    @Setup(Level.Trial)
    public void setUp() {
      String endpoint = SinkProperties.require(SinkProperties.TRACEKIT_ENDPOINT);
      SpanExporter capture =
          new SpanExporter() {
            @Override
            public ExportResult export(List<SpanData> batch) {
              synchronized (captured) {
                captured.addAll(batch);
              }
              return ExportResult.success();
            }

            @Override
            public void shutdown() {}
          };
      TraceKit.init(
          null,
          TraceKit.withService("bench"),
          TraceKit.withSpanExporter(capture),
          TraceKit.withMaxQueueSize(4 * BATCH),
          TraceKit.withShutdownHook(false));
      recorder =
          AWSXRayRecorderBuilder.standard().withSamplingStrategy(new AllSamplingStrategy()).build();
      exporter = OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build();
    }

    @Setup(Level.Invocation)
    public void record() {
      for (int i = 0; i < BATCH / 4; i++) {
        XRayApiBenchmark.request(recorder);
      }
      TraceKit.flush();
      synchronized (captured) {
        if (captured.size() != BATCH) {
          throw new IllegalStateException("captured " + captured.size() + " spans, not " + BATCH);
        }
        spans = new ArrayList<>(captured);
        captured.clear();
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      exporter.shutdown();
      TraceKit.shutdown();
    }
  }

  /** Attributes made, the OTLP body written and posted, the answer read: the exporter's whole work. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public ExportResult export_span(Batch batch) {
    ExportResult result = batch.exporter.export(batch.spans);
    if (!result.isSuccess()) {
      throw new IllegalStateException("export failed: " + result);
    }
    return result;
  }
}
