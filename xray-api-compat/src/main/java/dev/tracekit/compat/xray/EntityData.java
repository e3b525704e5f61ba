package dev.tracekit.compat.xray;

import com.amazonaws.xray.entities.Cause;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import javax.annotation.Nullable;

/**
 * The collections of an X-Ray entity: its http, aws, sql, annotation and metadata maps, its cause
 * and its precursor ids, each made on first use, so that an entity pays only for what it holds. The
 * maps are {@link SmallConcurrentMap}s: thread-safe like the X-Ray SDK's {@code ConcurrentHashMap}s,
 * for a fraction of their size.
 *
 * <p>When the entity ends, its span takes these maps as they are ({@link #share()}) and reads them
 * later, on the exporter's thread; the entity changes a copy from then on ({@link #copy()}), so the
 * span never sees a change made after the end. Not part of the X-Ray API. Thread-safe.
 */
@SuppressWarnings("rawtypes")
public final class EntityData {
  // Each collection is made on first use by compare-and-set: no lock on the app's path.
  private static final AtomicReferenceFieldUpdater<EntityData, Map> HTTP =
      AtomicReferenceFieldUpdater.newUpdater(EntityData.class, Map.class, "http");
  private static final AtomicReferenceFieldUpdater<EntityData, Map> AWS =
      AtomicReferenceFieldUpdater.newUpdater(EntityData.class, Map.class, "aws");
  private static final AtomicReferenceFieldUpdater<EntityData, Map> SQL =
      AtomicReferenceFieldUpdater.newUpdater(EntityData.class, Map.class, "sql");
  private static final AtomicReferenceFieldUpdater<EntityData, Map> ANNOTATIONS =
      AtomicReferenceFieldUpdater.newUpdater(EntityData.class, Map.class, "annotations");
  private static final AtomicReferenceFieldUpdater<EntityData, Map> METADATA =
      AtomicReferenceFieldUpdater.newUpdater(EntityData.class, Map.class, "metadata");
  private static final AtomicReferenceFieldUpdater<EntityData, Cause> CAUSE =
      AtomicReferenceFieldUpdater.newUpdater(EntityData.class, Cause.class, "cause");
  private static final AtomicReferenceFieldUpdater<EntityData, Set> PRECURSOR_IDS =
      AtomicReferenceFieldUpdater.newUpdater(EntityData.class, Set.class, "precursorIds");

  @Nullable private volatile Map<String, Object> http;
  @Nullable private volatile Map<String, Object> aws;
  @Nullable private volatile Map<String, Object> sql;
  @Nullable private volatile Map<String, Object> annotations;
  @Nullable private volatile Map<String, Map<String, Object>> metadata;
  @Nullable private volatile Cause cause;
  @Nullable private volatile Set<String> precursorIds;
  private volatile boolean shared;

  /**
   * Returns a new empty map of the kind entities hold: thread-safe, small. Not part of the X-Ray
   * API.
   */
  public static Map<String, Object> newMap() {
    return new SmallConcurrentMap<>();
  }

  /**
   * Returns a new map of the kind entities hold, with the non-null entries of {@code map}; a copy of
   * such a map shares its entries until either changes, which makes copying a recorder's runtime
   * context into each segment free. Not part of the X-Ray API.
   */
  public static Map<String, Object> copyOf(Map<String, Object> map) {
    return SmallConcurrentMap.copyOf(map);
  }

  /** Returns the http map, made on first use. */
  public Map<String, Object> http() {
    Map<String, Object> map = http;
    return map != null ? map : makeHttp();
  }

  private Map<String, Object> makeHttp() {
    Map<String, Object> made = new SmallConcurrentMap<>();
    return HTTP.compareAndSet(this, null, made) ? made : http;
  }

  /** Returns the aws map, made on first use. */
  public Map<String, Object> aws() {
    Map<String, Object> map = aws;
    return map != null ? map : makeAws();
  }

  private Map<String, Object> makeAws() {
    Map<String, Object> made = new SmallConcurrentMap<>();
    return AWS.compareAndSet(this, null, made) ? made : aws;
  }

  /** Returns the sql map, made on first use. */
  public Map<String, Object> sql() {
    Map<String, Object> map = sql;
    return map != null ? map : makeSql();
  }

  private Map<String, Object> makeSql() {
    Map<String, Object> made = new SmallConcurrentMap<>();
    return SQL.compareAndSet(this, null, made) ? made : sql;
  }

  /** Returns the annotation map, made on first use. */
  public Map<String, Object> annotations() {
    Map<String, Object> map = annotations;
    return map != null ? map : makeAnnotations();
  }

