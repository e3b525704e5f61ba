package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.tracekit.compat.core.Attributes;
import dev.tracekit.compat.core.SpanContext;
import dev.tracekit.compat.core.SpanKind;
import dev.tracekit.compat.core.StatusCode;
import dev.tracekit.compat.core.trace.EventData;
import dev.tracekit.compat.core.trace.Resource;
import dev.tracekit.compat.core.trace.SpanData;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;
import okhttp3.mockwebserver.RecordedRequest;

/** Shared helpers: proto-checked parsing of OTLP JSON bodies, span capture, fake time. */
public final class OtlpTestSupport {
  private static final JsonFactory JSON = new JsonFactory();

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

  /** Parses a recorded OTLP JSON request with the official proto. */
  public static ExportTraceServiceRequest parseRequest(RecordedRequest request) {
    return parse(bodyText(request));
  }

  /**
   * Parses OTLP JSON with the official proto after checking that the id fields are lowercase hex of
   * the right length and re-encoding them as base64, which is what {@link JsonFormat} reads for
   * {@code bytes} fields. Unknown fields fail the parse.
   */
  public static ExportTraceServiceRequest parse(String json) {
    ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
    try {
      JsonFormat.parser().merge(hexIdsToBase64(json), builder);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("Not a valid ExportTraceServiceRequest: " + json, e);
    }
    return builder.build();
  }

  /** Rewrites the values of traceId, spanId and parentSpanId fields from hex to base64. */
  static String hexIdsToBase64(String json) {
    StringWriter out = new StringWriter();
    try (JsonParser parser = JSON.createParser(json);
        JsonGenerator generator = JSON.createGenerator(out)) {
      String field = null;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME) {
          field = parser.currentName();
        } else if (token == JsonToken.VALUE_STRING && idLength(field) > 0) {
          String hex = parser.getText();
          assertThat(hex).as(field).matches("[0-9a-f]{" + idLength(field) + "}");
          generator.writeString(Base64.getEncoder().encodeToString(hexToBytes(hex)));
          field = null;
          continue;
        }
        generator.copyCurrentEvent(parser);
        if (token != JsonToken.FIELD_NAME) {
          field = null;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static int idLength(String field) {
    if ("traceId".equals(field)) {
      return 32;
    }
    if ("spanId".equals(field) || "parentSpanId".equals(field)) {
      return 16;
    }
    return 0;
  }

  static byte[] hexToBytes(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
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
  static final class BrokenSpan implements SpanData {
    private final SpanData delegate;

    BrokenSpan(SpanData delegate) {
      this.delegate = delegate;
    }

    @Override
    public Attributes getAttributes() {
      throw new IllegalStateException("broken");
    }

    @Override
    public SpanContext getSpanContext() {
      return delegate.getSpanContext();
    }

    @Override
    public SpanContext getParentSpanContext() {
      return delegate.getParentSpanContext();
    }

    @Override
    public String getName() {
      return delegate.getName();
    }

    @Override
    public SpanKind getKind() {
      return delegate.getKind();
    }

    @Override
    public long getStartEpochNanos() {
      return delegate.getStartEpochNanos();
    }

    @Override
    public long getEndEpochNanos() {
      return delegate.getEndEpochNanos();
    }

    @Override
    public int getDroppedAttributesCount() {
      return 0;
    }

    @Override
    public List<EventData> getEvents() {
      return delegate.getEvents();
    }

    @Override
    public int getDroppedEventsCount() {
      return 0;
    }

    @Override
    public StatusCode getStatusCode() {
      return delegate.getStatusCode();
    }

    @Override
    public String getStatusDescription() {
      return delegate.getStatusDescription();
    }

    @Override
    public Resource getResource() {
      return delegate.getResource();
    }
  }
}
