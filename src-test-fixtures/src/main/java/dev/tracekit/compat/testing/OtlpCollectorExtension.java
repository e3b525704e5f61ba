package dev.tracekit.compat.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JUnit 5 extension that runs an {@link OtlpCollector} for a test class and, by default, points
 * TraceKit at it through the system properties {@code tracekit.endpoint} (the collector's URL) and
 * {@code tracekit.apiKey} ({@link #TEST_API_KEY}), restored when the collector stops.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final OtlpCollectorExtension collector = new OtlpCollectorExtension();
 *
 * @Test
 * void ordersAreTraced() {
 *   ... code under test, TraceKit.init() picks up the properties ...
 *   TraceKit.flush();
 *   assertThat(collector.span("GET /orders").getAttributes()).containsEntry("http.status_code", 200L);
 * }
 * }</pre>
 *
 * <p>In a static field (or with {@code @ExtendWith(OtlpCollectorExtension.class)}) one collector
 * serves the whole class, {@code @Nested} classes included; in an instance field, each test gets its
 * own. Received spans are cleared before each test. Test methods and constructors may declare an
 * {@link OtlpCollector} parameter. TraceKit reads the properties when it is initialized: a TraceKit
 * initialized before the collector started keeps its old endpoint.
 */
public final class OtlpCollectorExtension extends CaptureExtension<OtlpCollector> {
  /** The system property TraceKit reads its endpoint from. */
  public static final String ENDPOINT_PROPERTY = "tracekit.endpoint";
  /** The system property TraceKit reads its API key from. */
  public static final String API_KEY_PROPERTY = "tracekit.apiKey";
  /** The API key set by default. */
  public static final String TEST_API_KEY = "test-api-key";

  private volatile boolean setTraceKitProperties = true;
  private volatile String apiKey = TEST_API_KEY;

  /** Creates an extension that sets TraceKit's endpoint and API key properties. */
  public OtlpCollectorExtension() {
    super(OtlpCollector.class);
  }

  /** Sets the API key put in {@code tracekit.apiKey}; call before the collector starts. */
  public OtlpCollectorExtension withApiKey(String apiKey) {
    this.apiKey = apiKey;
    return this;
  }

  /** Leaves TraceKit's system properties alone; call before the collector starts. */
  public OtlpCollectorExtension withoutTraceKitProperties() {
    this.setTraceKitProperties = false;
    return this;
  }

  /**
   * Returns the running collector.
   *
   * @throws IllegalStateException outside of the tests of the class that registers the extension
   */
  public OtlpCollector getCollector() {
    return capture();
  }

  /** Returns the collector's traces URL; see {@link OtlpCollector#getEndpoint()}. */
  public String getEndpoint() {
    return getCollector().getEndpoint();
  }

  /** See {@link OtlpCollector#spans()}. */
  public List<ReceivedSpan> spans() {
    return getCollector().spans();
  }

  /** See {@link OtlpCollector#requests()}. */
  public List<ReceivedRequest> requests() {
    return getCollector().requests();
  }

  /** See {@link OtlpCollector#span(String)}. */
  public ReceivedSpan span(String name) {
    return getCollector().span(name);
  }

  /** See {@link OtlpCollector#spansNamed(String)}. */
  public List<ReceivedSpan> spansNamed(String name) {
    return getCollector().spansNamed(name);
  }

  /** See {@link OtlpCollector#awaitSpans(int, Duration)}. */
  public List<ReceivedSpan> awaitSpans(int count, Duration timeout) {
    return getCollector().awaitSpans(count, timeout);
  }

  @Override
  OtlpCollector startCapture() {
    return OtlpCollector.start();
  }

  @Override
  void clear(OtlpCollector collector) {
    collector.clear();
  }

  @Override
  Map<String, String> properties(OtlpCollector collector) {
    Map<String, String> properties = new LinkedHashMap<>();
    if (setTraceKitProperties) {
      properties.put(ENDPOINT_PROPERTY, collector.getEndpoint());
      properties.put(API_KEY_PROPERTY, apiKey);
    }
    return properties;
  }

  @Override
  public String toString() {
    return "OtlpCollectorExtension";
  }
}
