package dev.tracekit.compat.core.api;

/** The value types an attribute can have; they match OTLP's {@code AnyValue} kinds. */
public enum AttributeType {
  STRING,
  BOOLEAN,
  LONG,
  DOUBLE,
  STRING_ARRAY,
  BOOLEAN_ARRAY,
  LONG_ARRAY,
  DOUBLE_ARRAY
}
