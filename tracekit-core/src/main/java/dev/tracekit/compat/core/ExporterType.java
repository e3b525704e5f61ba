package dev.tracekit.compat.core;

/** Where spans go; set with {@code TRACEKIT_EXPORTER} or {@link TraceKit#withExporter}. */
public enum ExporterType {
  /** OTLP/HTTP (protobuf, or JSON) to the TraceKit endpoint. The default when an API key or endpoint is set. */
  OTLP,
  /** A readable trace tree on standard error. The default when neither is set. */
  CONSOLE,
  /** Nothing is recorded or exported; trace context is still created and propagated. */
  NONE
}
