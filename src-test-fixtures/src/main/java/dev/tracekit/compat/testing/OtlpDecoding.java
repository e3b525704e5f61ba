package dev.tracekit.compat.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.tracekit.compat.testkit.OtlpJson;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import javax.annotation.Nullable;

/**
 * Turns OTLP/HTTP request bodies into {@link ExportTraceServiceRequest}s and {@link ReceivedSpan}s.
 * Every problem becomes a {@link BadPayloadException} whose message says what is wrong.
 */
final class OtlpDecoding {
  private OtlpDecoding() {}

  /** A body that is not a valid OTLP trace export. */
  static final class BadPayloadException extends Exception {
    private static final long serialVersionUID = 1L;

    BadPayloadException(String message) {
      super(message);
    }
  }

  /** Reads all of {@code in}, failing once more than {@code limit} bytes arrive. */
  static byte[] readAll(InputStream in, int limit) throws IOException, BadPayloadException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int n;
    while ((n = in.read(chunk)) != -1) {
      out.write(chunk, 0, n);
      if (out.size() > limit) {
        throw new BadPayloadException("body is larger than " + limit + " bytes");
      }
    }
    return out.toByteArray();
  }

  static byte[] gunzip(byte[] bytes, int limit) throws BadPayloadException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return readAll(in, limit);
    } catch (IOException e) {
      throw new BadPayloadException("Content-Encoding is gzip but the body is not valid gzip: " + e);
    }
  }

  static ExportTraceServiceRequest parseProtobuf(byte[] body) throws BadPayloadException {
    try {
      return ExportTraceServiceRequest.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new BadPayloadException("not a protobuf ExportTraceServiceRequest: " + e.getMessage());
    }
  }

  /**
   * Parses OTLP JSON: ids must be lowercase hex (32 digits for trace ids, 16 for span ids, or
   * empty), as OTLP/JSON requires; unknown fields are rejected.
   */
  static ExportTraceServiceRequest parseJson(byte[] body) throws BadPayloadException {
    return parseJson(body, true);
  }

  /**
   * As {@link #parseJson(byte[])}; when not {@code strict}, unknown fields are ignored, as OTLP
   * receivers do for newer senders (what a saved payload read into a trace shape wants).
   */
  static ExportTraceServiceRequest parseJson(byte[] body, boolean strict)
      throws BadPayloadException {
    try {
      return OtlpJson.parse(new String(body, StandardCharsets.UTF_8), true, !strict);
    } catch (OtlpJson.InvalidExportException e) {
      throw new BadPayloadException(e.getMessage());
    }
  }

  static String toHex(ByteString bytes) {
    StringBuilder sb = new StringBuilder(bytes.size() * 2);
    for (int i = 0; i < bytes.size(); i++) {
      int b = bytes.byteAt(i) & 0xff;
      sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }

  /** Returns the spans of {@code request}, checking that every id has the right length. */
  static List<ReceivedSpan> spans(ExportTraceServiceRequest request) throws BadPayloadException {
    List<ReceivedSpan> spans = new ArrayList<>();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      Map<String, Object> resource = attributes(resourceSpans.getResource().getAttributesList());
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          checkId("traceId", span.getTraceId(), 16, false);
          checkId("spanId", span.getSpanId(), 8, false);
          checkId("parentSpanId", span.getParentSpanId(), 8, true);
          spans.add(new ReceivedSpan(span, resource, scopeSpans.getScope().getName()));
        }
      }
    }
    return spans;
  }

  private static void checkId(String field, ByteString id, int length, boolean mayBeEmpty)
      throws BadPayloadException {
    if (id.size() != length && !(mayBeEmpty && id.isEmpty())) {
      throw new BadPayloadException(field + " has " + id.size() + " bytes, not " + length);
    }
  }

  /** Converts OTLP key-values into an unmodifiable map of plain Java values, in order. */
  static Map<String, Object> attributes(List<KeyValue> keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue kv : keyValues) {
      map.put(kv.getKey(), value(kv.getValue()));
    }
    return Collections.unmodifiableMap(map);
  }

  @Nullable
  private static Object value(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return value.getStringValue();
      case BOOL_VALUE:
        return value.getBoolValue();
      case INT_VALUE:
        return value.getIntValue();
      case DOUBLE_VALUE:
        return value.getDoubleValue();
      case BYTES_VALUE:
        return value.getBytesValue();
      case ARRAY_VALUE:
        List<Object> list = new ArrayList<>();
        for (AnyValue element : value.getArrayValue().getValuesList()) {
          list.add(value(element));
        }
        return Collections.unmodifiableList(list);
      case KVLIST_VALUE:
        return attributes(value.getKvlistValue().getValuesList());
      default:
        return null;
    }
  }
}
