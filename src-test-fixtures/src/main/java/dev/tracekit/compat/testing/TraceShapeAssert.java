package dev.tracekit.compat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link TraceShape}; start with {@link
 * TraceShapeAssertions#assertThatShape}. On failure the message names the path to the first
 * difference ({@code /checkout/fetch-data[1]/annotations/user_id}), both values, and the two
 * subtrees; the error also carries both shapes as JSON for an IDE diff.
 */
public final class TraceShapeAssert extends AbstractAssert<TraceShapeAssert, TraceShape> {
  /** Lines of each subtree shown in a failure message. */
  private static final int MAX_SUBTREE_LINES = 30;

  TraceShapeAssert(TraceShape actual) {
    super(actual, TraceShapeAssert.class);
  }

  /** Verifies that the actual shape is equivalent to the expected one (rules on {@link TraceShape}). */
  public TraceShapeAssert isEquivalentTo(TraceShape expected) {
    isNotNull();
    ShapeComparator.Difference d =
        ShapeComparator.firstDifference(expected.getRoots(), actual.getRoots());
    if (d != null) {
      String message =
          "Trace shapes are not equivalent; first difference at "
              + (d.path.isEmpty() ? "/" : d.path)
              + "\n  expected: " + d.expected
              + "\n  actual:   " + d.actual
              + "\nExpected subtree:\n"
              + (d.expectedNode == null ? ShapeRenderer.render(expected.getRoots(), MAX_SUBTREE_LINES)
                  : ShapeRenderer.render(d.expectedNode, MAX_SUBTREE_LINES))
              + "Actual subtree:\n"
              + (d.actualNode == null ? ShapeRenderer.render(actual.getRoots(), MAX_SUBTREE_LINES)
                  : ShapeRenderer.render(d.actualNode, MAX_SUBTREE_LINES));
      failWithActualExpectedAndMessage(actual.toJson(), expected.toJson(), "%s", message);
    }
    return this;
  }

  /** Verifies that the actual shape is equivalent to a baseline saved with {@link TraceShape#save}. */
  public TraceShapeAssert isEquivalentToBaseline(Path baseline) {
    try {
      return isEquivalentTo(TraceShape.load(baseline));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read baseline " + baseline, e);
    }
  }
}
