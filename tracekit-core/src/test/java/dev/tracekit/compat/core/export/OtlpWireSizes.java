package dev.tracekit.compat.core.export;

import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.trace.CollectingSpanProcessor;
import dev.tracekit.compat.core.trace.Resource;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.core.trace.Tracer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The spans of scenario (b) and the size of their request bodies. Scenario (b) is one segment with
 * 3 nested subsegments, each with annotations (as {@code XRayApiBenchmark.request} records them),
 * made here with the core tracer as the X-Ray mapping makes them: a SERVER span and 3 INTERNAL
 * children, each annotation an attribute, their keys in {@code aws.xray.annotations}.
 */
final class OtlpWireSizes {
  /** The resource of the spans: what TraceKit puts on every span of a service. */
  static final Resource RESOURCE =
      Resource.create(
          Attributes.builder()
              .put("service.name", "checkout")
              .put("telemetry.sdk.language", "java")
              .put("telemetry.sdk.name", "tracekit-xray-compat")
              .put("telemetry.sdk.version", "1.0.0")
              .put("host.name", "ip-10-0-0-42")
              .put("process.pid", 4242L)
              .build());

  private OtlpWireSizes() {}

  /** Returns {@code requests} times the 4 spans of scenario (b), ended, in the order they end. */
  static List<SpanData> scenarioB(int requests) {
    CollectingSpanProcessor processor = new CollectingSpanProcessor();
    Tracer tracer = Tracer.builder().setResource(RESOURCE).setSpanProcessor(processor).build();
    for (int i = 0; i < requests; i++) {
      Span segment =
          tracer.spanBuilder("checkout").setNoParent().setSpanKind(SpanKind.SERVER).startDetached();
      segment.setAttribute("route", "/checkout");
      segment.setAttribute("aws.xray.annotations", new String[] {"route"});
      Span cart = tracer.spanBuilder("load-cart").setParent(segment).startDetached();
      cart.setAttribute("customer", "c-42");
      cart.setAttribute("items", 3L);
      cart.setAttribute("aws.xray.annotations", new String[] {"customer", "items"});
      Span price = tracer.spanBuilder("price").setParent(cart).startDetached();
      price.setAttribute("currency", "EUR");
      price.setAttribute("discounted", true);
      price.setAttribute("aws.xray.annotations", new String[] {"currency", "discounted"});
      Span query = tracer.spanBuilder("query").setParent(price).startDetached();
      query.setAttribute("table", "carts");
      query.setAttribute("rows", 12L);
      query.setAttribute("aws.xray.annotations", new String[] {"rows", "table"});
      query.end();
      price.end();
      cart.end();
      segment.end();
    }
    return processor.spans();
  }

  /** Returns the size of the request body for {@code spans}, gzip-compressed when {@code gzip}. */
  static int bodySize(OtlpProtocol protocol, List<SpanData> spans, boolean gzip) throws IOException {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    protocol.writeRequest(spans, plain);
    return gzip ? gzip(plain.toByteArray()).length : plain.size();
  }

  /** Returns {@code bytes} gzip-compressed as the sender does. */
  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(compressed, 8192)) {
      out.write(bytes);
    }
    return compressed.toByteArray();
  }
}
