package dev.tracekit.compat.core.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.tracekit.compat.core.SpanContext;
import dev.tracekit.compat.core.StatusCode;
import dev.tracekit.compat.core.internal.Version;
import dev.tracekit.compat.core.trace.EventData;
import dev.tracekit.compat.core.trace.Resource;
import dev.tracekit.compat.core.trace.SpanData;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a batch of spans as one OTLP {@code ExportTraceServiceRequest} in proto-JSON: spans
 * grouped by resource (one {@code resourceSpans} each), all under one {@code scopeSpans} named
 * {@value #SCOPE_NAME}. Streams through Jackson's {@link JsonGenerator}; builds no trees. The
 * encoding rules themselves live in {@link ProtoJsonWriter}. Stateless and thread-safe.
 */
final class OtlpJsonMarshaler {
  /** The instrumentation scope every span is reported under. */
  static final String SCOPE_NAME = "dev.tracekit.compat";

  /** Sampled bit of the W3C trace flags, written as the span's {@code flags}. */
  private static final int SAMPLED_FLAG = 0x01;

  /**
   * The one Jackson factory of the exporter, for writing requests and reading responses. Characters
   * outside the BMP are written as 4-byte UTF-8 rather than as escaped surrogate pairs; lone
   * surrogates never reach it ({@link ProtoJsonWriter} writes them as U+FFFD).
   */
  static final JsonFactory JSON_FACTORY =
      JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  private static final SerializableString RESOURCE_SPANS = preEncoded("resourceSpans");
  private static final SerializableString RESOURCE = preEncoded("resource");
  private static final SerializableString SCOPE_SPANS = preEncoded("scopeSpans");
  private static final SerializableString SCOPE = preEncoded("scope");
  private static final SerializableString NAME = preEncoded("name");
  private static final SerializableString VERSION = preEncoded("version");
  private static final SerializableString SPANS = preEncoded("spans");
  private static final SerializableString TRACE_ID = preEncoded("traceId");
  private static final SerializableString SPAN_ID = preEncoded("spanId");
  private static final SerializableString PARENT_SPAN_ID = preEncoded("parentSpanId");
  private static final SerializableString FLAGS = preEncoded("flags");
  private static final SerializableString KIND = preEncoded("kind");
  private static final SerializableString START_TIME = preEncoded("startTimeUnixNano");
  private static final SerializableString END_TIME = preEncoded("endTimeUnixNano");
  private static final SerializableString ATTRIBUTES = preEncoded("attributes");
  private static final SerializableString DROPPED_ATTRIBUTES = preEncoded("droppedAttributesCount");
  private static final SerializableString EVENTS = preEncoded("events");
  private static final SerializableString DROPPED_EVENTS = preEncoded("droppedEventsCount");
  private static final SerializableString TIME = preEncoded("timeUnixNano");
  private static final SerializableString STATUS = preEncoded("status");
  private static final SerializableString CODE = preEncoded("code");
  private static final SerializableString MESSAGE = preEncoded("message");
  private static final SerializableString SCOPE_NAME_VALUE = preEncoded(SCOPE_NAME);
  private static final SerializableString SCOPE_VERSION_VALUE = preEncoded(Version.get());

  private OtlpJsonMarshaler() {}

  /** Writes the request for {@code spans} to {@code out}, as UTF-8. Does not close {@code out}. */
  static void writeRequest(List<SpanData> spans, OutputStream out) throws IOException {
    Map<Resource, List<SpanData>> byResource = groupByResource(spans);
    try (JsonGenerator generator = JSON_FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      ProtoJsonWriter writer = new ProtoJsonWriter(generator);
      writer.writeStartObject();
      writer.writeArrayFieldStart(RESOURCE_SPANS);
      for (Map.Entry<Resource, List<SpanData>> group : byResource.entrySet()) {
        writeResourceSpans(writer, group.getKey(), group.getValue());
      }
      writer.writeEndArray();
      writer.writeEndObject();
    }
  }

  private static Map<Resource, List<SpanData>> groupByResource(List<SpanData> spans) {
    Map<Resource, List<SpanData>> byResource = new LinkedHashMap<>(4);
    Resource previous = null;
    List<SpanData> group = null;
    for (SpanData span : spans) {
      Resource resource = span.getResource();
      // Spans of one tracer share one Resource instance: skip the map (and hashing) for runs.
      if (resource != previous) {
        previous = resource;
        group = byResource.get(resource);
        if (group == null) {
          group = new ArrayList<>(spans.size());
          byResource.put(resource, group);
        }
      }
      group.add(span);
    }
    return byResource;
  }

  private static void writeResourceSpans(
      ProtoJsonWriter writer, Resource resource, List<SpanData> spans) throws IOException {
    writer.writeStartObject();
    writer.writeObjectFieldStart(RESOURCE);
    writer.writeAttributesField(ATTRIBUTES, resource.getAttributes());
    writer.writeEndObject();
    writer.writeArrayFieldStart(SCOPE_SPANS);
    writer.writeStartObject();
    writer.writeObjectFieldStart(SCOPE);
    writer.writeStringField(NAME, SCOPE_NAME_VALUE);
    writer.writeStringField(VERSION, SCOPE_VERSION_VALUE);
    writer.writeEndObject();
    writer.writeArrayFieldStart(SPANS);
    for (SpanData span : spans) {
      writeSpan(writer, span);
    }
    writer.writeEndArray();
    writer.writeEndObject();
    writer.writeEndArray();
    writer.writeEndObject();
  }

  private static void writeSpan(ProtoJsonWriter writer, SpanData span) throws IOException {
    SpanContext context = span.getSpanContext();
    SpanContext parent = span.getParentSpanContext();
    writer.writeStartObject();
    writer.writeTraceIdField(TRACE_ID, context.getTraceIdHigh(), context.getTraceIdLow());
    writer.writeSpanIdField(SPAN_ID, context.getSpanIdAsLong());
    if (parent.isValid()) {
      writer.writeSpanIdField(PARENT_SPAN_ID, parent.getSpanIdAsLong());
    }
    writer.writeUint32Field(FLAGS, context.isSampled() ? SAMPLED_FLAG : 0);
    writer.writeStringField(NAME, span.getName());
    writer.writeEnumField(KIND, span.getKind().otlpValue());
    writer.writeInt64Field(START_TIME, span.getStartEpochNanos());
    writer.writeInt64Field(END_TIME, span.getEndEpochNanos());
    writer.writeAttributesField(ATTRIBUTES, span.getAttributes());
    writer.writeUint32Field(DROPPED_ATTRIBUTES, span.getDroppedAttributesCount());
    List<EventData> events = span.getEvents();
    if (!events.isEmpty()) {
      writer.writeArrayFieldStart(EVENTS);
      for (EventData event : events) {
        writeEvent(writer, event);
      }
      writer.writeEndArray();
    }
    writer.writeUint32Field(DROPPED_EVENTS, span.getDroppedEventsCount());
    StatusCode statusCode = span.getStatusCode();
    if (statusCode != StatusCode.UNSET) {
      writer.writeObjectFieldStart(STATUS);
      writer.writeStringField(MESSAGE, span.getStatusDescription());
      writer.writeEnumField(CODE, statusCode.otlpValue());
      writer.writeEndObject();
    }
    writer.writeEndObject();
  }

  private static void writeEvent(ProtoJsonWriter writer, EventData event) throws IOException {
    writer.writeStartObject();
    writer.writeInt64Field(TIME, event.getEpochNanos());
    writer.writeStringField(NAME, event.getName());
    writer.writeAttributesField(ATTRIBUTES, event.getAttributes());
    writer.writeUint32Field(DROPPED_ATTRIBUTES, event.getDroppedAttributesCount());
    writer.writeEndObject();
  }

  private static SerializableString preEncoded(String value) {
    return new SerializedString(value);
  }
}
