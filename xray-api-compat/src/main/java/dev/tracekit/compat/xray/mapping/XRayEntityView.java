package dev.tracekit.compat.xray.mapping;

import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * What the mapping reads of one X-Ray segment or subsegment: the fields of its document, as
 * values (maps of strings, numbers, booleans, lists and maps, as a JSON parser or the X-Ray API
 * holds them). Ids, parents and times are the span's own business, not the view's.
 */
public interface XRayEntityView {
  /** Returns the entity's name. */
  String name();

  /** Returns true for a segment, false for a subsegment. */
  boolean isSegment();

  /** Returns the subsegment's namespace ({@code aws}, {@code remote}, or any other), or null. */
  @Nullable
  String namespace();

  /** Returns the {@code fault} flag. */
  boolean isFault();

  /** Returns the {@code error} flag. */
  boolean isError();

  /** Returns the {@code throttle} flag. */
  boolean isThrottle();

  /** Returns the {@code http} block ({@code request}, {@code response}), or null. */
  @Nullable
  Map<String, ?> http();

  /** Returns the {@code aws} block, or null. */
  @Nullable
  Map<String, ?> aws();

  /** Returns the {@code sql} block, or null. */
  @Nullable
  Map<String, ?> sql();

  /** Returns the annotations, or null. */
  @Nullable
  Map<String, ?> annotations();

  /** Returns the metadata: namespace → its value, or null. */
  @Nullable
  Map<String, ?> metadata();

  /** Returns a metadata namespace's value as JSON text, as the entity's document holds it. */
  String toJson(Object metadataValue);

  /** Returns a segment's {@code user}, or null. */
  @Nullable
  String user();

  /** Returns a segment's {@code origin}, or null. */
  @Nullable
  String origin();

  /** Returns a segment's {@code resource_arn}, or null. */
  @Nullable
  String resourceArn();

  /** Returns the {@code precursor_ids}, or null. */
  @Nullable
  List<String> precursorIds();

  /** Returns the exceptions of the {@code cause}, oldest first; empty when there are none. */
  List<RecordedException> exceptions();

  /** Returns the entity's recorded end in epoch nanoseconds, or 0 when it has none. */
  long endNanosIfRecorded();
}
