package dev.tracekit.compat.testing;

/**
 * Entry point of the trace-shape assertions.
 *
 * <pre>{@code
 * import static dev.tracekit.compat.testing.TraceShapeAssertions.assertThatShape;
 *
 * assertThatShape(TraceShape.fromOtlpJson(body)).isEquivalentTo(TraceShape.load(baseline));
 * }</pre>
 */
public final class TraceShapeAssertions {
  private TraceShapeAssertions() {}

  /** Starts assertions on a shape. */
  public static TraceShapeAssert assertThatShape(TraceShape actual) {
    return new TraceShapeAssert(actual);
  }
}
