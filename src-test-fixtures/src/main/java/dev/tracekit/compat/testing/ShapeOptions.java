package dev.tracekit.compat.testing;

/**
 * What a {@link TraceShape} keeps besides its default content. By default a shape leaves out
 * everything that differs from run to run: the trace id, entity/span ids, exception ids and times.
 * {@link #keepIds()} and {@link #keepTimes()} keep them, so that two shapes are then equivalent only
 * when those match too. Immutable.
 *
 * <pre>{@code
 * TraceShape shape = TraceShape.fromXRayDocuments(documents, ShapeOptions.defaults().withIds());
 * }</pre>
 */
public final class ShapeOptions {
  private static final ShapeOptions DEFAULTS = new ShapeOptions(false, false);

  private final boolean ids;
  private final boolean times;

  private ShapeOptions(boolean ids, boolean times) {
    this.ids = ids;
    this.times = times;
  }

  /** Returns the default options: no ids, no times. */
  public static ShapeOptions defaults() {
    return DEFAULTS;
  }

  /** Returns options that keep ids (trace id, entity/span ids, root parent ids, exception ids). */
  public static ShapeOptions keepIds() {
    return DEFAULTS.withIds();
  }

  /** Returns options that keep start and end times (epoch microseconds). */
  public static ShapeOptions keepTimes() {
    return DEFAULTS.withTimes();
  }

  /** Returns a copy of these options that keeps ids. */
  public ShapeOptions withIds() {
    return new ShapeOptions(true, times);
  }

  /** Returns a copy of these options that keeps times. */
  public ShapeOptions withTimes() {
    return new ShapeOptions(ids, true);
  }

  /** True when ids are kept. */
  public boolean isKeepIds() {
    return ids;
  }

  /** True when times are kept. */
  public boolean isKeepTimes() {
    return times;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShapeOptions && ((ShapeOptions) o).ids == ids && ((ShapeOptions) o).times == times;
  }

  @Override
  public int hashCode() {
    return (ids ? 2 : 0) + (times ? 1 : 0);
  }

  @Override
  public String toString() {
    return "ShapeOptions{keepIds=" + ids + ", keepTimes=" + times + "}";
  }
}
