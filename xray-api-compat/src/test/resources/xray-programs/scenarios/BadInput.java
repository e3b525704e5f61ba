package scenarios;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.TraceHeader;
import com.amazonaws.xray.strategy.ContextMissingStrategy;
import com.amazonaws.xray.strategy.LogErrorContextMissingStrategy;
import com.amazonaws.xray.strategy.RuntimeErrorContextMissingStrategy;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * Feeds a recorder bad input (bad names, annotation keys and values, metadata Jackson cannot
 * write, malformed trace headers; lifecycle misuse is in {@link Misuse}) and reports what
 * the app saw (return values, exceptions) and what a custom emitter received, as plain maps and
 * lists. Compiled against the real X-Ray SDK; run on the real SDK and on the shim.
 */
public final class BadInput {
  private BadInput() {}

  /** A bean whose only property refers to itself. */
  public static final class SelfReferencing {
    public final SelfReferencing self = this;
    public final String name = "loop";

    @Override
    public String toString() {
      return "SelfReferencing(loop)";
    }
  }

  /** A bean with one property that reads fine and one whose getter throws. */
  public static final class ThrowingGetter {
    public String getFine() {
      return "fine";
    }

    public String getBroken() {
      throw new IllegalStateException("getter failed");
    }

    @Override
    public String toString() {
      return "ThrowingGetter(fine)";
    }
  }

  /** A bean without properties: Jackson writes it as an empty object. */
  public static final class NoProperties {
    @Override
    public String toString() {
      return "NoProperties()";
    }
  }

  /** What {@link #metadata} puts under {@code bad.value}. */
  public static Object badMetadata(String kind) {
    if ("selfReferencingBean".equals(kind)) {
      return new SelfReferencing();
    }
    if ("throwingGetter".equals(kind)) {
      return new ThrowingGetter();
    }
    if ("noProperties".equals(kind)) {
      return new NoProperties();
    }
    if ("cyclicMap".equals(kind)) {
      Map<String, Object> outer = new HashMap<>();
      Map<String, Object> inner = new HashMap<>();
      outer.put("inner", inner);
      inner.put("outer", outer);
      return outer;
    }
    if ("huge".equals(kind)) {
      char[] chars = new char[1_200_000];
      Arrays.fill(chars, 'x');
      return new String(chars);
    }
    throw new IllegalArgumentException(kind);
  }

