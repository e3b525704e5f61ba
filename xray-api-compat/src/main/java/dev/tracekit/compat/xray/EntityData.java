package dev.tracekit.compat.xray;

import com.amazonaws.xray.entities.Cause;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
public final class EntityData {
  @Nullable private volatile Map<String, Object> http;
  @Nullable private volatile Map<String, Object> aws;
  @Nullable private volatile Map<String, Object> sql;
  @Nullable private volatile Map<String, Object> annotations;
  @Nullable private volatile Map<String, Map<String, Object>> metadata;
  @Nullable private volatile Cause cause;
  @Nullable private volatile Set<String> precursorIds;
  private volatile boolean shared;

  /** Returns the http map, made on first use. */
  public Map<String, Object> http() {
    Map<String, Object> map = http;
    return map != null ? map : makeHttp();
  }

  private synchronized Map<String, Object> makeHttp() {
    if (http == null) {
      http = new SmallConcurrentMap<>();
    }
    return http;
  }

  /** Returns the aws map, made on first use. */
  public Map<String, Object> aws() {
    Map<String, Object> map = aws;
    return map != null ? map : makeAws();
  }

  private synchronized Map<String, Object> makeAws() {
    if (aws == null) {
      aws = new SmallConcurrentMap<>();
    }
    return aws;
  }

  /** Returns the sql map, made on first use. */
  public Map<String, Object> sql() {
    Map<String, Object> map = sql;
    return map != null ? map : makeSql();
  }

  private synchronized Map<String, Object> makeSql() {
    if (sql == null) {
      sql = new SmallConcurrentMap<>();
    }
    return sql;
  }

  /** Returns the annotation map, made on first use. */
  public Map<String, Object> annotations() {
    Map<String, Object> map = annotations;
    return map != null ? map : makeAnnotations();
  }

  private synchronized Map<String, Object> makeAnnotations() {
    if (annotations == null) {
      annotations = new SmallConcurrentMap<>();
    }
    return annotations;
  }

  /** Returns the metadata map (namespace to values), made on first use. */
  public Map<String, Map<String, Object>> metadata() {
    Map<String, Map<String, Object>> map = metadata;
    return map != null ? map : makeMetadata();
  }

  private synchronized Map<String, Map<String, Object>> makeMetadata() {
    if (metadata == null) {
      metadata = new SmallConcurrentMap<>();
    }
    return metadata;
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

  private synchronized Cause makeCause() {
    if (cause == null) {
      cause = new Cause();
    }
    return cause;
  }

  /** Returns the precursor ids (a concurrent set), made on first use. */
  public Set<String> precursorIds() {
    Set<String> value = precursorIds;
    return value != null ? value : makePrecursorIds();
  }

  private synchronized Set<String> makePrecursorIds() {
    if (precursorIds == null) {
      precursorIds = Collections.newSetFromMap(new ConcurrentHashMap<String, Boolean>());
    }
    return precursorIds;
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
    copy.http = copyOf(http);
    copy.aws = copyOf(aws);
    copy.sql = copyOf(sql);
    copy.annotations = copyOf(annotations);
    Map<String, Map<String, Object>> namespaces = metadata;
    if (namespaces != null) {
      Map<String, Map<String, Object>> metadataCopy = new SmallConcurrentMap<>();
      for (Map.Entry<String, Map<String, Object>> namespace : namespaces.entrySet()) {
        Map<String, Object> values = namespace.getValue();
        if (namespace.getKey() != null) {
          metadataCopy.put(namespace.getKey(), values == null ? new SmallConcurrentMap<>() : copyOf(values));
        }
      }
      copy.metadata = metadataCopy;
    }
    copy.cause = cause;
    copy.precursorIds = precursorIds;
    return copy;
  }

  @Nullable
  private static Map<String, Object> copyOf(@Nullable Map<String, Object> map) {
    // A map set by the app may hold null values, which a concurrent map cannot.
    if (map == null) {
      return null;
    }
    Map<String, Object> copy = new SmallConcurrentMap<>();
    for (Map.Entry<String, Object> e : map.entrySet()) {
      if (e.getKey() != null && e.getValue() != null) {
        copy.put(e.getKey(), e.getValue());
      }
    }
    return copy;
  }
}
