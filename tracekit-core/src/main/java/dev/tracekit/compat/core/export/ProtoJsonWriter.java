package dev.tracekit.compat.core.export;

import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.AttributeType;
import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.trace.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;
import javax.annotation.Nullable;

/**
 * The proto3 JSON rules of OTLP/HTTP JSON, in one place: ids as lowercase hex (not base64), 64-bit
 * integers as decimal strings, enums as numbers, doubles that are not finite as the strings {@code
 * "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, fields holding a default value (0, empty) left
 * out, strings as UTF-8 (characters outside the BMP as 4 bytes, lone surrogates as U+FFFD).
 * Attributes become {@code KeyValue}/{@code AnyValue} objects.
 *
 * <p>It writes the JSON bytes itself ({@link JsonBytes}): a request body holds hundreds of spans of
 * a few dozen small tokens each, and a general JSON generator's per-token bookkeeping was most of
 * the exporter's time. Field names are written as pre-encoded {@link #name names}, and attribute
 * keys and span names, which repeat, are encoded once per request ({@link RepeatedStrings}). The
 * caller writes a well-formed structure; the writer adds the commas. One instance per request body;
 * not thread-safe.
 */
final class ProtoJsonWriter {
  // A KeyValue is written as {"key":<key>,"value":{<AnyValue field>}}.
  private static final byte[] KEY_VALUE_START = JsonBytes.ascii("{\"key\":");
  private static final byte[] VALUE_START = JsonBytes.ascii(",\"value\":{");
  private static final byte[] KEY_VALUE_END = JsonBytes.ascii("}}");
  private static final byte[] STRING_VALUE = name("stringValue");
  private static final byte[] BOOL_VALUE = name("boolValue");
  private static final byte[] INT_VALUE = name("intValue");
  private static final byte[] DOUBLE_VALUE = name("doubleValue");
  private static final byte[] ARRAY_VALUE = name("arrayValue");
  private static final byte[] VALUES = name("values");
  private static final byte[] TRUE = JsonBytes.ascii("true");
  private static final byte[] FALSE = JsonBytes.ascii("false");

  private final JsonBytes bytes;
  private final AttributeFieldWriter spanAttributes = new AttributeFieldWriter();
  private final RepeatedStrings repeated = new RepeatedStrings();
  // Whether the current object or array already holds a value: the next one needs a comma.
  private boolean comma;

  ProtoJsonWriter(OutputStream out) {
    this.bytes = new JsonBytes(out);
  }

  /** Returns {@code "name":} as UTF-8: a field name for the {@code write*Field} methods. */
  static byte[] name(String name) {
    return ("\"" + name + "\":").getBytes(StandardCharsets.UTF_8);
  }

