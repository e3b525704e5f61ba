package dev.tracekit.compat.core.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.tracekit.compat.core.AttributeKey;
import dev.tracekit.compat.core.AttributeType;
import dev.tracekit.compat.core.Attributes;
import dev.tracekit.compat.core.internal.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The proto3 JSON rules of OTLP/HTTP JSON, in one place, over a Jackson {@link JsonGenerator}: ids
 * as lowercase hex (not base64), 64-bit integers as decimal strings, enums as numbers, doubles that
 * are not finite as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, and fields
 * holding a default value (0, empty) left out, and lone surrogates in strings written as U+FFFD.
 * Attributes become {@code KeyValue}/{@code AnyValue} objects. One instance per request body; not thread-safe.
 */
final class ProtoJsonWriter {
  private static final SerializableString KEY = new SerializedString("key");
  private static final SerializableString VALUE = new SerializedString("value");
  private static final SerializableString STRING_VALUE = new SerializedString("stringValue");
  private static final SerializableString BOOL_VALUE = new SerializedString("boolValue");
  private static final SerializableString INT_VALUE = new SerializedString("intValue");
  private static final SerializableString DOUBLE_VALUE = new SerializedString("doubleValue");
  private static final SerializableString ARRAY_VALUE = new SerializedString("arrayValue");
  private static final SerializableString VALUES = new SerializedString("values");

  private final JsonGenerator generator;
  private final char[] scratch = new char[32];

  ProtoJsonWriter(JsonGenerator generator) {
    this.generator = generator;
  }

  void writeStartObject() throws IOException {
    generator.writeStartObject();
  }

  void writeEndObject() throws IOException {
    generator.writeEndObject();
  }

  /** Starts an object-valued field. */
  void writeObjectFieldStart(SerializableString name) throws IOException {
    generator.writeFieldName(name);
    generator.writeStartObject();
  }

  /** Starts a repeated field. */
  void writeArrayFieldStart(SerializableString name) throws IOException {
    generator.writeFieldName(name);
    generator.writeStartArray();
  }

  void writeEndArray() throws IOException {
    generator.writeEndArray();
  }

  /** Writes a string field; an empty (or null) string is the proto default and is left out. */
  void writeStringField(SerializableString name, @Nullable String value) throws IOException {
    if (value != null && !value.isEmpty()) {
      generator.writeFieldName(name);
      generator.writeString(wellFormed(value));
    }
  }

  /** Writes a pre-encoded string field. */
  void writeStringField(SerializableString name, SerializableString value) throws IOException {
    generator.writeFieldName(name);
    generator.writeString(value);
  }

  /** Writes a 16-byte id (a trace id) as 32 lowercase hex digits. */
  void writeTraceIdField(SerializableString name, long high, long low) throws IOException {
    Hex.appendLong(high, scratch, 0);
    Hex.appendLong(low, scratch, 16);
    generator.writeFieldName(name);
    generator.writeString(scratch, 0, 32);
  }

  /** Writes an 8-byte id (a span id) as 16 lowercase hex digits. */
  void writeSpanIdField(SerializableString name, long id) throws IOException {
    Hex.appendLong(id, scratch, 0);
    generator.writeFieldName(name);
    generator.writeString(scratch, 0, 16);
  }

  /** Writes an int64/fixed64 field as a decimal string, as proto3 JSON requires. */
  void writeInt64Field(SerializableString name, long value) throws IOException {
    generator.writeFieldName(name);
    writeInt64(value);
  }

  /** Writes an enum field as its number; 0 is the default and is left out. */
  void writeEnumField(SerializableString name, int number) throws IOException {
    writeUint32Field(name, number);
  }

  /** Writes a 32-bit integer field as a JSON number; 0 is the default and is left out. */
  void writeUint32Field(SerializableString name, int value) throws IOException {
    if (value != 0) {
      generator.writeFieldName(name);
      generator.writeNumber(value);
    }
  }

  /** Writes {@code attributes} as a repeated {@code KeyValue} field; nothing when empty. */
  void writeAttributesField(SerializableString name, Attributes attributes) throws IOException {
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
    generator.writeEndArray();
  }

  private void writeKeyValue(AttributeKey<?> key, Object value) throws IOException {
    generator.writeStartObject();
    generator.writeFieldName(KEY);
    generator.writeString(wellFormed(key.getKey()));
    generator.writeFieldName(VALUE);
    generator.writeStartObject();
    writeAnyValueFields(key.getType(), value);
    generator.writeEndObject();
    generator.writeEndObject();
  }

  private void writeAnyValueFields(AttributeType type, Object value) throws IOException {
    switch (type) {
      case STRING:
        generator.writeFieldName(STRING_VALUE);
        generator.writeString(wellFormed((String) value));
        return;
      case BOOLEAN:
        generator.writeFieldName(BOOL_VALUE);
        generator.writeBoolean((Boolean) value);
        return;
      case LONG:
        generator.writeFieldName(INT_VALUE);
        writeInt64((Long) value);
        return;
      case DOUBLE:
        generator.writeFieldName(DOUBLE_VALUE);
        writeDouble((Double) value);
        return;
      case STRING_ARRAY:
        writeArrayValue(AttributeType.STRING, (List<?>) value);
        return;
      case BOOLEAN_ARRAY:
        writeArrayValue(AttributeType.BOOLEAN, (List<?>) value);
        return;
      case LONG_ARRAY:
        writeArrayValue(AttributeType.LONG, (List<?>) value);
        return;
      case DOUBLE_ARRAY:
        writeArrayValue(AttributeType.DOUBLE, (List<?>) value);
        return;
    }
    throw new IllegalArgumentException("Unknown attribute type " + type);
  }

  private void writeArrayValue(AttributeType elementType, List<?> elements) throws IOException {
    generator.writeFieldName(ARRAY_VALUE);
    generator.writeStartObject();
    if (!elements.isEmpty()) {
      generator.writeFieldName(VALUES);
      generator.writeStartArray();
      for (Object element : elements) {
        generator.writeStartObject();
        if (element != null) {
          writeAnyValueFields(elementType, element);
        }
        generator.writeEndObject();
      }
      generator.writeEndArray();
    }
    generator.writeEndObject();
  }

  /**
   * Returns {@code s} with every lone surrogate replaced by U+FFFD, so that the body is valid UTF-8
   * text: a proto3 {@code string} must be, and a strict receiver may reject a whole request over
   * one escaped lone surrogate. Returns {@code s} itself (one scan, no copy) when it has none.
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

  private void writeInt64(long value) throws IOException {
    if (value < 0) {
      generator.writeString(Long.toString(value));
      return;
    }
    // Decimal digits into the scratch array, right to left: no String per number.
    int pos = scratch.length;
    do {
      scratch[--pos] = (char) ('0' + (int) (value % 10));
      value /= 10;
    } while (value != 0);
    generator.writeString(scratch, pos, scratch.length - pos);
  }

  private void writeDouble(double value) throws IOException {
    if (Double.isNaN(value)) {
      generator.writeString("NaN");
    } else if (value == Double.POSITIVE_INFINITY) {
      generator.writeString("Infinity");
    } else if (value == Double.NEGATIVE_INFINITY) {
      generator.writeString("-Infinity");
    } else {
      generator.writeNumber(value);
    }
  }
}
