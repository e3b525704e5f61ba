package dev.tracekit.compat.bench;

import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanKind;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Scenario (c): the request of (b) written with the TraceKit-style API of tracekit-core, default
 * settings, OTLP/HTTP to the loopback sink. Runs on the shim's class path only.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TraceKitApiBenchmark {

  /** The global TraceKit pipeline, initialized from system properties as an app would. */
  @State(Scope.Thread)
  public static class Pipeline {
    @Setup(Level.Trial)
    public void setUp() {
      SinkProperties.require(SinkProperties.TRACEKIT_ENDPOINT);
      TraceKit.init(null, TraceKit.withService("bench"));
    }

    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams params) {
      ShimReport.print(params.getBenchmark());
      TraceKit.shutdown();
    }
  }

  /** (c) A whole request: a SERVER span and 3 nested spans, with attributes. */
  @Benchmark
  public void c_request(Pipeline pipeline) {
    try (Span request = TraceKit.spanBuilder("checkout").setSpanKind(SpanKind.SERVER).start()) {
      request.setAttribute("route", "/checkout");
      try (Span cart = TraceKit.startSpan("load-cart")) {
        cart.setAttribute("customer", "c-42");
        cart.setAttribute("items", 3);
        try (Span price = TraceKit.startSpan("price")) {
          price.setAttribute("currency", "EUR");
          price.setAttribute("discounted", true);
          try (Span query = TraceKit.startSpan("query")) {
            query.setAttribute("table", "carts");
            query.setAttribute("rows", 12);
          }
        }
      }
    }
  }
}
