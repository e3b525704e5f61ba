package dev.tracekit.compat.core.export;

import static dev.tracekit.compat.core.export.ProtoBytes.FIXED32;
import static dev.tracekit.compat.core.export.ProtoBytes.FIXED64;
import static dev.tracekit.compat.core.export.ProtoBytes.LEN;
import static dev.tracekit.compat.core.export.ProtoBytes.VARINT;
import static dev.tracekit.compat.core.export.ProtoBytes.lenFieldSize;
import static dev.tracekit.compat.core.export.ProtoBytes.tag;
import static dev.tracekit.compat.core.export.ProtoBytes.varintSize;

import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.AttributeType;
import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.StatusCode;
import dev.tracekit.compat.core.trace.EventData;
import dev.tracekit.compat.core.trace.Resource;
import dev.tracekit.compat.core.trace.SpanData;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Writes a batch of spans as one OTLP {@code ExportTraceServiceRequest} in the protobuf binary
 * encoding, with the content of {@link OtlpJsonMarshaler}'s JSON ({@link OtlpSpans}: grouped by
 * resource, one scope), without protobuf-java. Two passes: the first computes the length of every
 * message and string once, in the order the second writes them, and keeps them; the second streams
 * the fields, each length read back from the first. Attribute names, which repeat from span to
 * span, are encoded once ({@link EncodedKeys}). Fields are written in field-number order;
 * proto3 defaults are left out, except in an {@code AnyValue}, whose one field is always written
 * (the JSON path writes it too: an empty string or {@code false} is a value). One instance per
 * request; not thread-safe.
 */
final class OtlpProtoMarshaler {
  // ExportTraceServiceRequest
  private static final int RESOURCE_SPANS = tag(1, LEN);
  // ResourceSpans
  private static final int RESOURCE = tag(1, LEN);
  private static final int SCOPE_SPANS = tag(2, LEN);
  // Resource
  private static final int RESOURCE_ATTRIBUTES = tag(1, LEN);
  // ScopeSpans
  private static final int SCOPE = tag(1, LEN);
  private static final int SPANS = tag(2, LEN);
  // InstrumentationScope
  private static final int SCOPE_NAME = tag(1, LEN);
  private static final int SCOPE_VERSION = tag(2, LEN);
  // Span
  private static final int TRACE_ID = tag(1, LEN);
  private static final int SPAN_ID = tag(2, LEN);
  private static final int PARENT_SPAN_ID = tag(4, LEN);
  private static final int NAME = tag(5, LEN);
  private static final int KIND = tag(6, VARINT);
  private static final int START_TIME = tag(7, FIXED64);
  private static final int END_TIME = tag(8, FIXED64);
  private static final int SPAN_ATTRIBUTES = tag(9, LEN);
  private static final int DROPPED_ATTRIBUTES = tag(10, VARINT);
  private static final int EVENTS = tag(11, LEN);
  private static final int DROPPED_EVENTS = tag(12, VARINT);
  private static final int STATUS = tag(15, LEN);
  private static final int FLAGS = tag(16, FIXED32);
  // Span.Event
  private static final int EVENT_TIME = tag(1, FIXED64);
  private static final int EVENT_NAME = tag(2, LEN);
  private static final int EVENT_ATTRIBUTES = tag(3, LEN);
  private static final int EVENT_DROPPED_ATTRIBUTES = tag(4, VARINT);
  // Status
  private static final int STATUS_MESSAGE = tag(2, LEN);
  private static final int STATUS_CODE = tag(3, VARINT);
  // KeyValue
  private static final int KEY = tag(1, LEN);
  private static final int VALUE = tag(2, LEN);
  // AnyValue
  private static final int STRING_VALUE = tag(1, LEN);
  private static final int BOOL_VALUE = tag(2, VARINT);
  private static final int INT_VALUE = tag(3, VARINT);
  private static final int DOUBLE_VALUE = tag(4, FIXED64);
  private static final int ARRAY_VALUE = tag(5, LEN);
  // ArrayValue
  private static final int VALUES = tag(1, LEN);

  /** The {@code key} fields of attribute names, each encoded once for every request. */
  private static final EncodedKeys KEYS = new EncodedKeys(KEY);

  /** The {@code scope} field of every {@code ScopeSpans}, encoded once. */
  private static final byte[] SCOPE_FIELD = scopeField();

  private final Map<Resource, List<SpanData>> byResource;
  // The lengths of the messages and strings, in the order they are written.
  private int[] lengths;
  private int lengthCount;
  private int nextLength;
  private final int size;
  private final AttributeSizer attributeSizer = new AttributeSizer();
  private final AttributeWriter attributeWriter = new AttributeWriter();
  private ProtoBytes out;