  /** Returns {@code value} as a JSON string, quoted, for {@link #writeStringField(byte[], byte[])}. */
  static byte[] stringValue(String value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ProtoJsonWriter writer = new ProtoJsonWriter(bytes);
      writer.writeString(value);
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  void writeStartObject() throws IOException {
    bytes.write(comma, '{');
    comma = false;
  }

  void writeEndObject() throws IOException {
    bytes.write('}');
    comma = true;
  }

  /** Starts an object-valued field. */
  void writeObjectFieldStart(byte[] name) throws IOException {
    fieldName(name);
    bytes.write('{');
    comma = false;
  }

  /** Starts a repeated field. */
  void writeArrayFieldStart(byte[] name) throws IOException {
    fieldName(name);
    bytes.write('[');
    comma = false;
  }

  void writeEndArray() throws IOException {
    bytes.write(']');
    comma = true;
  }

  /** Writes a string field; an empty (or null) string is the proto default and is left out. */
  void writeStringField(byte[] name, @Nullable String value) throws IOException {
    if (value != null && !value.isEmpty()) {
      fieldName(name);
      writeString(value);
    }
  }

  /**
   * Writes a string field whose value repeats within the request (a span name): it is encoded once.
   * An empty (or null) string is left out.
   */
  void writeRepeatedStringField(byte[] name, @Nullable String value) throws IOException {
    if (value != null && !value.isEmpty()) {
      fieldName(name);
      repeated.write(bytes, value);
      comma = true;
    }
  }

  /** Writes a string field whose value is already a quoted JSON string ({@link #stringValue}). */
  void writeStringField(byte[] name, byte[] quotedValue) throws IOException {
    fieldName(name);
    bytes.write(quotedValue);
    comma = true;
  }

  /** Writes a 16-byte id (a trace id) as 32 lowercase hex digits. */
  void writeTraceIdField(byte[] name, long high, long low) throws IOException {
    bytes.writeQuotedHex(comma, name, high, low, true);
    comma = true;
  }

  /** Writes an 8-byte id (a span id) as 16 lowercase hex digits. */
  void writeSpanIdField(byte[] name, long id) throws IOException {
    bytes.writeQuotedHex(comma, name, id, 0, false);
    comma = true;
  }

  /** Writes an int64/fixed64 field as a decimal string, as proto3 JSON requires. */
  void writeInt64Field(byte[] name, long value) throws IOException {
    bytes.writeQuotedDecimal(comma, name, value);
    comma = true;
  }

  /** Writes an enum field as its number; 0 is the default and is left out. */
  void writeEnumField(byte[] name, int number) throws IOException {
    writeUint32Field(name, number);
  }

  /** Writes a 32-bit integer field as a JSON number; 0 is the default and is left out. */
  void writeUint32Field(byte[] name, int value) throws IOException {
    if (value != 0) {
      bytes.writeDecimal(comma, name, value & 0xFFFFFFFFL);
      comma = true;
    }
  }

  /** Writes {@code attributes} as a repeated {@code KeyValue} field; nothing when empty. */
  void writeAttributesField(byte[] name, Attributes attributes) throws IOException {
    if (attributes.isEmpty()) {
      return;
    }
    writeArrayFieldStart(name);
    try {
      attributes.forEach(
          (key, value) -> {
            try {
              writeKeyValue(key, value);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    writeEndArray();
  }

  /**
   * Writes the attributes of {@code span} as a repeated {@code KeyValue} field, nothing when it has
   * none, reading them with {@link SpanData#forEachAttribute} (no {@link Attributes} made).
   */
  void writeAttributesField(byte[] name, SpanData span) throws IOException {
    spanAttributes.start(name);
    try {
      span.forEachAttribute(spanAttributes);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (spanAttributes.started) {
      writeEndArray();
    }
  }

  /** Writes the attributes of a span as they come, starting the field on the first one. */
  private final class AttributeFieldWriter implements BiConsumer<AttributeKey<?>, Object> {
    private byte[] name = new byte[0];
    private boolean started;

    void start(byte[] fieldName) {
      name = fieldName;
      started = false;
    }

    @Override
    public void accept(AttributeKey<?> key, Object value) {
      try {
        if (!started) {
          writeArrayFieldStart(name);
          started = true;
        }
        writeKeyValue(key, value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Writes what is buffered to the output stream (which it does not flush or close). */
  void flush() throws IOException {
    bytes.flush();
  }

  private void writeKeyValue(AttributeKey<?> key, Object value) throws IOException {
    bytes.write(comma, KEY_VALUE_START);
    repeated.write(bytes, key.getKey());
    bytes.write(VALUE_START);
    comma = false;
    writeAnyValueFields(key.getType(), value);
    bytes.write(KEY_VALUE_END);
    comma = true;
  }

  private void writeAnyValueFields(AttributeType type, Object value) throws IOException {
    switch (type) {
      case STRING:
        fieldName(STRING_VALUE);
        writeString((String) value);
        return;
      case BOOLEAN:
        fieldName(BOOL_VALUE);
        bytes.write((Boolean) value ? TRUE : FALSE);
        comma = true;
        return;
      case LONG:
        writeInt64Field(INT_VALUE, (Long) value);
        return;
      case DOUBLE:
        fieldName(DOUBLE_VALUE);
        writeDouble((Double) value);
        return;
      default:
        writeArrayValue(OtlpSpans.elementType(type), (List<?>) value);
    }
  }

  private void writeArrayValue(AttributeType elementType, List<?> elements) throws IOException {
    writeObjectFieldStart(ARRAY_VALUE);
    if (!elements.isEmpty()) {
      writeArrayFieldStart(VALUES);
      for (int i = 0, n = elements.size(); i < n; i++) {
        Object element = elements.get(i);
        writeStartObject();
        if (element != null) {
          writeAnyValueFields(elementType, element);
        }
        writeEndObject();
      }
      writeEndArray();
    }
    writeEndObject();
  }

  /**
   * Returns {@code s} with every lone surrogate replaced by U+FFFD, so that it is valid UTF-8 text:
   * a proto3 {@code string} must be, and a strict receiver may reject a whole request over one
   * escaped lone surrogate. Returns {@code s} itself (one scan, no copy) when it has none. The
   * writer applies the same rule as it encodes.
   */
  static String wellFormed(String s) {
    int length = s.length();
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return replaceLoneSurrogates(s, i);
        }
      }
    }
    return s;
  }

  private static String replaceLoneSurrogates(String s, int from) {
    StringBuilder sb = new StringBuilder(s.length());
    sb.append(s, 0, from);
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else {
        sb.append(Character.isSurrogate(c) ? '\ufffd' : c);
      }
    }
    return sb.toString();
  }

  // --- structure ---

  /** Writes a field name, after the comma that separates it from the previous field. */
  private void fieldName(byte[] name) throws IOException {
    bytes.write(comma, name);
    comma = false;
  }

  private void writeString(String s) throws IOException {
    bytes.writeString(s);
    comma = true;
  }

  private void writeDouble(double value) throws IOException {
    if (Double.isNaN(value)) {
      writeString("NaN");
    } else if (value == Double.POSITIVE_INFINITY) {
      writeString("Infinity");
    } else if (value == Double.NEGATIVE_INFINITY) {
      writeString("-Infinity");
    } else {
      bytes.writeAscii(Double.toString(value));
      comma = true;
    }
  }
}