  private Map<String, Object> makeAnnotations() {
    Map<String, Object> made = new SmallConcurrentMap<>();
    return ANNOTATIONS.compareAndSet(this, null, made) ? made : annotations;
  }

  /** Returns the metadata map (namespace to values), made on first use. */
  public Map<String, Map<String, Object>> metadata() {
    Map<String, Map<String, Object>> map = metadata;
    return map != null ? map : makeMetadata();
  }

  private Map<String, Map<String, Object>> makeMetadata() {
    Map<String, Map<String, Object>> made = new SmallConcurrentMap<>();
    return METADATA.compareAndSet(this, null, made) ? made : metadata;
  }

  /** Returns the values of metadata {@code namespace}, made on first use. */
  public Map<String, Object> metadata(String namespace) {
    return metadata().computeIfAbsent(namespace, ns -> new SmallConcurrentMap<>());
  }

  /** Returns the cause, made on first use. */
  public Cause cause() {
    Cause value = cause;
    return value != null ? value : makeCause();
  }

  private Cause makeCause() {
    Cause made = new Cause();
    return CAUSE.compareAndSet(this, null, made) ? made : cause;
  }

  /** Returns the precursor ids (a concurrent set), made on first use. */
  public Set<String> precursorIds() {
    Set<String> value = precursorIds;
    return value != null ? value : makePrecursorIds();
  }

  private Set<String> makePrecursorIds() {
    Set<String> made = Collections.newSetFromMap(new ConcurrentHashMap<String, Boolean>());
    return PRECURSOR_IDS.compareAndSet(this, null, made) ? made : precursorIds;
  }

  /** Replaces the http map. */
  public void setHttp(Map<String, Object> http) {
    this.http = http;
  }

  /** Replaces the aws map. */
  public void setAws(Map<String, Object> aws) {
    this.aws = aws;
  }

  /** Replaces the sql map. */
  public void setSql(Map<String, Object> sql) {
    this.sql = sql;
  }

  /** Replaces the annotation map. */
  public void setAnnotations(Map<String, Object> annotations) {
    this.annotations = annotations;
  }

  /** Replaces the metadata map. */
  public void setMetadata(Map<String, Map<String, Object>> metadata) {
    this.metadata = metadata;
  }

  /** Replaces the precursor ids. */
  public void setPrecursorIds(Set<String> precursorIds) {
    this.precursorIds = precursorIds;
  }

  // --- what the span reads: nothing is made ---

  @Nullable
  Map<String, Object> peekHttp() {
    return http;
  }

  @Nullable
  Map<String, Object> peekAws() {
    return aws;
  }

  @Nullable
  Map<String, Object> peekSql() {
    return sql;
  }

  @Nullable
  Map<String, Object> peekAnnotations() {
    return annotations;
  }

  @Nullable
  Map<String, Map<String, Object>> peekMetadata() {
    return metadata;
  }

  /** Returns the cause, or null when none was made. */
  @Nullable
  public Cause peekCause() {
    return cause;
  }

  @Nullable
  Set<String> peekPrecursorIds() {
    return precursorIds;
  }

  // --- sharing with the span ---

  /** Marks these maps as read by the span of the ended entity: the entity must change a copy. */
  void share() {
    shared = true;
  }

  /** Returns true once the span reads these maps; see {@link #copy()}. */
  public boolean isShared() {
    return shared;
  }

  /**
   * Returns a copy for the entity to change from now on: new maps with the same entries (metadata
   * namespaces copied too), the same cause and precursor ids (which the span copied when it took
   * the maps).
   */
  public EntityData copy() {
    EntityData copy = new EntityData();
    copy.http = copyOrNull(http);
    copy.aws = copyOrNull(aws);
    copy.sql = copyOrNull(sql);
    copy.annotations = copyOrNull(annotations);
    Map<String, Map<String, Object>> namespaces = metadata;
    if (namespaces != null) {
      Map<String, Map<String, Object>> metadataCopy = new SmallConcurrentMap<>();
      for (Map.Entry<String, Map<String, Object>> namespace : namespaces.entrySet()) {
        Map<String, Object> values = namespace.getValue();
        if (namespace.getKey() != null) {
          metadataCopy.put(namespace.getKey(), values == null ? new SmallConcurrentMap<>() : SmallConcurrentMap.copyOf(values));
        }
      }
      copy.metadata = metadataCopy;
    }
    copy.cause = cause;
    copy.precursorIds = precursorIds;
    return copy;
  }

  @Nullable
  private static Map<String, Object> copyOrNull(@Nullable Map<String, Object> map) {
    return map == null ? null : SmallConcurrentMap.copyOf(map);
  }
}