  private OtlpProtoMarshaler(List<SpanData> spans, int[] lengths) {
    this.byResource = OtlpSpans.groupByResource(spans);
    this.lengths = lengths;
    this.size = requestSize();
  }

  /** Computes the sizes of the request for {@code spans}; {@link #writeTo} writes it. */
  static OtlpProtoMarshaler prepare(List<SpanData> spans) {
    return new OtlpProtoMarshaler(spans, new int[expectedLengths(spans)]);
  }

  /**
   * Writes the request for {@code spans} to {@code out}, keeping the table of lengths in it for the
   * next request.
   */
  static void writeRequest(List<SpanData> spans, RequestBuffer out) throws IOException {
    int[] lengths = out.lengths(expectedLengths(spans));
    OtlpProtoMarshaler marshaler = new OtlpProtoMarshaler(spans, lengths);
    if (marshaler.lengths != lengths) {
      out.keepLengths(marshaler.lengths);
    }
    marshaler.writeTo(out);
  }

  // About 20 lengths per span of a few attributes: few regrowths, for a 512-span batch none.
  private static int expectedLengths(List<SpanData> spans) {
    return Math.max(64, 24 * spans.size());
  }

  /** Returns the size of the request in bytes. */
  int size() {
    return size;
  }

  /**
   * Writes the request once. Throws {@link IllegalStateException} when the spans changed since
   * {@link #prepare} (their sizes would no longer hold).
   */
  void writeTo(OutputStream stream) throws IOException {
    out = new ProtoBytes(stream);
    nextLength = 0;
    for (Map.Entry<Resource, List<SpanData>> group : byResource.entrySet()) {
      writeResourceSpans(group.getKey(), group.getValue());
    }
    out.flush();
    if (out.written() != size || nextLength != lengthCount) {
      throw new IllegalStateException("spans changed while they were written");
    }
  }

  // --- the first pass: sizes ---

  /** Keeps a place for a length the caller computes next; see {@link #messageField}. */
  private int reserve() {
    if (lengthCount == lengths.length) {
      lengths = Arrays.copyOf(lengths, lengthCount * 2);
    }
    return lengthCount++;
  }

  /**
   * Keeps {@code length} at {@code slot} and returns the size of the field. Called as {@code
   * messageField(tag, reserve(), contentSize(...))}: Java evaluates the arguments in order, so the
   * slot comes before those of the content, as the second pass reads them.
   */
  private int messageField(int tag, int slot, int length) {
    lengths[slot] = length;
    return lenFieldSize(tag, length);
  }

  private int stringField(int tag, String value) {
    return messageField(tag, reserve(), ProtoBytes.utf8Length(value));
  }

  private static int varintField(int tag, long value) {
    return value == 0 ? 0 : varintSize(tag) + varintSize(value);
  }

  private static int fixed64Field(int tag, long value) {
    return value == 0 ? 0 : varintSize(tag) + 8;
  }

  private int requestSize() {
    int size = 0;
    for (Map.Entry<Resource, List<SpanData>> group : byResource.entrySet()) {
      int slot = reserve();
      size += messageField(RESOURCE_SPANS, slot, resourceSpansSize(group.getKey(), group.getValue()));
    }
    return size;
  }

  private int resourceSpansSize(Resource resource, List<SpanData> spans) {
    Attributes attributes = resource.getAttributes();
    return messageField(RESOURCE, reserve(), attributesSize(RESOURCE_ATTRIBUTES, attributes))
        + messageField(SCOPE_SPANS, reserve(), scopeSpansSize(spans));
  }

  private int scopeSpansSize(List<SpanData> spans) {
    int size = SCOPE_FIELD.length;
    for (SpanData span : spans) {
      size += messageField(SPANS, reserve(), spanSize(span));
    }
    return size;
  }

