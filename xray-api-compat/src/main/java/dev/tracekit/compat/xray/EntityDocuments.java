package dev.tracekit.compat.xray;

import com.amazonaws.xray.entities.Cause;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.ThrowableDescription;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tracekit.compat.core.internal.ThrottlingLogger;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Writes entities as X-Ray segment documents, field for field as the X-Ray SDK does: snake_case
 * names in the SDK's order, epoch-second doubles, and defaults (false, 0, empty) left out.
 * Metadata values go through a Jackson {@link ObjectMapper} that also handles {@code java.time}
 * values (as ISO-8601 strings); a value Jackson cannot write is written as its {@code toString()}
 * instead of failing the whole document.
 */
public final class EntityDocuments {
  private static final ThrottlingLogger LOGGER =
      ThrottlingLogger.create(Logger.getLogger(EntityDocuments.class.getName()));

  /** The mapper for metadata and other free-form values; shared and thread-safe. */
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private EntityDocuments() {}

  /** Returns the entity's document, as {@link Entity#serialize()}. Empty on an I/O failure. */
  public static String serialize(Entity entity, boolean pretty) {
    return write(entity, pretty, false);
  }

  /** Returns the subsegment's stand-alone document, with {@code type}, {@code parent_id} and {@code trace_id}. */
  public static String streamSerialize(Subsegment subsegment, boolean pretty) {
    return write(subsegment, pretty, true);
  }

