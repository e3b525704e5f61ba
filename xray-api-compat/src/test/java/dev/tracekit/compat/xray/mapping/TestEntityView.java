package dev.tracekit.compat.xray.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.trace.CollectingSpanProcessor;
import dev.tracekit.compat.core.trace.DeferredSpan;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.core.trace.SpanLimits;
import dev.tracekit.compat.core.trace.Tracer;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * An X-Ray entity as plain values, for the mapping's tests: what a received document or a live
 * entity shows through {@link XRayEntityView}, with none of the shim's entity classes. {@link
 * #toSpan()} runs it through tracekit-core's real pipeline the way both span sources do (a {@link
 * DeferredSpan} named after the entity, of {@link XRaySpanMapping#kind}, recorded by {@link
 * XRaySpanMapping#apply}) and returns the span a processor received.
 */
final class TestEntityView implements XRayEntityView {
  /** The start of every test span, in epoch nanoseconds; the end is one second later. */
  static final long START_NANOS = 1_700_000_000_000_000_000L;

  static final long END_NANOS = START_NANOS + 1_000_000_000L;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final boolean segment;
  @Nullable private String namespace;
  private boolean fault;
  private boolean error;
  private boolean throttle;
  @Nullable private Map<String, ?> http;
  @Nullable private Map<String, ?> aws;
  @Nullable private Map<String, ?> sql;
  @Nullable private Map<String, ?> annotations;
  @Nullable private Map<String, ?> metadata;
  @Nullable private String user;
  @Nullable private String origin;
  @Nullable private String resourceArn;
  @Nullable private List<String> precursorIds;
  private final List<RecordedException> exceptions = new ArrayList<>();
  private long endNanos = END_NANOS;

  private TestEntityView(String name, boolean segment) {
    this.name = name;
    this.segment = segment;
  }

  static TestEntityView segment(String name) {
    return new TestEntityView(name, true);
  }

  static TestEntityView subsegment(String name) {
    return new TestEntityView(name, false);
  }

  TestEntityView namespace(@Nullable String namespace) {
    this.namespace = namespace;
    return this;
  }

  TestEntityView fault() {
    this.fault = true;
    return this;
  }

  TestEntityView error() {
    this.error = true;
    return this;
  }

  TestEntityView throttle() {
    this.throttle = true;
    return this;
  }

  TestEntityView http(Map<String, ?> http) {
    this.http = http;
    return this;
  }

  TestEntityView aws(Map<String, ?> aws) {
    this.aws = aws;
    return this;
  }

  TestEntityView sql(Map<String, ?> sql) {
    this.sql = sql;
    return this;
  }

  TestEntityView annotations(Map<String, ?> annotations) {
    this.annotations = annotations;
    return this;
  }

  TestEntityView metadata(Map<String, ?> metadata) {
    this.metadata = metadata;
    return this;
  }

  TestEntityView user(String user) {
    this.user = user;
    return this;
  }

  TestEntityView origin(String origin) {
    this.origin = origin;
    return this;
  }

  TestEntityView resourceArn(String resourceArn) {
    this.resourceArn = resourceArn;
    return this;
  }

  TestEntityView precursorIds(String... ids) {
    this.precursorIds = Arrays.asList(ids);
    return this;
  }

  TestEntityView exception(RecordedException exception) {
    exceptions.add(exception);
    return this;
  }

  /** Sets the recorded end; 0 for an entity whose end was not recorded. */
  TestEntityView endNanos(long endNanos) {
    this.endNanos = endNanos;
    return this;
  }

  /** Returns a map of the keys and values given in turn, in that order; values may be null. */
  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** Returns the span the pipeline exports for this entity, with the default span limits. */
  SpanData toSpan() {
    return toSpan(SpanLimits.getDefault());
  }

  /** Returns the span the pipeline exports for this entity under {@code limits}. */
  SpanData toSpan(SpanLimits limits) {
    CollectingSpanProcessor processor = new CollectingSpanProcessor();
    Tracer tracer = Tracer.builder().setSpanProcessor(processor).setSpanLimits(limits).build();
    new MappedSpan(tracer, this).end();
    return processor.onlySpan();
  }

  /** Returns the names of the span's attributes, whatever their types. */
  static Set<String> attributeNames(SpanData span) {
    Set<String> names = new LinkedHashSet<>();
    span.forEachAttribute((key, value) -> names.add(key.getKey()));
    return names;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isSegment() {
    return segment;
  }

  @Nullable
  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public boolean isFault() {
    return fault;
  }

  @Override
  public boolean isError() {
    return error;
  }

  @Override
  public boolean isThrottle() {
    return throttle;
  }

  @Nullable
  @Override
  public Map<String, ?> http() {
    return http;
  }

  @Nullable
  @Override
  public Map<String, ?> aws() {
    return aws;
  }

  @Nullable
  @Override
  public Map<String, ?> sql() {
    return sql;
  }

  @Nullable
  @Override
  public Map<String, ?> annotations() {
    return annotations;
  }

  @Nullable
  @Override
  public Map<String, ?> metadata() {
    return metadata;
  }

  @Override
  public String toJson(Object metadataValue) {
    try {
      return JSON.writeValueAsString(metadataValue);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Nullable
  @Override
  public String user() {
    return user;
  }

  @Nullable
  @Override
  public String origin() {
    return origin;
  }

  @Nullable
  @Override
  public String resourceArn() {
    return resourceArn;
  }

  @Nullable
  @Override
  public List<String> precursorIds() {
    return precursorIds;
  }

  @Override
  public List<RecordedException> exceptions() {
    return Collections.unmodifiableList(exceptions);
  }

  @Override
  public long endNanosIfRecorded() {
    return endNanos;
  }

  /** The span of a view, as the shim's and the bridge's spans are made: deferred, then mapped. */
  private static final class MappedSpan extends DeferredSpan {
    private final TestEntityView view;

    MappedSpan(Tracer tracer, TestEntityView view) {
      super(tracer);
      this.view = view;
    }

    @Override
    protected String spanName() {
      return view.name();
    }

    @Override
    protected SpanKind spanKind() {
      return XRaySpanMapping.kind(view.isSegment(), view.namespace());
    }

    @Override
    protected SpanContext parentContext() {
      return SpanContext.invalid();
    }

    @Override
    protected long rootTraceIdHigh() {
      return 0x5759e988bd862e3fL;
    }

    @Override
    protected long rootTraceIdLow() {
      return 0xe1be46a994272793L;
    }

    @Override
    protected long spanIdValue() {
      return 0x53995c3f42cd8ad8L;
    }

    @Override
    protected long startNanos() {
      return START_NANOS;
    }

    @Override
    protected long endNanos() {
      return view.endNanosIfRecorded() > 0 ? view.endNanosIfRecorded() : END_NANOS;
    }

    @Override
    protected void record(Span span) {
      XRaySpanMapping.apply(view, span);
    }
  }
}