  private int spanSize(SpanData span) {
    int size = lenFieldSize(TRACE_ID, 16) + lenFieldSize(SPAN_ID, 8);
    if (span.getParentSpanContext().isValid()) {
      size += lenFieldSize(PARENT_SPAN_ID, 8);
    }
    if (!isEmpty(span.getName())) {
      size += stringField(NAME, span.getName());
    }
    size += varintField(KIND, span.getKind().otlpValue());
    size += fixed64Field(START_TIME, span.getStartEpochNanos());
    size += fixed64Field(END_TIME, span.getEndEpochNanos());
    attributeSizer.start(SPAN_ATTRIBUTES);
    span.forEachAttribute(attributeSizer);
    size += attributeSizer.size;
    size += varintField(DROPPED_ATTRIBUTES, unsigned(span.getDroppedAttributesCount()));
    for (EventData event : span.getEvents()) {
      size += messageField(EVENTS, reserve(), eventSize(event));
    }
    size += varintField(DROPPED_EVENTS, unsigned(span.getDroppedEventsCount()));
    if (span.getStatusCode() != StatusCode.UNSET) {
      size += messageField(STATUS, reserve(), statusSize(span));
    }
    if (OtlpSpans.flags(span.getSpanContext()) != 0) {
      size += varintSize(FLAGS) + 4;
    }
    return size;
  }

  private int eventSize(EventData event) {
    int size = fixed64Field(EVENT_TIME, event.getEpochNanos());
    if (!isEmpty(event.getName())) {
      size += stringField(EVENT_NAME, event.getName());
    }
    size += attributesSize(EVENT_ATTRIBUTES, event.getAttributes());
    int dropped = event.getDroppedAttributesCount();
    return size + varintField(EVENT_DROPPED_ATTRIBUTES, unsigned(dropped));
  }

  private int statusSize(SpanData span) {
    int size = 0;
    if (!isEmpty(span.getStatusDescription())) {
      size += stringField(STATUS_MESSAGE, span.getStatusDescription());
    }
    return size + varintField(STATUS_CODE, span.getStatusCode().otlpValue());
  }

  private int attributesSize(int tag, Attributes attributes) {
    attributeSizer.start(tag);
    attributes.forEach(attributeSizer);
    return attributeSizer.size;
  }

  private int keyValueSize(AttributeKey<?> key, Object value) {
    return KEYS.field(key.getKey()).length
        + messageField(VALUE, reserve(), anyValueSize(key.getType(), value));
  }

  private int anyValueSize(AttributeType type, Object value) {
    switch (type) {
      case STRING:
        return stringField(STRING_VALUE, (String) value);
      case BOOLEAN:
        return varintSize(BOOL_VALUE) + 1;
      case LONG:
        return varintSize(INT_VALUE) + varintSize((Long) value);
      case DOUBLE:
        return varintSize(DOUBLE_VALUE) + 8;
      default:
        AttributeType elementType = OtlpSpans.elementType(type);
        return messageField(ARRAY_VALUE, reserve(), arrayValueSize(elementType, (List<?>) value));
    }
  }

  private int arrayValueSize(AttributeType elementType, List<?> elements) {
    int size = 0;
    for (int i = 0, n = elements.size(); i < n; i++) {
      Object element = elements.get(i);
      size +=
          messageField(VALUES, reserve(), element == null ? 0 : anyValueSize(elementType, element));
    }
    return size;
  }

  /** Adds up the sizes of the {@code KeyValue} fields of the attributes it is given. */
  private final class AttributeSizer implements BiConsumer<AttributeKey<?>, Object> {
    private int tag;
    private int size;

    void start(int fieldTag) {
      tag = fieldTag;
      size = 0;
    }

    @Override
    public void accept(AttributeKey<?> key, Object value) {
      size += messageField(tag, reserve(), keyValueSize(key, value));
    }
  }

  // --- the second pass: bytes ---

  /** Writes a length-delimited field's tag and the length the first pass kept for it. */
  private void startField(int tag) throws IOException {
    out.writeVarint(tag);
    out.writeVarint(lengths[nextLength++]);
  }

  private void writeString(int tag, String value) throws IOException {
    out.writeVarint(tag);
    int length = lengths[nextLength++];
    out.writeVarint(length);
    out.writeUtf8(value, length);
  }

  private void writeVarint(int tag, long value) throws IOException {
    if (value != 0) {
      out.writeVarint(tag);
      out.writeVarint(value);
    }
  }

  private void writeFixed64(int tag, long value) throws IOException {
    if (value != 0) {
      out.writeVarint(tag);
      out.writeFixed64(value);
    }
  }

  private void writeResourceSpans(Resource resource, List<SpanData> spans) throws IOException {
    startField(RESOURCE_SPANS);
    startField(RESOURCE);
    writeAttributes(RESOURCE_ATTRIBUTES, resource.getAttributes());
    startField(SCOPE_SPANS);
    out.write(SCOPE_FIELD);
    for (SpanData span : spans) {
      writeSpan(span);
    }
  }