  /** {@code beginSegment(name)}, then the app carries on with another segment. */
  public static Map<String, Object> segmentName(String name) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> documents = new ArrayList<>();
    AWSXRayRecorder recorder = recorder(null, documents);
    out.put("beginSegment", outcome(() -> recorder.beginSegment(name)));
    if (recorder.getTraceEntity() != null) {
      out.put("beginSubsegment", outcome(() -> recorder.beginSubsegment(name)));
      recorder.endSubsegment();
      recorder.endSegment();
    }
    recorder.clearTraceEntity();
    recorder.beginSegment("next");
    recorder.beginSubsegment("next-child");
    recorder.endSubsegment();
    recorder.endSegment();
    recorder.clearTraceEntity();
    out.put("documents", documents);
    return out;
  }

  /** {@code beginSubsegment(name)} between two well-named siblings. */
  public static Map<String, Object> subsegmentName(String name) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> documents = new ArrayList<>();
    AWSXRayRecorder recorder = recorder(null, documents);
    recorder.beginSegment("parent");
    recorder.beginSubsegment("before");
    recorder.endSubsegment();
    out.put("beginSubsegment", outcome(() -> recorder.beginSubsegment(name)));
    out.put("current", describe(recorder.getTraceEntity()));
    if (recorder.getTraceEntity() instanceof Subsegment) {
      recorder.endSubsegment();
    }
    recorder.beginSubsegment("after");
    recorder.endSubsegment();
    recorder.endSegment();
    recorder.clearTraceEntity();
    out.put("documents", documents);
    return out;
  }

  /**
   * Annotations with keys X-Ray does not index and values of types it does not take, between good
   * ones, on a segment with a subsegment.
   */
  public static Map<String, Object> annotations() {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> documents = new ArrayList<>();
    AWSXRayRecorder recorder = recorder(null, documents);
    Segment segment = recorder.beginSegment("annotated");
    segment.putAnnotation("good_key", "kept");
    for (String key : badAnnotationKeys()) {
      out.put("putAnnotation " + key, outcome(() -> {
        segment.putAnnotation(key, "v");
        return null;
      }));
    }
    out.put("putAnnotation null key", outcome(() -> {
      segment.putAnnotation(null, "v");
      return null;
    }));
    out.put("putAnnotation null value", outcome(() -> {
      segment.putAnnotation("null_value", (String) null);
      return null;
    }));
    segment.putAnnotation("not_a_number", Double.NaN);
    segment.putAnnotation("infinite", Double.POSITIVE_INFINITY);
    segment.putAnnotation("beyond_double", new BigDecimal("1e400"));
    segment.putAnnotation("beyond_long", new BigInteger("123456789012345678901234567890"));
    out.put("getAnnotations().put list", outcome(() ->
        segment.getAnnotations().put("a_list", Arrays.asList(1, 2))));
    out.put("getAnnotations().put bean", outcome(() ->
        segment.getAnnotations().put("a_bean", new NoProperties())));
    out.put("getAnnotations().put map", outcome(() ->
        segment.getAnnotations().put("a_map", java.util.Collections.singletonMap("k", "v"))));
    segment.putAnnotation("last_good", 7);
    Subsegment sibling = recorder.beginSubsegment("sibling");
    sibling.putAnnotation("sibling_key", true);
    recorder.endSubsegment();
    segment.putHttp("response", java.util.Collections.singletonMap("status", 503));
    segment.setFault(true);
    Map<String, String> annotations = new TreeMap<>();
    for (Map.Entry<String, Object> e : segment.getAnnotations().entrySet()) {
      annotations.put(e.getKey(), e.getValue().getClass().getSimpleName() + " " + e.getValue());
    }
    out.put("getAnnotations", annotations);
    recorder.endSegment();
    recorder.clearTraceEntity();
    out.put("documents", documents);
    return out;
  }

  /** A segment with {@code count} annotations, an HTTP response and the fault flag. */
  public static Map<String, Object> manyAnnotations(int count) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> documents = new ArrayList<>();
    AWSXRayRecorder recorder = recorder(null, documents);
    Segment segment = recorder.beginSegment("crowded");
    for (int i = 0; i < count; i++) {
      segment.putAnnotation("key_" + i, i);
    }
    segment.putMetadata("app", "note", "kept");
    segment.putHttp("response", java.util.Collections.singletonMap("status", 500));
    segment.setFault(true);
    out.put("annotations", segment.getAnnotations().size());
    recorder.endSegment();
    recorder.clearTraceEntity();
    out.put("documents", documents);
    return out;
  }

  /** The annotation keys outside X-Ray's letters, digits and underscore. */
  public static List<String> badAnnotationKeys() {
    return Arrays.asList(
        "dotted.key", "with space", "dash-key", "\u043a\u043b\u044e\u0447", "", "emoji\ud83d\ude00",
        "http.request.method", "aws.xray.fault", "aws.xray.annotations");
  }

  /**
   * A segment with good metadata and one value of {@code kind} (see {@link #badMetadata}), and a
   * sibling subsegment: what {@code serialize()} returns before the end, and what the emitter gets.
   */
  public static Map<String, Object> metadata(String kind) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> documents = new ArrayList<>();
    AWSXRayRecorder recorder = recorder(null, documents);
    Segment segment = recorder.beginSegment("described");
    segment.putMetadata("before", "ok");
    segment.putMetadata("bad", "good", 1);
    out.put("putMetadata", outcome(() -> {
      segment.putMetadata("bad", "value", badMetadata(kind));
      return null;
    }));
    Subsegment sibling = recorder.beginSubsegment("sibling");
    sibling.putMetadata("sibling", "yes");
    recorder.endSubsegment();
    out.put("serialize", outcome(segment::serialize));
    out.put("endSegment", outcome(() -> {
      recorder.endSegment();
      return null;
    }));
    recorder.clearTraceEntity();
    out.put("documents", documents);
    return out;
  }

  /** Names and values outside ASCII: emoji, CJK, right-to-left, control characters, lone surrogates. */
  public static Map<String, Object> nonAscii() {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> documents = new ArrayList<>();
    AWSXRayRecorder recorder = recorder(null, documents);
    Segment segment = recorder.beginSegment(nonAsciiNames().get(0));
    segment.putAnnotation("emoji", "\ud83d\ude00 ok");
    segment.putAnnotation("lone_surrogate", "x\ud800y");
    segment.putMetadata("text", "\u05e9\u05dc\u05d5\u05dd \u4e2d\u6587 \u0000\u001f");
    segment.putMetadata("lone", "a\udc00b");
    for (String name : nonAsciiNames().subList(1, nonAsciiNames().size())) {
      recorder.beginSubsegment(name).putAnnotation("n", name);
      recorder.endSubsegment();
    }
    out.put("name", segment.getName());
    recorder.endSegment();
    recorder.clearTraceEntity();
    out.put("documents", documents);
    return out;
  }

  /** The names {@link #nonAscii} uses: the segment's first, then its subsegments'. */
  public static List<String> nonAsciiNames() {
    return Arrays.asList(
        "caf\u00e9 \ud83d\ude00",
        "\u4e2d\u6587\u540d\u5b57",
        "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
        "tab\tnew\nline\u0000nul",
        "lone\ud800surrogate",
        "\ud83c\udff3\ufe0f\u200d\ud83c\udf08 zwj");
  }

  /**
   * Continues a trace header as manual instrumentation does: {@code fromString}, then {@code
   * beginSegment(name, root, parent)}. Reports the segment's trace id (or {@code <new>} when it is
   * not the header's) and parent id.
   */
  public static Map<String, Object> continueHeader(String header) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> documents = new ArrayList<>();
    AWSXRayRecorder recorder = recorder(null, documents);
    TraceHeader parsed = TraceHeader.fromString(header);
    Segment segment = recorder.beginSegment("continued", parsed.getRootTraceId(), parsed.getParentId());
    String traceId = segment.getTraceId() == null ? null : segment.getTraceId().toString();
    boolean fromHeader = header != null && traceId != null && header.contains("Root=" + traceId);
    out.put("trace id", fromHeader ? traceId : "<new>");
    out.put("parent id", segment.getParentId());
    out.put("sampled", parsed.getSampled() == null ? null : parsed.getSampled().name());
    recorder.beginSubsegment("continued-child");
    recorder.endSubsegment();
    out.put("endSegment", outcome(() -> {
      recorder.endSegment();
      return null;
    }));
    out.put("segment id", segment.getId());
    out.put("full trace id", traceId);
    recorder.clearTraceEntity();
    return out;
  }

  static AWSXRayRecorder recorder(String strategy, final List<String> out) {
    ContextMissingStrategy missing = "RUNTIME_ERROR".equals(strategy)
        ? new RuntimeErrorContextMissingStrategy()
        : new LogErrorContextMissingStrategy();
    final boolean documents = strategy == null;
    return AWSXRayRecorderBuilder.standard()
        .withSamplingStrategy(new AllSamplingStrategy())
        .withContextMissingStrategy(missing)
        .withEmitter(new Emitter() {
          @Override
          public boolean sendSegment(Segment segment) {
            out.add(documents ? segment.serialize() : "segment " + segment.getName());
            return true;
          }

          @Override
          public boolean sendSubsegment(Subsegment subsegment) {
            out.add(documents ? subsegment.streamSerialize() : "subsegment " + subsegment.getName());
            return true;
          }
        })
        .build();
  }

  static String outcome(Callable<Object> call) {
    try {
      Object result = call.call();
      return "returned " + (result instanceof Entity ? "an entity named " + shortName(((Entity) result).getName()) : result);
    } catch (Throwable t) {
      return "threw " + t.getClass().getName() + ": " + t.getMessage();
    }
  }

  static String describe(Entity entity) {
    return entity == null ? "none" : shortName(entity.getName());
  }

  static String shortName(String name) {
    return name == null || name.length() <= 300 ? name : name.substring(0, 20) + "… (" + name.length() + " chars)";
  }
}
