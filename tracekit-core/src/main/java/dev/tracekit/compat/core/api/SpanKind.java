package dev.tracekit.compat.core.api;

/**
 * The role of a span in a trace, as in OpenTelemetry. The number each kind carries in OTLP is
 * {@link #otlpValue()}.
 */
public enum SpanKind {
  /** An operation inside the application (the default). */
  INTERNAL(1),
  /** The server side of a synchronous request, such as an incoming HTTP request. */
  SERVER(2),
  /** The client side of a synchronous request, such as an outgoing HTTP or AWS call. */
  CLIENT(3),
  /** The sender of an asynchronous message. */
  PRODUCER(4),
  /** The receiver of an asynchronous message. */
  CONSUMER(5);

  private final int otlpValue;

  SpanKind(int otlpValue) {
    this.otlpValue = otlpValue;
  }

  /** Returns the enum number OTLP uses for this kind ({@code INTERNAL} is 1). */
  public int otlpValue() {
    return otlpValue;
  }
}