  private void writeSpan(SpanData span) throws IOException {
    startField(SPANS);
    SpanContext context = span.getSpanContext();
    out.writeVarint(TRACE_ID);
    out.writeVarint(16);
    out.writeBigEndian(context.getTraceIdHigh());
    out.writeBigEndian(context.getTraceIdLow());
    out.writeVarint(SPAN_ID);
    out.writeVarint(8);
    out.writeBigEndian(context.getSpanIdAsLong());
    SpanContext parent = span.getParentSpanContext();
    if (parent.isValid()) {
      out.writeVarint(PARENT_SPAN_ID);
      out.writeVarint(8);
      out.writeBigEndian(parent.getSpanIdAsLong());
    }
    if (!isEmpty(span.getName())) {
      writeString(NAME, span.getName());
    }
    writeVarint(KIND, span.getKind().otlpValue());
    writeFixed64(START_TIME, span.getStartEpochNanos());
    writeFixed64(END_TIME, span.getEndEpochNanos());
    attributeWriter.start(SPAN_ATTRIBUTES);
    try {
      span.forEachAttribute(attributeWriter);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    writeVarint(DROPPED_ATTRIBUTES, unsigned(span.getDroppedAttributesCount()));
    for (EventData event : span.getEvents()) {
      writeEvent(event);
    }
    writeVarint(DROPPED_EVENTS, unsigned(span.getDroppedEventsCount()));
    StatusCode statusCode = span.getStatusCode();
    if (statusCode != StatusCode.UNSET) {
      startField(STATUS);
      if (!isEmpty(span.getStatusDescription())) {
        writeString(STATUS_MESSAGE, span.getStatusDescription());
      }
      writeVarint(STATUS_CODE, statusCode.otlpValue());
    }
    int flags = OtlpSpans.flags(context);
    if (flags != 0) {
      out.writeVarint(FLAGS);
      out.writeFixed32(flags);
    }
  }

  private void writeEvent(EventData event) throws IOException {
    startField(EVENTS);
    writeFixed64(EVENT_TIME, event.getEpochNanos());
    if (!isEmpty(event.getName())) {
      writeString(EVENT_NAME, event.getName());
    }
    writeAttributes(EVENT_ATTRIBUTES, event.getAttributes());
    writeVarint(EVENT_DROPPED_ATTRIBUTES, unsigned(event.getDroppedAttributesCount()));
  }

  private void writeAttributes(int tag, Attributes attributes) throws IOException {
    attributeWriter.start(tag);
    try {
      attributes.forEach(attributeWriter);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private void writeKeyValue(int tag, AttributeKey<?> key, Object value) throws IOException {
    startField(tag);
    out.write(KEYS.field(key.getKey()));
    startField(VALUE);
    writeAnyValue(key.getType(), value);
  }

  private void writeAnyValue(AttributeType type, Object value) throws IOException {
    switch (type) {
      case STRING:
        writeString(STRING_VALUE, (String) value);
        return;
      case BOOLEAN:
        out.writeVarint(BOOL_VALUE);
        out.writeVarint((Boolean) value ? 1 : 0);
        return;
      case LONG:
        out.writeVarint(INT_VALUE);
        out.writeVarint((Long) value);
        return;
      case DOUBLE:
        out.writeVarint(DOUBLE_VALUE);
        out.writeFixed64(Double.doubleToRawLongBits((Double) value));
        return;
      default:
        startField(ARRAY_VALUE);
        writeArrayValue(OtlpSpans.elementType(type), (List<?>) value);
    }
  }

  private void writeArrayValue(AttributeType elementType, List<?> elements) throws IOException {
    for (int i = 0, n = elements.size(); i < n; i++) {
      Object element = elements.get(i);
      startField(VALUES);
      if (element != null) {
        writeAnyValue(elementType, element);
      }
    }
  }

  /** Writes the {@code KeyValue} fields of the attributes it is given. */
  private final class AttributeWriter implements BiConsumer<AttributeKey<?>, Object> {
    private int tag;

    void start(int fieldTag) {
      tag = fieldTag;
    }

    @Override
    public void accept(AttributeKey<?> key, Object value) {
      try {
        writeKeyValue(tag, key, value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  // --- shared ---

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }

  private static long unsigned(int value) {
    return value & 0xFFFFFFFFL;
  }

  private static byte[] scopeField() {
    byte[] name = ProtoBytes.field(SCOPE_NAME, OtlpSpans.SCOPE_NAME);
    byte[] version = ProtoBytes.field(SCOPE_VERSION, OtlpSpans.SCOPE_VERSION);
    byte[] content = Arrays.copyOf(name, name.length + version.length);
    System.arraycopy(version, 0, content, name.length, version.length);
    return ProtoBytes.field(SCOPE, content);
  }
}