  private static String write(Entity entity, boolean pretty, boolean stream) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      if (pretty) {
        json.useDefaultPrettyPrinter();
      }
      writeEntity(json, entity, stream);
    } catch (IOException | RuntimeException e) {
      LOGGER.log(Level.WARNING, "Could not serialize entity " + entity.getName() + ": " + e);
      return "";
    }
    return out.toString();
  }

  private static void writeEntity(JsonGenerator json, Entity entity, boolean stream)
      throws IOException {
    boolean segment = entity instanceof Segment;
    json.writeStartObject();
    writeString(json, "name", entity.getName());
    writeString(json, "id", entity.getId());
    if (segment) {
      writeString(json, "parent_id", entity.getParentId());
    }
    writeTime(json, "start_time", entity.getStartTime());
    if (segment && entity.getTraceId() != null) {
      json.writeStringField("trace_id", entity.getTraceId().toString());
    }
    writeTime(json, "end_time", entity.getEndTime());
    writeTrue(json, "fault", entity.isFault());
    writeTrue(json, "error", entity.isError());
    writeTrue(json, "throttle", entity.isThrottle());
    writeTrue(json, "in_progress", entity.isInProgress());
    writeString(json, "namespace", entity.getNamespace());
    List<Subsegment> children = entity.getSubsegmentsCopy();
    if (!children.isEmpty()) {
      json.writeArrayFieldStart("subsegments");
      for (Subsegment child : children) {
        writeEntity(json, child, false);
      }
      json.writeEndArray();
    }
    writeCause(json, entity.getCause());
    writeMap(json, "http", entity.getHttp());
    writeMap(json, "aws", entity.getAws());
    writeMap(json, "sql", entity.getSql());
    Map<String, Map<String, Object>> metadata = entity.getMetadata();
    if (metadata != null && !metadata.isEmpty()) {
      json.writeObjectFieldStart("metadata");
      for (Map.Entry<String, Map<String, Object>> namespace : metadata.entrySet()) {
        writeMap(json, namespace.getKey(), namespace.getValue());
      }
      json.writeEndObject();
    }
    writeMap(json, "annotations", entity.getAnnotations());
    if (segment) {
      Segment s = (Segment) entity;
      writeString(json, "resource_arn", s.getResourceArn());
      writeString(json, "user", s.getUser());
      writeString(json, "origin", s.getOrigin());
      writeMap(json, "service", s.getService());
    } else if (entity instanceof Subsegment) {
      Subsegment sub = (Subsegment) entity;
      Collection<String> precursors = sub.getPrecursorIds();
      if (precursors != null && !precursors.isEmpty()) {
        json.writeArrayFieldStart("precursor_ids");
        for (String id : precursors) {
          json.writeString(id);
        }
        json.writeEndArray();
      }
      if (stream) {
        json.writeStringField("type", "subsegment");
        Entity parent = sub.getParent() != null ? sub.getParent() : sub.getParentSegment();
        if (parent != null) {
          writeString(json, "parent_id", parent.getId());
        }
        if (sub.getTraceId() != null) {
          json.writeStringField("trace_id", sub.getTraceId().toString());
        }
      }
    }
    json.writeEndObject();
  }

  private static void writeCause(JsonGenerator json, @Nullable Cause cause) throws IOException {
    if (cause == null || (cause.getExceptions().isEmpty() && cause.getId() == null)) {
      return;
    }
    json.writeObjectFieldStart("cause");
    writeString(json, "working_directory", cause.getWorkingDirectory());
    writeString(json, "id", cause.getId());
    writeString(json, "message", cause.getMessage());
    if (cause.getPaths() != null && !cause.getPaths().isEmpty()) {
      json.writeArrayFieldStart("paths");
      for (String path : cause.getPaths()) {
        json.writeString(path);
      }
      json.writeEndArray();
    }
    if (!cause.getExceptions().isEmpty()) {
      json.writeArrayFieldStart("exceptions");
      for (ThrowableDescription exception : cause.getExceptions()) {
        writeException(json, exception);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private static void writeException(JsonGenerator json, ThrowableDescription exception)
      throws IOException {
    json.writeStartObject();
    writeString(json, "id", exception.getId());
    writeString(json, "message", exception.getMessage());
    writeString(json, "type", exception.getType());
    json.writeBooleanField("remote", exception.isRemote());
    StackTraceElement[] stack = exception.getStack();
    if (stack != null) {
      json.writeArrayFieldStart("stack");
      for (StackTraceElement frame : stack) {
        json.writeStartObject();
        writeString(json, "path", frame.getFileName());
        json.writeNumberField("line", frame.getLineNumber());
        json.writeStringField("label", frame.getClassName() + "." + frame.getMethodName());
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    json.writeNumberField("truncated", exception.getTruncated());
    json.writeNumberField("skipped", exception.getSkipped());
    writeString(json, "cause", exception.getCause());
    json.writeEndObject();
  }

  private static void writeMap(JsonGenerator json, String name, @Nullable Map<String, ?> map)
      throws IOException {
    if (map == null || map.isEmpty()) {
      return;
    }
    json.writeObjectFieldStart(name);
    for (Map.Entry<String, ?> entry : map.entrySet()) {
      json.writeFieldName(entry.getKey());
      writeValue(json, entry.getValue());
    }
    json.writeEndObject();
  }

  /** Writes one free-form value; one that Jackson cannot write becomes its {@code toString()}. */
  static void writeValue(JsonGenerator json, @Nullable Object value) throws IOException {
    if (value == null) {
      json.writeNull();
      return;
    }
    String text;
    try {
      text = MAPPER.writeValueAsString(value);
    } catch (IOException | RuntimeException | StackOverflowError e) {
      LOGGER.log(
          Level.FINE,
          "Could not write a " + value.getClass().getName() + " value as JSON; using toString(): " + e);
      json.writeString(safeToString(value));
      return;
    }
    json.writeRawValue(text);
  }

  /** Returns {@code value} as JSON text, or as a JSON string of its {@code toString()}. */
  static String toJson(@Nullable Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException | RuntimeException | StackOverflowError e) {
      LOGGER.log(Level.FINE, "Could not write a value as JSON; using toString(): " + e);
      try {
        return MAPPER.writeValueAsString(safeToString(value));
      } catch (IOException impossible) {
        return "\"\"";
      }
    }
  }

  private static String safeToString(Object value) {
    try {
      return String.valueOf(value);
    } catch (RuntimeException | StackOverflowError e) {
      return value.getClass().getName();
    }
  }

  private static void writeString(JsonGenerator json, String name, @Nullable String value)
      throws IOException {
    if (value != null) {
      json.writeStringField(name, value);
    }
  }

  private static void writeTime(JsonGenerator json, String name, double seconds) throws IOException {
    if (seconds != 0) {
      json.writeNumberField(name, seconds);
    }
  }

  private static void writeTrue(JsonGenerator json, String name, boolean value) throws IOException {
    if (value) {
      json.writeBooleanField(name, true);
    }
  }
}
