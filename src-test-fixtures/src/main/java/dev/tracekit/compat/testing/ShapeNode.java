package dev.tracekit.compat.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * One node of a {@link TraceShape}: a segment or subsegment (X-Ray) or a span (OTLP), normalized to
 * X-Ray's vocabulary. Immutable; JSON values are returned as copies.
 *
 * <p>Annotations are typed: {@link String}, {@link Boolean}, {@link Long} or {@link Double}. The
 * http, aws and sql blocks, and each metadata namespace, are JSON trees with X-Ray's field names and
 * object keys in sorted order. Children are in the order described on {@link TraceShape}.
 */
public final class ShapeNode {
  /** The node's role, as a span kind. X-Ray: segment SERVER, namespace aws or remote CLIENT, else INTERNAL. */
  public enum Kind {
    INTERNAL,
    SERVER,
    CLIENT,
    PRODUCER,
    CONSUMER
  }

  final String name;
  final Kind kind;
  @Nullable final String namespace;
  @Nullable final String user;
  @Nullable final String origin;
  final boolean fault;
  final boolean error;
  final boolean throttle;
  final Map<String, Object> annotations;
  final Map<String, JsonNode> metadata;
  @Nullable final ObjectNode http;
  @Nullable final ObjectNode aws;
  @Nullable final ObjectNode sql;
  final List<ExceptionShape> exceptions;
  @Nullable final String traceId;
  @Nullable final String id;
  @Nullable final String parentId;
  @Nullable final Long startMicros;
  @Nullable final Long endMicros;
  final List<ShapeNode> children;

