package dev.tracekit.compat.core.export;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.testkit.OtlpJson;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;
import javax.annotation.Nullable;
import okhttp3.mockwebserver.RecordedRequest;

/** Shared helpers: proto-checked parsing of OTLP bodies (protobuf and JSON), span capture, fake time. */
public final class OtlpTestSupport {
  private OtlpTestSupport() {}

  /** Returns the request body as text, gunzipped when the request says so. */
  public static String bodyText(RecordedRequest request) {
    byte[] bytes = request.getBody().readByteArray();
    if ("gzip".equals(request.getHeader("Content-Encoding"))) {
      bytes = gunzip(bytes);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public static byte[] gunzip(byte[] bytes) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      int n;
      while ((n = in.read(chunk)) != -1) {
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the request body, gunzipped when the request says so. */
  public static byte[] bodyBytes(RecordedRequest request) {
    byte[] bytes = request.getBody().readByteArray();
    return "gzip".equals(request.getHeader("Content-Encoding")) ? gunzip(bytes) : bytes;
  }

  /** Parses a recorded OTLP request, protobuf or JSON by its content type, with the official proto. */
  public static ExportTraceServiceRequest parseRequest(RecordedRequest request) {
    return parse(bodyBytes(request), request.getHeader("Content-Type"));
  }

  /**
   * Parses an OTLP request body with the official proto: {@code application/x-protobuf} with
   * {@code ExportTraceServiceRequest.parseFrom}, {@code application/json} as {@link #parse(String)}
   * does; any other content type fails.
   */
  public static ExportTraceServiceRequest parse(byte[] body, @Nullable String contentType) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("application/x-protobuf")) {
      return parseProtobuf(body);
    }
    if (type.startsWith("application/json")) {
      return parse(new String(body, StandardCharsets.UTF_8));
    }
    throw new AssertionError("Not an OTLP content type: " + contentType);
  }

  /** Parses OTLP protobuf with the official proto; unknown fields fail. */
  public static ExportTraceServiceRequest parseProtobuf(byte[] body) {
    ExportTraceServiceRequest request;
    try {
      request = ExportTraceServiceRequest.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("Not a valid protobuf ExportTraceServiceRequest: " + e.getMessage(), e);
    }
    assertNoUnknownFields(request);
    return request;
  }

  /** Fails when {@code message}, or any message in it, holds a field the proto does not define. */
  static void assertNoUnknownFields(Message message) {
    if (message.getUnknownFields().asMap().size() > 0) {
      throw new AssertionError("Unknown fields in " + message.getDescriptorForType().getFullName()
          + ": " + message.getUnknownFields());
    }
    for (Map.Entry<Descriptors.FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      if (field.getKey().getJavaType() != Descriptors.FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (field.getKey().isRepeated()) {
        for (Object element : (List<?>) field.getValue()) {
          assertNoUnknownFields((Message) element);
        }
      } else {
        assertNoUnknownFields((Message) field.getValue());
      }
    }
  }

  /**
   * Parses OTLP JSON with the official proto ({@link OtlpJson}): every id must be lowercase hex of
   * its length, and unknown fields fail the parse.
   */
  public static ExportTraceServiceRequest parse(String json) {
    try {
      return OtlpJson.parse(json, false, false);
    } catch (OtlpJson.InvalidExportException e) {
      throw new AssertionError(
          "Not a valid ExportTraceServiceRequest (" + e.getMessage() + "): " + json, e);
    }
  }

  public static String bytesToHex(ByteString bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes.toByteArray()) {
      sb.append(String.format("%02x", b & 0xff));
    }
    return sb.toString();
  }

  /** Returns every span of a request, whatever its resource or scope. */
  public static List<Span> allSpans(ExportTraceServiceRequest request) {
    List<Span> spans = new ArrayList<>();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        spans.addAll(scopeSpans.getSpansList());
      }
    }
    return spans;
  }
  /**
   * Fake time for retries: a nano clock that moves only when the exporter "sleeps", and a record of
   * every sleep.
   */
  static final class FakeTime implements Sleeper, LongSupplier {
    private long nanos = TimeUnit.DAYS.toNanos(1);
    private final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());

    @Override
    public synchronized void sleep(long sleepNanos) {
      sleeps.add(sleepNanos);
      nanos += sleepNanos;
    }

    @Override
    public synchronized long getAsLong() {
      return nanos;
    }

    List<Long> sleeps() {
      synchronized (sleeps) {
        return new ArrayList<>(sleeps);
      }
    }
  }

  /** A span whose attributes cannot be read, as a buggy custom {@link SpanData} might do. */
  static final class BrokenSpan extends ForwardingSpanData {
    BrokenSpan(SpanData delegate) {
      super(delegate);
    }

    @Override
    public Attributes getAttributes() {
      throw new IllegalStateException("broken");
    }

    @Override
    public int getDroppedAttributesCount() {
      return 0;
    }

    @Override
    public int getDroppedEventsCount() {
      return 0;
    }
  }
}
