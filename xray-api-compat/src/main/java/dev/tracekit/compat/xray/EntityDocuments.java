package dev.tracekit.compat.xray;

import com.amazonaws.xray.entities.Cause;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.EntityImpl;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.ThrowableDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.tracekit.compat.core.internal.LogText;
import dev.tracekit.compat.core.internal.ThrottlingLogger;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Writes entities as X-Ray segment documents, field for field as the X-Ray SDK does: snake_case
 * names in the SDK's order, epoch-second doubles, and defaults (false, 0, empty) left out.
 *
 * <p>Free-form values (annotations, metadata, the http/aws/sql/service maps) go through a Jackson
 * {@link ObjectMapper} set up with the X-Ray SDK's own calls: bean properties in snake_case, empty
 * values (null, {@code ""}, empty collections and maps) left out, and the Jackson modules found on
 * the class path registered; so {@code java.time} values are written by the JSR-310 module when the
 * app has it ({@code jackson-datatype-jsr310}), as with the X-Ray SDK. It is the app's Jackson, any
 * 2.x from 2.8 on. Unlike the X-Ray SDK, which then writes no document at all (and so loses the
 * whole segment), a value Jackson cannot write is written as its {@code toString()} and the rest of
 * the document as usual (see {@link #writeValue}).
 */
public final class EntityDocuments {
  private static final ThrottlingLogger LOGGER =
      ThrottlingLogger.create(Logger.getLogger(EntityDocuments.class.getName()));

  /**
   * The mapper for metadata and other free-form values, shared and thread-safe, and its factory:
   * made on first use, so that an app's Jackson that cannot link fails there ({@link AppJackson}).
   */
  private static final class Json {
    static final ObjectMapper MAPPER = newMapper();
    static final JsonFactory FACTORY = MAPPER.getFactory();
  }

  /** How many levels of maps a value the mapper cannot write is written entry by entry. */
  static final int MAX_FALLBACK_DEPTH = 3;

  /** Map nesting beyond which a map is not handed to the mapper (it writes 1000 levels at most). */
  private static final int MAX_MAP_NESTING = 1000;

  private EntityDocuments() {}

  /** Returns the shared mapper for free-form values (the X-Ray SDK's {@code EntityImpl.mapper}). */
  public static ObjectMapper mapper() {
    return Json.MAPPER;
  }

  private static ObjectMapper newMapper() {
    ObjectMapper mapper =
        new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .setPropertyNamingStrategy(JacksonNames.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
    List<Module> found;
    try {
      found = ObjectMapper.findModules();
    } catch (RuntimeException | ServiceConfigurationError e) {
      LOGGER.log(Level.FINE, "Could not look up Jackson modules: " + e);
      found = Collections.emptyList();
    }
    for (Module module : found) {
      try {
        mapper.registerModule(module);
      } catch (RuntimeException | LinkageError e) {
        LOGGER.log(Level.FINE, "Could not register Jackson module " + module.getModuleName() + ": " + e);
      }
    }
    return mapper;
  }

  /** Returns the entity's document, as {@link Entity#serialize()}. Empty on an I/O failure. */
  public static String serialize(Entity entity, boolean pretty) {
    return write(entity, pretty, false, false);
  }

  /** Returns the subsegment's stand-alone document, with {@code type}, {@code parent_id} and {@code trace_id}. */
  public static String streamSerialize(Subsegment subsegment, boolean pretty) {
    return write(subsegment, pretty, true, false);
  }

  /**
   * Returns the document an emitter sends out of the process: {@link Entity#serialize()}, except
   * that the {@code http} and {@code sql} maps of the entity and its subsegments go through {@link
   * SensitiveData} (credential headers, URL user info, SQL credentials).
   */
  public static String emitted(Entity entity) {
    return entity instanceof EntityImpl ? write(entity, false, false, true) : entity.serialize();
  }

  /** Returns {@link Subsegment#streamSerialize()} as {@link #emitted} does {@code serialize()}. */
  public static String emittedStream(Subsegment subsegment) {
    return subsegment instanceof EntityImpl
        ? write(subsegment, false, true, true)
        : subsegment.streamSerialize();
  }

  private static String write(Entity entity, boolean pretty, boolean stream, boolean redact) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
      if (pretty) {
        json.useDefaultPrettyPrinter();
      }
      writeEntity(json, entity, stream, redact);
    } catch (IOException | RuntimeException e) {
      LOGGER.log(
          Level.WARNING,
          "Could not serialize entity " + LogText.cut(entity.getName()) + ": " + LogText.cut(String.valueOf(e)));
      return "";
    } catch (LinkageError e) {
      AppJackson.unusable(e);
      return "";
    }
    return out.toString();
  }

  private static void writeEntity(JsonGenerator json, Entity entity, boolean stream, boolean redact)
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
        writeEntity(json, child, false, redact);
      }
      json.writeEndArray();
    }
    writeCause(json, entity.getCause());
    Map<String, Object> http = entity.getHttp();
    Map<String, Object> sql = entity.getSql();
    writeMap(json, "http", redact && http != null ? SensitiveData.http(http) : http);
    writeMap(json, "aws", entity.getAws());
    writeMap(json, "sql", redact && sql != null ? SensitiveData.sql(sql) : sql);
    writeMap(json, "metadata", entity.getMetadata());
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

  /**
   * Writes the cause: its fields that are set, or, when its first exception only refers to an
   * exception a child recorded, just that exception's id, as a string (as the X-Ray SDK does).
   */
  private static void writeCause(JsonGenerator json, @Nullable Cause cause) throws IOException {
    if (cause == null) {
      return;
    }
    List<ThrowableDescription> exceptions = cause.getExceptions();
    if (!exceptions.isEmpty() && isReference(exceptions.get(0))) {
      json.writeStringField("cause", exceptions.get(0).getCause());
      return;
    }
    Collection<String> paths = cause.getPaths();
    boolean hasPaths = paths != null && !paths.isEmpty();
    if (exceptions.isEmpty() && isEmpty(cause.getId()) && isEmpty(cause.getMessage()) && !hasPaths) {
      return;
    }
    json.writeObjectFieldStart("cause");
    writeString(json, "working_directory", cause.getWorkingDirectory());
    writeString(json, "id", cause.getId());
    writeString(json, "message", cause.getMessage());
    if (hasPaths) {
      json.writeArrayFieldStart("paths");
      for (String path : paths) {
        json.writeString(path);
      }
      json.writeEndArray();
    }
    if (!exceptions.isEmpty()) {
      json.writeArrayFieldStart("exceptions");
      for (ThrowableDescription exception : exceptions) {
        writeException(json, exception);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  /** True for a description that only points to an exception recorded by a child subsegment. */
  private static boolean isReference(ThrowableDescription description) {
    return description.getId() == null && description.getCause() != null;
  }

  private static void writeException(JsonGenerator json, ThrowableDescription exception)
      throws IOException {
    json.writeStartObject();
    writeString(json, "id", exception.getId());
    writeString(json, "message", exception.getMessage());
    writeString(json, "type", exception.getType());
    json.writeBooleanField("remote", exception.isRemote());
    StackTraceElement[] stack = exception.getStack();
    if (stack != null && stack.length > 0) {
      json.writeArrayFieldStart("stack");
      for (StackTraceElement frame : stack) {
        json.writeStartObject();
        // Written even when unknown (null), as the X-Ray SDK does.
        json.writeStringField("path", frame.getFileName());
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

  /**
   * Writes a non-empty map as field {@code name}, through {@link #writeValue}: so that one value
   * the mapper cannot write costs only that value, not the map.
   */
  private static void writeMap(JsonGenerator json, String name, @Nullable Map<String, ?> map)
      throws IOException {
    if (map == null || map.isEmpty()) {
      return;
    }
    json.writeFieldName(name);
    writeValue(json, map, 0);
  }

  /**
   * Writes one free-form value through the mapper. When the mapper cannot write it (a getter
   * throws, a bean refers to itself…), a map is written entry by entry, down to {@value
   * #MAX_FALLBACK_DEPTH} levels, and any other value as its {@code toString()} (a map deeper than
   * that as its class name), with a rate-limited warning. A map that contains itself never reaches
   * the mapper, which would only find out by overflowing the stack.
   */
  static void writeValue(JsonGenerator json, @Nullable Object value, int depth) throws IOException {
    if (value == null) {
      json.writeNull();
      return;
    }
    String failure = "it contains itself";
    if (!(value instanceof Map && containsMapCycle((Map<?, ?>) value))) {
      TokenBuffer buffer = new TokenBuffer(Json.MAPPER, false);
      try {
        Json.MAPPER.writeValue(buffer, value);
        // Replayed into the caller's generator, so that pretty printing covers nested values too.
        buffer.serialize(json);
        return;
      } catch (IOException | RuntimeException | StackOverflowError e) {
        failure = String.valueOf(e);
      }
    }
    if (value instanceof Map && depth < MAX_FALLBACK_DEPTH) {
      // Each entry that fails reports itself.
      json.writeStartObject();
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        if (!isEmptyValue(entry.getValue())) {
          json.writeFieldName(String.valueOf(entry.getKey()));
          writeValue(json, entry.getValue(), depth + 1);
        }
      }
      json.writeEndObject();
      return;
    }
    boolean map = value instanceof Map;
    LOGGER.log(
        Level.WARNING,
        "Could not write a " + value.getClass().getName() + " of an X-Ray entity as JSON ("
            + LogText.cut(failure) + "); writing its " + (map ? "class name" : "toString()")
            + " instead.");
    json.writeString(map ? value.getClass().getName() : safeToString(value));
  }

  /**
   * True when {@code map} reaches itself, or a map inside it reaches that map, through map values
   * only (the path on which Jackson recurses without bound), or when maps nest deeper than Jackson
   * writes anyway.
   */
  static boolean containsMapCycle(Map<?, ?> map) {
    try {
      return containsMapCycle(map, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
    } catch (RuntimeException e) {
      // Changed while being read: the mapper reports it, if it fails.
      return false;
    }
  }

  private static boolean containsMapCycle(Map<?, ?> map, Set<Object> path, int depth) {
    if (depth > MAX_MAP_NESTING || !path.add(map)) {
      return true;
    }
    for (Object value : map.values()) {
      if (value instanceof Map && containsMapCycle((Map<?, ?>) value, path, depth + 1)) {
        return true;
      }
    }
    path.remove(map);
    return false;
  }

  /** True for what the mapper's NON_EMPTY rule leaves out at the top of a map entry. */
  private static boolean isEmptyValue(@Nullable Object value) {
    return value == null
        || (value instanceof CharSequence && ((CharSequence) value).length() == 0)
        || (value instanceof Collection && ((Collection<?>) value).isEmpty())
        || (value instanceof Map && ((Map<?, ?>) value).isEmpty())
        || (value instanceof Object[] && ((Object[]) value).length == 0);
  }

  /**
   * Returns {@code value} as JSON text, written as {@link #writeValue} writes it (so a metadata
   * namespace with one bad value keeps its other values).
   */
  static String toJson(@Nullable Object value) {
    String flat = FlatJson.write(value);
    return flat != null ? flat : mapperJson(value);
  }

  /** Returns {@code value} as JSON written through the mapper ({@link #writeValue}). */
  static String mapperJson(@Nullable Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = Json.FACTORY.createGenerator(out)) {
      writeValue(json, value, 0);
    } catch (IOException | RuntimeException e) {
      return "\"\"";
    } catch (LinkageError e) {
      AppJackson.unusable(e);
      return "\"\"";
    }
    return out.toString();
  }

  private static String safeToString(Object value) {
    try {
      return String.valueOf(value);
    } catch (RuntimeException | StackOverflowError e) {
      return value.getClass().getName();
    }
  }

  private static boolean isEmpty(@Nullable String value) {
    return value == null || value.isEmpty();
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