  private ShapeNode(Builder b, List<ShapeNode> children) {
    this.name = b.name;
    this.kind = b.kind;
    this.namespace = b.namespace;
    this.user = b.user;
    this.origin = b.origin;
    this.fault = b.fault;
    this.error = b.error;
    this.throttle = b.throttle;
    Map<String, Object> kept = new TreeMap<>(b.annotations);
    // The X-Ray SDK writes no empty values in its documents; a span keeps an empty attribute.
    kept.values().removeIf(""::equals);
    this.annotations = Collections.unmodifiableMap(kept);
    Map<String, JsonNode> meta = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : b.metadata.entrySet()) {
      meta.put(e.getKey(), ShapeJson.normalize(e.getValue()));
    }
    this.metadata = Collections.unmodifiableMap(meta);
    this.http = emptyToNull(b.http);
    this.aws = emptyToNull(b.aws);
    this.sql = emptyToNull(b.sql);
    this.exceptions = Collections.unmodifiableList(new ArrayList<>(b.exceptions));
    this.traceId = b.traceId;
    this.id = b.id;
    this.parentId = b.parentId;
    this.startMicros = b.startMicros;
    this.endMicros = b.endMicros;
    this.children = Collections.unmodifiableList(children);
  }

  @Nullable
  private static ObjectNode emptyToNull(@Nullable ObjectNode node) {
    return node == null || node.size() == 0 ? null : (ObjectNode) ShapeJson.normalize(node);
  }

  /** The segment, subsegment or span name. */
  public String getName() {
    return name;
  }

  /** The node's kind. */
  public Kind getKind() {
    return kind;
  }

  /** The X-Ray namespace ({@code aws}, {@code remote}), or null. */
  @Nullable
  public String getNamespace() {
    return namespace;
  }

  /** The segment's user ({@code enduser.id}), or null. */
  @Nullable
  public String getUser() {
    return user;
  }

  /** The segment's origin ({@code AWS::EC2::Instance}, …), or null. */
  @Nullable
  public String getOrigin() {
    return origin;
  }

  /** The fault flag (5xx, unhandled exception). */
  public boolean isFault() {
    return fault;
  }

  /** The error flag (4xx). */
  public boolean isError() {
    return error;
  }

  /** The throttle flag (429). */
  public boolean isThrottle() {
    return throttle;
  }

  /** The annotations, sorted by key; values are String, Boolean, Long or Double. */
  public Map<String, Object> getAnnotations() {
    return annotations;
  }

  /** The metadata namespaces, sorted, each a copy of its JSON tree. */
  public Map<String, JsonNode> getMetadata() {
    Map<String, JsonNode> copy = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : metadata.entrySet()) {
      copy.put(e.getKey(), e.getValue().deepCopy());
    }
    return copy;
  }

  /** A copy of the http block ({@code request}, {@code response}), or null. */
  @Nullable
  public ObjectNode getHttp() {
    return http == null ? null : http.deepCopy();
  }

  /** A copy of the aws block ({@code operation}, {@code region}, …), or null. */
  @Nullable
  public ObjectNode getAws() {
    return aws == null ? null : aws.deepCopy();
  }

  /** A copy of the sql block ({@code database_type}, {@code url}, …), or null. */
  @Nullable
  public ObjectNode getSql() {
    return sql == null ? null : sql.deepCopy();
  }

  /** The recorded exceptions, in recording order. */
  public List<ExceptionShape> getExceptions() {
    return exceptions;
  }

  /** The X-Ray trace id ({@code 1-…-…}), or null unless ids are kept. */
  @Nullable
  public String getTraceId() {
    return traceId;
  }

  /** The entity or span id, or null unless ids are kept. */
  @Nullable
  public String getId() {
    return id;
  }

  /** A root's parent id (the caller's), or null unless ids are kept. */
  @Nullable
  public String getParentId() {
    return parentId;
  }

  /** The start time in epoch microseconds, or null unless times are kept. */
  @Nullable
  public Long getStartMicros() {
    return startMicros;
  }

  /** The end time in epoch microseconds, or null unless times are kept (or the node never ended). */
  @Nullable
  public Long getEndMicros() {
    return endMicros;
  }

  /** The children, in shape order. */
  public List<ShapeNode> getChildren() {
    return children;
  }

  /** Returns the first child with this name, or null. */
  @Nullable
  public ShapeNode child(String childName) {
    for (ShapeNode child : children) {
      if (child.name.equals(childName)) {
        return child;
      }
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShapeNode && ShapeComparator.firstDifference(this, (ShapeNode) o) == null;
  }

  @Override
  public int hashCode() {
    int h = name.hashCode() * 31 + kind.hashCode();
    for (ShapeNode child : children) {
      h = h * 31 + child.hashCode();
    }
    return h;
  }

  @Override
  public String toString() {
    return ShapeRenderer.render(this, Integer.MAX_VALUE);
  }

  /** A mutable node while a shape is being assembled; {@link #build} freezes and orders the tree. */
  static final class Builder {
    String name = "";
    Kind kind = Kind.INTERNAL;
    @Nullable String namespace;
    @Nullable String user;
    @Nullable String origin;
    boolean fault;
    boolean error;
    boolean throttle;
    final Map<String, Object> annotations = new TreeMap<>();
    final Map<String, JsonNode> metadata = new TreeMap<>();
    @Nullable ObjectNode http;
    @Nullable ObjectNode aws;
    @Nullable ObjectNode sql;
    final List<ExceptionShape> exceptions = new ArrayList<>();
    @Nullable String traceId;
    @Nullable String id;
    @Nullable String parentId;
    @Nullable Long startMicros;
    @Nullable Long endMicros;
    /** Start time used for ordering siblings; never part of the shape. */
    long orderNanos;
    /** Position in the input, the last tie-breaker before content. */
    long sequence;
    final List<Builder> children = new ArrayList<>();

    ShapeNode build(ShapeOptions options) {
      List<Built> ordered = new ArrayList<>(children.size());
      for (Builder child : children) {
        ordered.add(new Built(child, child.build(options)));
      }
      // Same name and start (siblings begun within one microsecond): content decides, so that
      // input order, which differs between a tree sent whole and one streamed in pieces, does not.
      Collections.sort(
          ordered,
          (a, b) -> {
            int c = a.builder.name.compareTo(b.builder.name);
            if (c == 0) {
              c = Long.compare(a.builder.orderNanos, b.builder.orderNanos);
            }
            if (c == 0) {
              c = a.content().compareTo(b.content());
            }
            return c != 0 ? c : Long.compare(a.builder.sequence, b.builder.sequence);
          });
      List<ShapeNode> built = new ArrayList<>(ordered.size());
      for (Built child : ordered) {
        built.add(child.node);
      }
      if (!options.isKeepIds()) {
        traceId = null;
        id = null;
        parentId = null;
        for (int i = 0; i < exceptions.size(); i++) {
          ExceptionShape e = exceptions.get(i);
          exceptions.set(i, new ExceptionShape(e.getType(), e.getMessage(), e.isRemote(), null));
        }
      }
      if (!options.isKeepTimes()) {
        startMicros = null;
        endMicros = null;
      }
      return new ShapeNode(this, built);
    }

    /** A built child with its builder's ordering fields; its canonical JSON made on demand. */
    private static final class Built {
      final Builder builder;
      final ShapeNode node;
      @Nullable private String content;

      Built(Builder builder, ShapeNode node) {
        this.builder = builder;
        this.node = node;
      }

      String content() {
        if (content == null) {
          content = ShapeJson.compact(ShapeJson.toTree(node));
        }
        return content;
      }
    }

    /** Builds from already-ordered children (when loading a saved shape). */
    ShapeNode buildAsIs(List<ShapeNode> orderedChildren) {
      return new ShapeNode(this, orderedChildren);
    }
  }
}
