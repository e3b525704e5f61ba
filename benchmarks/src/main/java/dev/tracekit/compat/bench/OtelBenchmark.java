package dev.tracekit.compat.bench;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Scenarios (a), (b) and (d) written against the OpenTelemetry API, as idiomatic OTel code does
 * them: attribute keys as constants, each span made current while it is open (as the X-Ray API
 * makes each subsegment current).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OtelBenchmark {
  static final AttributeKey<String> ROUTE = AttributeKey.stringKey("route");
  static final AttributeKey<String> CUSTOMER = AttributeKey.stringKey("customer");
  static final AttributeKey<Long> ITEMS = AttributeKey.longKey("items");
  static final AttributeKey<String> NOTE = AttributeKey.stringKey("note");
  static final AttributeKey<String> CURRENCY = AttributeKey.stringKey("currency");
  static final AttributeKey<Boolean> DISCOUNTED = AttributeKey.booleanKey("discounted");
  static final AttributeKey<String> TABLE = AttributeKey.stringKey("table");
  static final AttributeKey<Long> ROWS = AttributeKey.longKey("rows");

  /** A pipeline that samples everything. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Sampled {
    OtelPipeline pipeline;

    @Setup(Level.Trial)
    public void setUp() {
      pipeline = OtelPipeline.create(true, SinkProperties.require(SinkProperties.OTEL_ENDPOINT));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      pipeline.shutdown();
    }
  }

  /** A pipeline whose sampler is {@code alwaysOff}. */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class Unsampled {
    OtelPipeline pipeline;

    @Setup(Level.Trial)
    public void setUp() {
      pipeline = OtelPipeline.create(false, SinkProperties.require(SinkProperties.OTEL_ENDPOINT));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      pipeline.shutdown();
    }
  }

  /** A SERVER span current for a whole iteration, for scenario (a). */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class OpenSpan {
    OtelPipeline pipeline;
    Span parent;
    Scope parentScope;

    @Setup(Level.Trial)
    public void setUp() {
      pipeline = OtelPipeline.create(true, SinkProperties.require(SinkProperties.OTEL_ENDPOINT));
    }

    @Setup(Level.Iteration)
    public void beginParent() {
      parent = pipeline.tracer.spanBuilder("bench-open-segment").setSpanKind(SpanKind.SERVER).startSpan();
      parentScope = parent.makeCurrent();
    }

    @TearDown(Level.Iteration)
    public void endParent() {
      parentScope.close();
      parent.end();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      pipeline.shutdown();
    }
  }

  /** (a) One span started, given 3 attributes, and ended. */
  @Benchmark
  @SuppressWarnings("try") // The scopes only make spans current.
  public void a_subsegment(OpenSpan state) {
    Span span = state.pipeline.tracer.spanBuilder("load-cart").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      span.setAttribute(CUSTOMER, "c-42");
      span.setAttribute(ITEMS, 3L);
      span.setAttribute(NOTE, "gift wrap");
    } finally {
      span.end();
    }
  }

  /** (b) A whole sampled request: a SERVER span and 3 nested spans, with attributes. */
  @Benchmark
  public void b_request(Sampled state) {
    request(state.pipeline.tracer);
  }

  /** (d) The same request, unsampled. */
  @Benchmark
  public void d_unsampled(Unsampled state) {
    request(state.pipeline.tracer);
  }

  @SuppressWarnings("try") // The scopes only make spans current.
  static void request(Tracer tracer) {
    Span request = tracer.spanBuilder("checkout").setSpanKind(SpanKind.SERVER).startSpan();
    try (Scope ignored = request.makeCurrent()) {
      request.setAttribute(ROUTE, "/checkout");
      Span cart = tracer.spanBuilder("load-cart").startSpan();
      try (Scope cartScope = cart.makeCurrent()) {
        cart.setAttribute(CUSTOMER, "c-42");
        cart.setAttribute(ITEMS, 3L);
        Span price = tracer.spanBuilder("price").startSpan();
        try (Scope priceScope = price.makeCurrent()) {
          price.setAttribute(CURRENCY, "EUR");
          price.setAttribute(DISCOUNTED, true);
          Span query = tracer.spanBuilder("query").startSpan();
          try (Scope queryScope = query.makeCurrent()) {
            query.setAttribute(TABLE, "carts");
            query.setAttribute(ROWS, 12L);
          } finally {
            query.end();
          }
        } finally {
          price.end();
        }
      } finally {
        cart.end();
      }
    } finally {
      request.end();
    }
  }
}
