package dev.tracekit.compat.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
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
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.annotation.Nullable;

/**
 * Turns OTLP/HTTP request bodies into {@link ExportTraceServiceRequest}s and {@link ReceivedSpan}s.
 * Every problem becomes a {@link BadPayloadException} whose message says what is wrong.
 */
final class OtlpDecoding {
  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

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
    String json = hexIdsToBase64(new String(body, StandardCharsets.UTF_8));
    ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
    try {
      (strict ? JsonFormat.parser() : JsonFormat.parser().ignoringUnknownFields()).merge(json, builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new BadPayloadException("not an OTLP JSON ExportTraceServiceRequest: " + e.getMessage());
    }
    return builder.build();
  }

  /** Rewrites the hex values of id fields as base64, which is what {@link JsonFormat} reads. */
  private static String hexIdsToBase64(String json) throws BadPayloadException {
    StringWriter out = new StringWriter();
    try (JsonParser parser = JSON.createParser(json);
        JsonGenerator generator = JSON.createGenerator(out)) {
      String field = null;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME) {
          field = parser.getText(); // a FIELD_NAME token's text is the name
          generator.copyCurrentEvent(parser);
          continue;
        }
        Pattern id = idPattern(field);
        if (token == JsonToken.VALUE_STRING && id != null) {
          String hex = parser.getText();
          if (!hex.isEmpty() && !id.matcher(hex).matches()) {
            throw new BadPayloadException(
                field + " \"" + hex + "\" is not " + (id == TRACE_ID ? 32 : 16) + " lowercase hex digits");
          }
          generator.writeString(Base64.getEncoder().encodeToString(hexToBytes(hex)));
        } else {
          generator.copyCurrentEvent(parser);
        }
        field = null;
      }
    } catch (IOException e) {
      throw new BadPayloadException("not JSON: " + e.getMessage());
    }
    return out.toString();
  }

  @Nullable
  private static Pattern idPattern(@Nullable String field) {
    if ("traceId".equals(field) || "trace_id".equals(field)) {
      return TRACE_ID;
    }
    if ("spanId".equals(field) || "span_id".equals(field)
        || "parentSpanId".equals(field) || "parent_span_id".equals(field)) {
      return SPAN_ID;
    }
    return null;
  }

  private static byte[] hexToBytes(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
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
