package dev.tracekit.compat.core.export;

import dev.tracekit.compat.core.api.AttributeType;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.internal.Version;
import dev.tracekit.compat.core.trace.Resource;
import dev.tracekit.compat.core.trace.SpanData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the OTLP request holds, whatever its encoding: spans grouped by resource, all under one
 * instrumentation scope, each span's {@code flags}, the element type of array attributes. Both
 * marshalers ({@link OtlpJsonMarshaler}, {@link OtlpProtoMarshaler}) take these rules from here.
 */
final class OtlpSpans {
  /** The instrumentation scope every span is reported under. */
  static final String SCOPE_NAME = "dev.tracekit.compat";

  /** The scope's version: this library's. */
  static final String SCOPE_VERSION = Version.get();

  /** Sampled bit of the W3C trace flags, written as the span's {@code flags}. */
  private static final int SAMPLED_FLAG = 0x01;

  private OtlpSpans() {}

  /** Returns the span's OTLP {@code flags}: the sampled bit of its context. */
  static int flags(SpanContext context) {
    return context.isSampled() ? SAMPLED_FLAG : 0;
  }

  /**
   * Returns the type of the elements of an array attribute type: an OTLP {@code ArrayValue} holds
   * one {@code AnyValue} of that type per element.
   *
   * @throws IllegalArgumentException when {@code arrayType} is not an array type
   */
  static AttributeType elementType(AttributeType arrayType) {
    switch (arrayType) {
      case STRING_ARRAY:
        return AttributeType.STRING;
      case BOOLEAN_ARRAY:
        return AttributeType.BOOLEAN;
      case LONG_ARRAY:
        return AttributeType.LONG;
      case DOUBLE_ARRAY:
        return AttributeType.DOUBLE;
      default:
        throw new IllegalArgumentException("Not an array attribute type: " + arrayType);
    }
  }

  /** Returns {@code spans} grouped by resource, resources and spans in their first-seen order. */
  static Map<Resource, List<SpanData>> groupByResource(List<SpanData> spans) {
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
}
