package dev.tracekit.compat.xray.mapping;

import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.Attributes;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.api.StatusCode;
import dev.tracekit.compat.core.internal.AttributeValues;
import dev.tracekit.compat.core.internal.LogText;
import dev.tracekit.compat.core.internal.ThrottlingLogger;
import dev.tracekit.compat.core.internal.UrlRedaction;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * The span half of the mapping in {@code docs/mapping.md} ("Span fields": the kind; "Span
 * attributes", "Status", "Exception events"): annotations keep their types, metadata namespaces
 * become JSON, http/aws/sql become semantic-convention attributes, flags and causes become {@code
 * aws.xray.*} attributes, {@code exception} events and the status. One code path for the shim's
 * live entities and the bridge's received documents. Never throws for odd values: they are left
 * out or written as text.
 */
public final class XRaySpanMapping {
  private static final ThrottlingLogger LOGGER =
      ThrottlingLogger.create(Logger.getLogger(XRaySpanMapping.class.getName()));
  private static final String AWS_NAMESPACE = "aws";
  private static final String REMOTE_NAMESPACE = "remote";

  // The names of the attributes set here repeat from span to span: annotation names, mapped names.
  private static final AttributeKeyCache KEYS = new AttributeKeyCache();
  private static final String METADATA_PREFIX = "aws.xray.metadata.";
  private static final String AWS_PREFIX = "aws.";
  private static final AttributeKey<List<String>> ANNOTATION_KEYS =
      AttributeKey.stringArrayKey("aws.xray.annotations");
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private XRaySpanMapping() {}

  /**
   * Returns the span kind: SERVER for a segment; for a subsegment, CLIENT in namespace {@code aws}
   * or {@code remote}, else INTERNAL.
   */
  public static SpanKind kind(boolean segment, @Nullable String namespace) {
    if (segment) {
      return SpanKind.SERVER;
    }
    return AWS_NAMESPACE.equals(namespace) || REMOTE_NAMESPACE.equals(namespace)
        ? SpanKind.CLIENT
        : SpanKind.INTERNAL;
  }

  /** Sets the attributes, events and status of the span of {@code entity}, which has ended. */
  public static void apply(XRayEntityView entity, Span span) {
    String namespace = entity.namespace();
    if (AWS_NAMESPACE.equals(namespace)) {
      span.setAttribute("aws.service", entity.name());
      span.setAttribute("rpc.system", "aws-api");
    }
    if (namespace != null) {
      span.setAttribute("aws.xray.namespace", namespace);
    }
    http(entity.http(), span);
    aws(entity, span);
    sql(entity.sql(), span);
    putString(span, "enduser.id", entity.user());
    putString(span, "aws.xray.origin", entity.origin());
    putString(span, "aws.xray.resource_arn", entity.resourceArn());
    List<String> precursors = entity.precursorIds();
    if (precursors != null && !precursors.isEmpty()) {
      span.setAttribute("aws.xray.precursor_ids", precursors.toArray(new String[0]));
    }
    if (entity.isFault()) {
      span.setAttribute("aws.xray.fault", true);
    }
    if (entity.isError()) {
      span.setAttribute("aws.xray.error", true);
    }
    if (entity.isThrottle()) {
      span.setAttribute("aws.xray.throttle", true);
    }
    String firstMessage = exceptions(entity.exceptions(), entity.endNanosIfRecorded(), span);
    if (entity.isFault() || entity.isError() || firstMessage != null) {
      span.setStatus(StatusCode.ERROR, firstMessage == null ? "" : firstMessage);
    }
    // Last, so that an entity with more annotations and metadata than a span keeps never pushes
    // out the mapped attributes above (the excess is dropped and counted by the span).
    annotations(entity.name(), entity.annotations(), span);
    metadata(entity, span);
  }

  /**
   * Annotations become attributes of their own type, listed (sorted) in {@code
   * aws.xray.annotations}. X-Ray indexes only keys of letters, digits and {@code _} with string,
   * number or boolean values; other annotations are left out of the span (the X-Ray document keeps
   * them, as the X-Ray SDK does) with one rate-limited warning per entity. They cannot clash with
   * the mapped attributes, whose keys all hold a dot.
   */
  private static void annotations(String entityName, @Nullable Map<String, ?> annotations, Span span) {
    if (annotations == null || annotations.isEmpty()) {
      return;
    }
    AnnotationCollector collected = new AnnotationCollector(annotations.size());
    annotations.forEach(collected);
    String[] keys = collected.keys;
    Object[] values = collected.values;
    int kept = collected.kept;
    List<String> leftOut = collected.leftOut;
    if (leftOut != null) {
      Collections.sort(leftOut);
      LOGGER.log(
          Level.WARNING,
          "Left " + leftOut.size() + " annotation(s) of X-Ray entity '"
              + LogText.cut(entityName) + "' out of its span: "
              + LogText.cut(String.valueOf(leftOut))
              + ". X-Ray annotation keys are letters, digits and '_'; values are strings, numbers"
              + " or booleans.");
    }
    if (kept == 0) {
      return;
    }
    sortByKey(keys, values, kept);
    String[] sorted = kept == keys.length ? keys : Arrays.copyOf(keys, kept);
    span.setAttribute(ANNOTATION_KEYS, AttributeValues.wrap(sorted));
    for (int i = 0; i < kept; i++) {
      putScalar(span, keys[i], values[i]);
    }
  }

  /** Keeps the annotations a span can carry, in arrays, and names the ones it cannot. */
  private static final class AnnotationCollector implements BiConsumer<String, Object> {
    String[] keys;
    Object[] values;
    int kept;
    @Nullable List<String> leftOut;

    AnnotationCollector(int expected) {
      keys = new String[Math.max(expected, 1)];
      values = new Object[keys.length];
    }

    @Override
    public void accept(@Nullable String key, @Nullable Object value) {
      if (isIndexableKey(key)
          && (value instanceof String || value instanceof Number || value instanceof Boolean)) {
        if (kept == keys.length) {
          keys = Arrays.copyOf(keys, kept * 2);
          values = Arrays.copyOf(values, kept * 2);
        }
        keys[kept] = key;
        values[kept] = value;
        kept++;
      } else {
        if (leftOut == null) {
          leftOut = new ArrayList<>();
        }
        leftOut.add(String.valueOf(key));
      }
    }
  }

  /** Sorts the first {@code count} keys (distinct) and their values by key. */
  private static void sortByKey(String[] keys, Object[] values, int count) {
    if (count > 32) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      for (int i = 0; i < count; i++) {
        sorted.put(keys[i], values[i]);
      }
      int i = 0;
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        keys[i] = e.getKey();
        values[i++] = e.getValue();
      }
      return;
    }
    for (int i = 1; i < count; i++) {
      String key = keys[i];
      Object value = values[i];
      int j = i - 1;
      while (j >= 0 && keys[j].compareTo(key) > 0) {
        keys[j + 1] = keys[j];
        values[j + 1] = values[j];
        j--;
      }
      keys[j + 1] = key;
      values[j + 1] = value;
    }
  }

  /** True for a key of ASCII letters, digits and {@code _} only, as X-Ray indexes. */
  static boolean isIndexableKey(@Nullable String key) {
    if (key == null || key.isEmpty()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIntegral(@Nullable Object value) {
    return value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof AtomicInteger
        || value instanceof AtomicLong
        || (value instanceof BigInteger && ((BigInteger) value).bitLength() < 64)
        || (value instanceof BigDecimal && ((BigDecimal) value).scale() <= 0
            && fitsLong((BigDecimal) value));
  }

  /** True when {@code value} lies in the range of a long ({@code Long.MIN_VALUE} included). */
  private static boolean fitsLong(BigDecimal value) {
    return value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0;
  }

  private static void metadata(XRayEntityView entity, Span span) {
    Map<String, ?> metadata = entity.metadata();
    if (metadata == null || metadata.isEmpty()) {
      return;
    }
    metadata.forEach(
        (namespace, values) -> {
          // An empty namespace is left out of the X-Ray document (NON_EMPTY), so of the span too.
          if (values != null && !(values instanceof Map && ((Map<?, ?>) values).isEmpty())) {
            span.setAttribute(KEYS.stringKey(METADATA_PREFIX, namespace), entity.toJson(values));
          }
        });
  }

  private static void http(@Nullable Map<String, ?> http, Span span) {
    if (http == null) {
      return;
    }
    Map<String, Object> request = asMap(http.get("request"));
    if (request != null) {
      putString(span, "http.request.method", request.get("method"));
      Object url = request.get("url");
      if (url != null) {
        span.setAttribute("url.full", UrlRedaction.redact(String.valueOf(url)));
      }
      putString(span, "client.address", request.get("client_ip"));
      putString(span, "user_agent.original", request.get("user_agent"));
      Object forwarded = request.get("x_forwarded_for");
      if (forwarded != null) {
        // The X-Ray filter records a boolean: client_ip came from X-Forwarded-For.
        putScalar(span, "aws.xray.x_forwarded_for", forwarded);
      }
    }
    Map<String, Object> response = asMap(http.get("response"));
    if (response != null) {
      putLong(span, "http.response.status_code", response.get("status"));
      putLong(span, "http.response.body.size", response.get("content_length"));
    }
  }

  private static void aws(XRayEntityView entity, Span span) {
    Map<String, ?> aws = entity.aws();
    if (aws == null) {
      return;
    }
    aws.forEach((key, value) -> awsField(entity, String.valueOf(key), value, span));
  }

  private static void awsField(XRayEntityView entity, String key, @Nullable Object value, Span span) {
    switch (key) {
      case "operation":
        putString(span, "aws.operation", value);
        putString(span, "rpc.method", value);
        break;
      case "retries":
        putLong(span, "aws.xray.retries", value);
        break;
      case "xray":
        // The SDK's own description (sdk name and version): not span data.
        break;
      default:
        // region, request_id, account_id, queue_url, table_name and any other scalar the AWS
        // instrumentation records (plugin maps such as ec2/ecs are resource data).
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
          putScalar(span, AWS_PREFIX, key, value);
        } else if (value instanceof List) {
          span.setAttribute(KEYS.stringKey(AWS_PREFIX, key), entity.toJson(value));
        }
    }
  }

  private static void sql(@Nullable Map<String, ?> sql, Span span) {
    if (sql == null || sql.isEmpty()) {
      return;
    }
    Object type = sql.get("database_type");
    if (type != null) {
      span.setAttribute("db.system.name", String.valueOf(type).toLowerCase(java.util.Locale.ROOT));
    }
    putString(span, "db.query.text", sql.get("sanitized_query"));
    putString(span, "db.user", sql.get("user"));
    Object url = sql.get("url");
    if (url == null) {
      url = sql.get("connection_string");
    }
    if (url != null) {
      String stripped = SqlUrls.stripCredentials(String.valueOf(url));
      span.setAttribute("aws.xray.sql.url", stripped);
      String database = SqlUrls.databaseName(stripped);
      if (database != null) {
        span.setAttribute("db.namespace", database);
      }
    }
  }

  /**
   * Adds one {@code exception} event per recorded exception and returns the first message (for the
   * status), or null when there is none.
   */
  @Nullable
  private static String exceptions(List<RecordedException> recorded, long when, Span span) {
    String firstMessage = null;
    for (RecordedException exception : recorded) {
      Attributes.Builder event = Attributes.builder();
      String type = exception.type();
      String message = exception.message();
      if (type != null) {
        event.put("exception.type", type);
      }
      if (message != null) {
        event.put("exception.message", message);
        if (firstMessage == null) {
          firstMessage = message;
        }
      }
      if (!exception.stack().isEmpty()) {
        event.put("exception.stacktrace", stackTrace(type, message, exception.stack(), exception.truncated()));
      }
      if (exception.id() != null) {
        event.put("aws.xray.exception.id", exception.id());
      }
      event.put("aws.xray.exception.remote", exception.isRemote());
      event.put("aws.xray.exception.truncated", (long) exception.truncated());
      event.put("aws.xray.exception.skipped", (long) exception.skipped());
      if (exception.cause() != null) {
        event.put("aws.xray.exception.cause", exception.cause());
      }
      if (when > 0) {
        span.addEvent("exception", event.build(), when, TimeUnit.NANOSECONDS);
      } else {
        span.addEvent("exception", event.build());
      }
    }
    return firstMessage;
  }

  /** Formats a stack the way {@link Throwable#printStackTrace()} does (frames as X-Ray keeps them). */
  static String stackTrace(
      @Nullable String type, @Nullable String message, List<RecordedException.StackFrame> stack, int truncated) {
    StringBuilder sb = new StringBuilder();
    sb.append(type == null ? "java.lang.Throwable" : type);
    if (message != null) {
      sb.append(": ").append(message);
    }
    for (RecordedException.StackFrame frame : stack) {
      sb.append("\n\tat ").append(frame);
    }
    if (truncated > 0) {
      sb.append("\n\t... ").append(truncated).append(" more");
    }
    return sb.toString();
  }

  @SuppressWarnings("unchecked")
  @Nullable
  private static Map<String, Object> asMap(@Nullable Object value) {
    return value instanceof Map ? (Map<String, Object>) value : null;
  }

  private static void putString(Span span, String key, @Nullable Object value) {
    if (value != null) {
      span.setAttribute(KEYS.stringKey(key), String.valueOf(value));
    }
  }

  private static void putLong(Span span, String key, @Nullable Object value) {
    if (value instanceof Number) {
      span.setAttribute(KEYS.longKey(key), ((Number) value).longValue());
    } else if (value != null) {
      try {
        span.setAttribute(KEYS.longKey(key), Long.parseLong(String.valueOf(value).trim()));
      } catch (NumberFormatException e) {
        span.setAttribute(KEYS.stringKey(key), String.valueOf(value));
      }
    }
  }

  private static void putScalar(Span span, String key, Object value) {
    putScalar(span, "", key, value);
  }

  /** Sets attribute {@code prefix + name} to {@code value} with the type the value has. */
  private static void putScalar(Span span, String prefix, String name, Object value) {
    if (value instanceof Boolean) {
      span.setAttribute(KEYS.booleanKey(prefix, name), (Boolean) value);
    } else if (isIntegral(value)) {
      span.setAttribute(KEYS.longKey(prefix, name), ((Number) value).longValue());
    } else if (value instanceof Number) {
      span.setAttribute(KEYS.doubleKey(prefix, name), ((Number) value).doubleValue());
    } else {
      span.setAttribute(KEYS.stringKey(prefix, name), String.valueOf(value));
    }
  }
}
