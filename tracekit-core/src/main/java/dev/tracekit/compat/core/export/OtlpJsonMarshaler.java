package dev.tracekit.compat.core.export;

import com.fasterxml.jackson.core.JsonFactory;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.StatusCode;
import dev.tracekit.compat.core.trace.EventData;
import dev.tracekit.compat.core.trace.Resource;
import dev.tracekit.compat.core.trace.SpanData;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Writes a batch of spans as one OTLP {@code ExportTraceServiceRequest} in proto-JSON: spans
 * grouped by resource (one {@code resourceSpans} each), all under one {@code scopeSpans} ({@link
 * OtlpSpans}). Streams through {@link ProtoJsonWriter}, which holds the encoding rules;
 * builds no trees. Stateless and thread-safe.
 */
final class OtlpJsonMarshaler {
  /** The one Jackson factory of the exporter, for reading responses. */
  static final JsonFactory JSON_FACTORY = new JsonFactory();

  private static final byte[] RESOURCE_SPANS = ProtoJsonWriter.name("resourceSpans");
  private static final byte[] RESOURCE = ProtoJsonWriter.name("resource");
  private static final byte[] SCOPE_SPANS = ProtoJsonWriter.name("scopeSpans");
  private static final byte[] SCOPE = ProtoJsonWriter.name("scope");
  private static final byte[] NAME = ProtoJsonWriter.name("name");
  private static final byte[] VERSION = ProtoJsonWriter.name("version");
  private static final byte[] SPANS = ProtoJsonWriter.name("spans");
  private static final byte[] TRACE_ID = ProtoJsonWriter.name("traceId");
  private static final byte[] SPAN_ID = ProtoJsonWriter.name("spanId");
  private static final byte[] PARENT_SPAN_ID = ProtoJsonWriter.name("parentSpanId");
  private static final byte[] FLAGS = ProtoJsonWriter.name("flags");
  private static final byte[] KIND = ProtoJsonWriter.name("kind");
  private static final byte[] START_TIME = ProtoJsonWriter.name("startTimeUnixNano");
  private static final byte[] END_TIME = ProtoJsonWriter.name("endTimeUnixNano");
  private static final byte[] ATTRIBUTES = ProtoJsonWriter.name("attributes");
  private static final byte[] DROPPED_ATTRIBUTES = ProtoJsonWriter.name("droppedAttributesCount");
  private static final byte[] EVENTS = ProtoJsonWriter.name("events");
  private static final byte[] DROPPED_EVENTS = ProtoJsonWriter.name("droppedEventsCount");
  private static final byte[] TIME = ProtoJsonWriter.name("timeUnixNano");
  private static final byte[] STATUS = ProtoJsonWriter.name("status");
  private static final byte[] CODE = ProtoJsonWriter.name("code");
  private static final byte[] MESSAGE = ProtoJsonWriter.name("message");
  private static final byte[] SCOPE_NAME_VALUE = ProtoJsonWriter.stringValue(OtlpSpans.SCOPE_NAME);
  private static final byte[] SCOPE_VERSION_VALUE = ProtoJsonWriter.stringValue(OtlpSpans.SCOPE_VERSION);

  private OtlpJsonMarshaler() {}

  /** Writes the request for {@code spans} to {@code out}, as UTF-8. Does not close {@code out}. */
  static void writeRequest(List<SpanData> spans, OutputStream out) throws IOException {
    Map<Resource, List<SpanData>> byResource = OtlpSpans.groupByResource(spans);
    ProtoJsonWriter writer = new ProtoJsonWriter(out);
    writer.writeStartObject();
    writer.writeArrayFieldStart(RESOURCE_SPANS);
    for (Map.Entry<Resource, List<SpanData>> group : byResource.entrySet()) {
      writeResourceSpans(writer, group.getKey(), group.getValue());
    }
    writer.writeEndArray();
    writer.writeEndObject();
    writer.flush();
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
    writer.writeUint32Field(FLAGS, OtlpSpans.flags(context));
    writer.writeRepeatedStringField(NAME, span.getName());
    writer.writeEnumField(KIND, span.getKind().otlpValue());
    writer.writeInt64Field(START_TIME, span.getStartEpochNanos());
    writer.writeInt64Field(END_TIME, span.getEndEpochNanos());
    writer.writeAttributesField(ATTRIBUTES, span);
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
}
