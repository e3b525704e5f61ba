package dev.tracekit.compat.core.api;

/** The outcome of a span, as in OpenTelemetry. The number OTLP uses is {@link #otlpValue()}. */
public enum StatusCode {
  /** Nothing was said about the outcome (the default). */
  UNSET(0),
  /** The operation was explicitly marked successful. */
  OK(1),
  /** The operation failed. */
  ERROR(2);

  private final int otlpValue;

  StatusCode(int otlpValue) {
    this.otlpValue = otlpValue;
  }

  /** Returns the enum number OTLP uses for this status. */
  public int otlpValue() {
    return otlpValue;
  }
}
