package dev.tracekit.compat.testing;

import com.amazonaws.xray.entities.Entity;
import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The normalized, comparable shape of a trace: a forest with one root {@link ShapeNode} per segment
 * (or root span) that has no parent among the inputs. Built from either side of a migration — X-Ray
 * segment documents or OTLP spans — so that the same code run on the real X-Ray SDK and on the
 * TraceKit shim can be compared with {@link TraceShapeAssertions#assertThatShape}. Immutable.
 *
 * <h2>What a shape keeps</h2>
 *
 * Names; structure; kind (X-Ray: segment SERVER, namespace {@code aws}/{@code remote} CLIENT, else
 * INTERNAL; OTLP: the span kind) and namespace ({@code aws.xray.namespace}); annotations, typed
 * (OTLP: the attributes named in {@code aws.xray.annotations}); metadata namespaces as JSON (OTLP:
 * {@code aws.xray.metadata.<ns>} parsed); {@code http} request method/url/client_ip/user_agent/
 * x_forwarded_for and response status/content_length; {@code aws} scalar and list fields; {@code
 * sql} database_type (lower case), url (credentials stripped), sanitized_query and user; user;
 * origin; the fault/error/throttle flags; exceptions (type, message, remote) in order.
 *
 * <h2>What it ignores</h2>
 *
 * Times and random ids (trace id, entity/span ids, a root's parent id, exception ids) unless kept
 * with {@link ShapeOptions}; stack frames; {@code aws.xray} (SDK info), {@code service} (runtime),
 * plugin maps inside {@code aws} (ec2, ecs, …), {@code cause.working_directory}/{@code paths};
 * {@code in_progress}, {@code precursor_ids}; a string {@code cause} (it only refers to an exception
 * a child recorded); segments the X-Ray service inferred ({@code inferred: true}); OTLP resource and
 * scope; attributes outside the mapping.
 *
 * <h2>Equivalence</h2>
 *
 * Two shapes are equivalent when their roots pair up, and each pair has equal kept fields and
 * equivalent children. Siblings (and roots) are ordered by name, then start time, then content (for
 * siblings begun within the same microsecond), then input order, so the order in which children were
 * added or exported does not matter; siblings with the same name pair up in start order. Numbers compare by value across integer and floating types (X-Ray
 * JSON writes {@code 5.0f} and {@code 5L} alike), strings and booleans by type and value. JSON object
 * key order does not matter; array order does. Stand-alone subsegment documents ({@code type:
 * subsegment}, {@code parent_id}) are re-attached under their parent, so a segment the X-Ray SDK
 * streamed in pieces equals the same segment sent whole; an in-progress document is replaced by the
 * complete one with the same id.
 *
 * <p>{@link #equals} is this equivalence.
 *
 * <h2>Deliberate differences between the real X-Ray SDK and the shim that these rules absorb</h2>
 *
 * <ul>
 *   <li>No streaming split: the real SDK sends a segment with many subsegments (past its streaming
 *       threshold) or with a subsegment that ends late in several documents; the shim exports one
 *       span per entity. Re-attaching stand-alone subsegments makes both one tree.
 *   <li>Empty annotations: the X-Ray SDK's Jackson writes only non-empty values, so an annotation
 *       set to {@code ""} is missing from its document (and from the shim's), while the shim's span
 *       keeps the attribute; a shape leaves out empty-string annotations from every source. (Empty
 *       metadata lists and maps are dropped by both sides' document writers alike.)
 *   <li>Subsegments that end after their segment: the real SDK sends the segment once its last
 *       subsegment ends (with that subsegment inside), the shim exports each span when its entity
 *       ends; both give the same tree.
 *   <li>Number types: X-Ray JSON does not say int, long, float or double; numbers compare by value.
 *   <li>Times and ids are random per run, so they are left out by default.
 * </ul>
 *
 * {@code java.time} metadata: with jackson-datatype-jsr310 on its class path the real SDK registers
 * it and writes dates as numbers or arrays ({@code Instant} as epoch seconds, {@code LocalDate} as
 * {@code [y,m,d]}, {@code Duration} as seconds), exactly as the shim does, and shapes compare.
 *
 * <p>Not absorbed: a metadata value the X-Ray SDK's Jackson cannot write (a {@code java.time} value
 * without the JSR-310 module on the class path) makes the real SDK write no document at all, while
 * the shim writes the value (as ISO-8601 text); there is nothing to compare on the real side, so keep
 * such values out of a regression scenario, put jackson-datatype-jsr310 on the real side's class
 * path, or compare shim shapes only.
 */
public final class TraceShape {
  private final List<ShapeNode> roots;

  private TraceShape(List<ShapeNode> roots) {
    this.roots = Collections.unmodifiableList(roots);
  }

  /** Builds a shape from X-Ray segment documents, whole or streamed subsegments, in any order. */
  public static TraceShape fromXRayDocuments(Iterable<String> documents) {
    return fromXRayDocuments(documents, ShapeOptions.defaults());
  }

  /**
   * Builds a shape from X-Ray segment documents ({@link Entity#serialize()}, or what a daemon
   * receives, with or without its {@code {"format":"json","version":1}} header line).
   *
   * @throws IllegalArgumentException if a document is not a JSON object
   */
  public static TraceShape fromXRayDocuments(Iterable<String> documents, ShapeOptions options) {
    XRayDocuments parsed = new XRayDocuments();
    for (String document : documents) {
      parsed.add(document);
    }
    return build(parsed.roots(), options);
  }

  /** Builds a shape from X-Ray segment documents. */
  public static TraceShape fromXRayDocuments(String... documents) {
    return fromXRayDocuments(Arrays.asList(documents));
  }

  /** Builds a shape from an entity's document ({@link Entity#serialize()}); works with either X-Ray jar. */
  public static TraceShape fromEntity(Entity entity) {
    return fromEntity(entity, ShapeOptions.defaults());
  }

  /** Builds a shape from an entity's document, with options. */
  public static TraceShape fromEntity(Entity entity, ShapeOptions options) {
    return fromXRayDocuments(Collections.singletonList(entity.serialize()), options);
  }

  /**
   * Builds a shape from an X-Ray {@code BatchGetTraces} response saved as JSON: every {@code
   * Traces[].Segments[].Document} (a JSON string, or an object). All traces go into one forest.
   *
   * @throws IllegalArgumentException if the text is not such a response
   */
  public static TraceShape fromBatchGetTraces(String responseJson) {
    return fromBatchGetTraces(responseJson, ShapeOptions.defaults());
  }

  /** Builds a shape from a saved {@code BatchGetTraces} response, with options. */
  public static TraceShape fromBatchGetTraces(String responseJson, ShapeOptions options) {
    JsonNode response = ShapeJson.parse(responseJson, "BatchGetTraces response");
    if (!response.path("Traces").isArray()) {
      throw new IllegalArgumentException("Not a BatchGetTraces response: no \"Traces\" array");
    }
    XRayDocuments parsed = new XRayDocuments();
    for (JsonNode trace : response.get("Traces")) {
      for (JsonNode segment : trace.path("Segments")) {
        JsonNode document = segment.path("Document");
        if (document.isTextual()) {
          parsed.add(document.textValue());
        } else if (document.isObject()) {
          parsed.add(document);
        } else {
          throw new IllegalArgumentException("A segment of trace " + trace.path("Id") + " has no Document");
        }
      }
    }
    return build(parsed.roots(), options);
  }

  /** Builds a shape from OTLP spans (of one or several traces), in any order. */
  public static TraceShape fromOtlpSpans(Iterable<Span> spans) {
    return fromOtlpSpans(spans, ShapeOptions.defaults());
  }

  /** Builds a shape from OTLP spans, with options. */
  public static TraceShape fromOtlpSpans(Iterable<Span> spans, ShapeOptions options) {
    return build(OtlpSpans.roots(spans), options);
  }

  /** Builds a shape from every span of OTLP export requests (resource and scope are not part of it). */
  public static TraceShape fromOtlp(ExportTraceServiceRequest... requests) {
    return fromOtlp(Arrays.asList(requests), ShapeOptions.defaults());
  }

  /** Builds a shape from every span of OTLP export requests, with options. */
  public static TraceShape fromOtlp(Iterable<ExportTraceServiceRequest> requests, ShapeOptions options) {
    List<Span> spans = new ArrayList<>();
    for (ExportTraceServiceRequest request : requests) {
      spans.addAll(OtlpSpans.spans(request));
    }
    return fromOtlpSpans(spans, options);
  }

  /**
   * Builds a shape from OTLP/HTTP JSON bodies ({@code ExportTraceServiceRequest}, hex ids as OTLP
   * JSON has them).
   *
   * @throws IllegalArgumentException if a body is not OTLP JSON
   */
  public static TraceShape fromOtlpJson(String... requestBodies) {
    return fromOtlpJson(Arrays.asList(requestBodies), ShapeOptions.defaults());
  }

  /** Builds a shape from OTLP/HTTP JSON bodies, with options. */
  public static TraceShape fromOtlpJson(Iterable<String> requestBodies, ShapeOptions options) {
    List<ExportTraceServiceRequest> requests = new ArrayList<>();
    for (String body : requestBodies) {
      requests.add(OtlpSpans.parseJson(body));
    }
    return fromOtlp(requests, options);
  }

  /**
   * Reads a shape written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException if the text is not a saved shape
   */
  public static TraceShape fromJson(String json) {
    return new TraceShape(ShapeJson.read(json));
  }

  /** Reads a shape saved with {@link #save(Path)} (UTF-8). */
  public static TraceShape load(Path file) throws IOException {
    return fromJson(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
  }

  private static TraceShape build(List<ShapeNode.Builder> roots, ShapeOptions options) {
    ShapeNode.Builder forest = new ShapeNode.Builder();
    forest.children.addAll(roots);
    return new TraceShape(new ArrayList<>(forest.build(options).children));
  }

  /** The root nodes, in shape order. */
  public List<ShapeNode> getRoots() {
    return roots;
  }

  /** Returns the first root with this name. */
  public ShapeNode root(String name) {
    for (ShapeNode root : roots) {
      if (root.getName().equals(name)) {
        return root;
      }
    }
    throw new IllegalArgumentException("No root named \"" + name + "\" in " + this);
  }

  /** The shape as pretty JSON: stable field order, {@code \n} line ends; {@link #fromJson} reads it back. */
  public String toJson() {
    return ShapeJson.write(roots);
  }

  /** Writes {@link #toJson()} to a file (UTF-8), creating parent directories, e.g. a committed baseline. */
  public void save(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(file, toJson().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TraceShape
        && ShapeComparator.firstDifference(((TraceShape) o).roots, roots) == null;
  }

  @Override
  public int hashCode() {
    return roots.hashCode();
  }

  /** An indented rendering of the tree. */
  @Override
  public String toString() {
    return ShapeRenderer.render(roots, Integer.MAX_VALUE);
  }
}
