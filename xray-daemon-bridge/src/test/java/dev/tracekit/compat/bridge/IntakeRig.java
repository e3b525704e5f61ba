package dev.tracekit.compat.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.trace.CollectingSpanProcessor;
import dev.tracekit.compat.core.trace.Resource;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.core.trace.Tracer;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bridge's intake without its UDP thread: a real {@link SegmentReceiver} (bound on loopback,
 * never started) whose {@link SegmentReceiver#handle} the test calls with datagrams, into a real
 * {@link Tracer} whose spans a {@link CollectingSpanProcessor} keeps.
 */
final class IntakeRig implements Closeable {
  static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");
  private static final ObjectMapper JSON = new ObjectMapper();

  final CollectingSpanProcessor collected = new CollectingSpanProcessor();
  final Tracer tracer =
      Tracer.builder()
          .setResource(Resource.create(dev.tracekit.compat.core.api.Attributes.builder()
              .put("service.name", "the-bridge").put("deployment.environment", "test").build()))
          .setSpanProcessor(collected)
          .build();
  final BridgeCounts counts = new BridgeCounts();
  final ServiceResources resources = new ServiceResources(tracer.getResource());
  final StreamedSubsegments streamed;
  final SegmentIntake intake;
  final SegmentReceiver receiver;

  IntakeRig() {
    this(StreamedSubsegments.HOLD_SECONDS * 1_000_000_000L);
  }

  IntakeRig(long holdNanos) {
    streamed = new StreamedSubsegments(resources.unknown(), counts, holdNanos);
    intake = new SegmentIntake(tracer, resources, streamed, counts);
    try {
      receiver =
          new SegmentReceiver(new InetSocketAddress("127.0.0.1", 0), 1 << 16, intake, streamed, null, counts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Hands the fixture {@code name} to the receiver, as if it had arrived. */
  IntakeRig send(String name) {
    byte[] datagram = Fixtures.bytes(name);
    receiver.handle(datagram, datagram.length);
    return this;
  }

  /** Hands {@code document}, written as the SDKs do after the header, to the receiver. */
  IntakeRig send(Map<String, Object> document) {
    byte[] datagram = Fixtures.datagram(json(document));
    receiver.handle(datagram, datagram.length);
    return this;
  }

  IntakeRig sendBytes(byte[] datagram) {
    receiver.handle(datagram, datagram.length);
    return this;
  }

  List<SpanData> spans() {
    return collected.spans();
  }

  SpanData span(String name) {
    List<SpanData> named = new ArrayList<>();
    for (SpanData span : spans()) {
      if (span.getName().equals(name)) {
        named.add(span);
      }
    }
    assertThat(named).as("spans named %s", name).hasSize(1);
    return named.get(0);
  }

  /** Returns span id → span, of the spans collected so far. */
  Map<String, SpanData> byId() {
    Map<String, SpanData> byId = new LinkedHashMap<>();
    for (SpanData span : spans()) {
      byId.put(span.getSpanContext().getSpanId(), span);
    }
    return byId;
  }

  static String service(SpanData span) {
    return span.getResource().getAttributes().get(SERVICE);
  }

  /** The document of the fixture {@code name}, as maps and lists to change. */
  static Map<String, Object> document(String name) {
    byte[] datagram = Fixtures.bytes(name);
    int body = Fixtures.bodyStart(datagram);
    try {
      return JSON.readValue(
          new String(datagram, body, datagram.length - body, StandardCharsets.UTF_8),
          new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A document of the kind {@code kind} ("segment" or "subsegment") with the least it needs. */
  static Map<String, Object> entity(String traceId, String id, String name) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("trace_id", traceId);
    document.put("id", id);
    document.put("name", name);
    document.put("start_time", 1796678720.25);
    document.put("end_time", 1796678720.5);
    return document;
  }

  static Map<String, Object> streamedSubsegment(String traceId, String id, String name, String parentId) {
    Map<String, Object> document = entity(traceId, id, name);
    document.put("type", "subsegment");
    document.put("parent_id", parentId);
    return document;
  }

  @Override
  public void close() {
    receiver.close();
    tracer.shutdown(1, java.util.concurrent.TimeUnit.SECONDS);
  }
}
