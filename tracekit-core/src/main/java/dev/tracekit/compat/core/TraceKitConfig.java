package dev.tracekit.compat.core;

import dev.tracekit.compat.core.export.SpanExporter;
import dev.tracekit.compat.core.trace.BatchSpanProcessor;
import dev.tracekit.compat.core.trace.Sampler;
import dev.tracekit.compat.core.trace.SpanLimits;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;

/**
 * The resolved settings of a TraceKit pipeline. Immutable; {@link #toString()} never shows the API
 * key (only whether one is set) nor the endpoint's query string.
 *
 * <p>Each setting comes from, in order: code ({@link Builder} calls or {@link TraceKit.Option}s),
 * a system property, an environment variable, the default:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>code</th><th>system property</th><th>environment</th><th>default</th></tr>
 *   <tr><td>apiKey</td><td>tracekit.apiKey</td><td>TRACEKIT_API_KEY</td><td>none</td></tr>
 *   <tr><td>serviceName</td><td>tracekit.serviceName</td><td>TRACEKIT_SERVICE_NAME</td>
 *       <td>{@code unknown_service:java}</td></tr>
 *   <tr><td>environment</td><td>tracekit.environment</td><td>TRACEKIT_ENVIRONMENT</td><td>none</td></tr>
 *   <tr><td>serviceVersion</td><td>tracekit.serviceVersion</td><td>TRACEKIT_SERVICE_VERSION</td>
 *       <td>none</td></tr>
 *   <tr><td>endpoint</td><td>tracekit.endpoint</td><td>TRACEKIT_ENDPOINT</td>
 *       <td>{@code https://app.tracekit.dev/v1/traces}</td></tr>
 *   <tr><td>sampleRate</td><td>tracekit.samplingRate</td><td>TRACEKIT_SAMPLING_RATE</td><td>1.0</td></tr>
 *   <tr><td>enabled</td><td>tracekit.enabled</td><td>TRACEKIT_ENABLED</td><td>true</td></tr>
 *   <tr><td>exporter</td><td>tracekit.exporter</td><td>TRACEKIT_EXPORTER</td>
 *       <td>otlp with an API key or endpoint, else console</td></tr>
 *   <tr><td>allowInsecure</td><td>tracekit.allowInsecure</td><td>TRACEKIT_ALLOW_INSECURE</td>
 *       <td>false</td></tr>
 *   <tr><td>gzip</td><td>tracekit.compression</td><td>TRACEKIT_COMPRESSION</td><td>none</td></tr>
 *   <tr><td>maxQueueSize</td><td>tracekit.maxQueueSize</td><td>TRACEKIT_MAX_QUEUE_SIZE</td><td>2048</td></tr>
 *   <tr><td>maxExportBatchSize</td><td>tracekit.maxExportBatchSize</td>
 *       <td>TRACEKIT_MAX_EXPORT_BATCH_SIZE</td><td>512</td></tr>
 *   <tr><td>scheduleDelay</td><td>tracekit.scheduleDelayMillis</td>
 *       <td>TRACEKIT_SCHEDULE_DELAY_MILLIS</td><td>1000</td></tr>
 *   <tr><td>exportTimeout</td><td>tracekit.exportTimeoutMillis</td>
 *       <td>TRACEKIT_EXPORT_TIMEOUT_MILLIS</td><td>10000</td></tr>
 *   <tr><td>maxConcurrentExports</td><td>tracekit.maxConcurrentExports</td>
 *       <td>TRACEKIT_MAX_CONCURRENT_EXPORTS</td><td>1 (at most 16; OTLP exporter only)</td></tr>
 *   <tr><td>maxAttributes</td><td>tracekit.maxAttributes</td><td>TRACEKIT_MAX_ATTRIBUTES</td><td>128</td></tr>
 *   <tr><td>maxAttributeValueLength</td><td>tracekit.maxAttributeValueLength</td>
 *       <td>TRACEKIT_MAX_ATTRIBUTE_VALUE_LENGTH</td><td>8192</td></tr>
 * </table>
 *
 * <p>A value that cannot be used makes {@link Builder#build()} throw an {@link
 * IllegalArgumentException} naming the setting it came from.
 */
public final class TraceKitConfig {
  /** The TraceKit traces endpoint used when none is configured. */
  public static final String DEFAULT_ENDPOINT = "https://app.tracekit.dev/v1/traces";
  /** The service name used when none is configured, as OpenTelemetry does. */
  public static final String DEFAULT_SERVICE_NAME = "unknown_service:java";
  /** Default time budget of one export, retries included, in milliseconds. */
  public static final long DEFAULT_EXPORT_TIMEOUT_MILLIS = 10_000;
  /**
   * Default number of OTLP requests in flight at once. More let further full batches go out while
   * one waits for a distant backend's answer, at the cost of the CPU that exporting them takes from
   * the app when it produces more than one export at a time can carry.
   */
  public static final int DEFAULT_MAX_CONCURRENT_EXPORTS = 1;
  /** The most OTLP requests allowed in flight at once. */
  public static final int MAX_CONCURRENT_EXPORTS_LIMIT = 16;

  @Nullable private final String apiKey;
  private final String serviceName;
  @Nullable private final String environment;
  @Nullable private final String serviceVersion;
  private final String endpoint;
  private final double sampleRate;
  private final boolean enabled;
  private final ExporterType exporterType;
  private final boolean allowInsecure;
  private final boolean gzip;
  private final int maxQueueSize;
  private final int maxExportBatchSize;
  private final long scheduleDelayMillis;
  private final long exportTimeoutMillis;
  private final int maxConcurrentExports;
  private final SpanLimits spanLimits;
  private final Map<String, String> resourceAttributes;
  @Nullable private final SpanExporter spanExporter;
  @Nullable private final Sampler sampler;
  private final boolean shutdownHook;

  private TraceKitConfig(Resolved r) {
    this.apiKey = r.apiKey;
    this.serviceName = r.serviceName;
    this.environment = r.environment;
    this.serviceVersion = r.serviceVersion;
    this.endpoint = r.endpoint;
    this.sampleRate = r.sampleRate;
    this.enabled = r.enabled;
    this.exporterType = r.exporterType;
    this.allowInsecure = r.allowInsecure;
    this.gzip = r.gzip;
    this.maxQueueSize = r.maxQueueSize;
    this.maxExportBatchSize = r.maxExportBatchSize;
    this.scheduleDelayMillis = r.scheduleDelayMillis;
    this.exportTimeoutMillis = r.exportTimeoutMillis;
    this.maxConcurrentExports = r.maxConcurrentExports;
    this.spanLimits = r.spanLimits;
    this.resourceAttributes = r.resourceAttributes;
    this.spanExporter = r.spanExporter;
    this.sampler = r.sampler;
    this.shutdownHook = r.shutdownHook;
  }

  /** Returns a builder with nothing set in code. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a configuration that records nothing and registers no shutdown hook, built without
   * reading system properties or the environment: what to fall back to when those hold a setting
   * {@link Builder#build()} refuses.
   */
  public static TraceKitConfig disabled() {
    return new Builder().setEnabled(false).setShutdownHook(false).build(ConfigSource.empty());
  }

  /** Returns the API key, or null when none is configured. Never log it. */
  @Nullable
  public String getApiKey() {
    return apiKey;
  }

  /** Returns the {@code service.name} resource attribute. */
  public String getServiceName() {
    return serviceName;
  }

  /** Returns the deployment environment, or null. */
  @Nullable
  public String getEnvironment() {
    return environment;
  }

  /** Returns the service version, or null. */
  @Nullable
  public String getServiceVersion() {
    return serviceVersion;
  }

  /** Returns the full URL spans are posted to. */
  public String getEndpoint() {
    return endpoint;
  }

  /** Returns the fraction of new traces sampled, within [0, 1]. */
  public double getSampleRate() {
    return sampleRate;
  }

  /** Returns false when tracing is switched off entirely. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Returns where spans go. */
  public ExporterType getExporterType() {
    return exporterType;
  }

  /** Returns true when a plain {@code http://} endpoint on a non-loopback host is allowed. */
  public boolean isAllowInsecure() {
    return allowInsecure;
  }

  /** Returns true when request bodies are gzip-compressed. */
  public boolean isGzip() {
    return gzip;
  }

  /** Returns the bound of the span queue. */
  public int getMaxQueueSize() {
    return maxQueueSize;
  }

  /** Returns the largest batch sent in one request. */
  public int getMaxExportBatchSize() {
    return maxExportBatchSize;
  }

  /** Returns the longest wait before a partial batch is sent, in milliseconds. */
  public long getScheduleDelayMillis() {
    return scheduleDelayMillis;
  }

  /** Returns the time budget of one export, retries included, in milliseconds. */
  public long getExportTimeoutMillis() {
    return exportTimeoutMillis;
  }

  /**
   * Returns how many OTLP requests may be in flight at once. Only the OTLP exporter is called
   * concurrently; the console exporter and an exporter set in code get one call at a time.
   */
  public int getMaxConcurrentExports() {
    return maxConcurrentExports;
  }

  /** Returns the bounds on what a span keeps. */
  public SpanLimits getSpanLimits() {
    return spanLimits;
  }

  /** Returns extra resource attributes set in code, in insertion order. */
  public Map<String, String> getResourceAttributes() {
    return resourceAttributes;
  }

  /** Returns the exporter set in code, which replaces the one chosen by type; or null. */
  @Nullable
  public SpanExporter getSpanExporter() {
    return spanExporter;
  }

  /** Returns the sampler set in code, which replaces the sample rate; or null. */
  @Nullable
  public Sampler getSampler() {
    return sampler;
  }

  /** Returns true when a JVM shutdown hook flushes the pipeline on exit. */
  public boolean isShutdownHookEnabled() {
    return shutdownHook;
  }

  @Override
  public String toString() {
    return "TraceKitConfig{apiKey="
        + (apiKey == null ? "(none)" : "(set)")
        + ", serviceName="
        + serviceName
        + ", environment="
        + environment
        + ", serviceVersion="
        + serviceVersion
        + ", endpoint="
        + endpointWithoutQuery()
        + ", sampleRate="
        + sampleRate
        + ", enabled="
        + enabled
        + ", exporter="
        + exporterType
        + ", gzip="
        + gzip
        + ", maxQueueSize="
        + maxQueueSize
        + ", maxExportBatchSize="
        + maxExportBatchSize
        + ", scheduleDelayMillis="
        + scheduleDelayMillis
        + ", exportTimeoutMillis="
        + exportTimeoutMillis
        + ", maxConcurrentExports="
        + maxConcurrentExports
        + ", "
        + spanLimits
        + '}';
  }

  /** The endpoint as logs may show it: a query string may carry a token, so it is left out. */
  private String endpointWithoutQuery() {
    HttpUrl url = HttpUrl.parse(endpoint);
    return url == null ? "(invalid)" : url.newBuilder().query(null).fragment(null).build().toString();
  }

  /**
   * Collects settings made in code; {@link #build()} fills the rest from system properties, the
   * environment and defaults, and validates everything. Setters do not validate: {@code build()}
   * does, so that every error names its setting the same way. Not thread-safe.
   */
  public static final class Builder {
    @Nullable private String apiKey;
    @Nullable private String serviceName;
    @Nullable private String environment;
    @Nullable private String serviceVersion;
    @Nullable private String endpoint;
    @Nullable private Double sampleRate;
    @Nullable private Boolean enabled;
    @Nullable private ExporterType exporterType;
    @Nullable private Boolean allowInsecure;
    @Nullable private Boolean gzip;
    @Nullable private Integer maxQueueSize;
    @Nullable private Integer maxExportBatchSize;
    @Nullable private Long scheduleDelayMillis;
    @Nullable private Long exportTimeoutMillis;
    @Nullable private Integer maxConcurrentExports;
    @Nullable private Integer maxAttributes;
    @Nullable private Integer maxAttributeValueLength;
    private final Map<String, String> resourceAttributes = new LinkedHashMap<>();
    @Nullable private SpanExporter spanExporter;
    @Nullable private Sampler sampler;
    private boolean shutdownHook = true;

    private Builder() {}

    /** Sets the API key sent as {@code X-API-Key}. */
    public Builder setApiKey(@Nullable String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** Sets {@code service.name}. */
    public Builder setServiceName(@Nullable String serviceName) {
      this.serviceName = serviceName;
      return this;
    }

    /** Sets {@code deployment.environment.name}. */
    public Builder setEnvironment(@Nullable String environment) {
      this.environment = environment;
      return this;
    }

    /** Sets {@code service.version}. */
    public Builder setServiceVersion(@Nullable String serviceVersion) {
      this.serviceVersion = serviceVersion;
      return this;
    }

    /** Sets the full traces URL, such as {@code https://app.tracekit.dev/v1/traces}. */
    public Builder setEndpoint(@Nullable String endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /** Sets the fraction of new traces to sample, within [0, 1]. */
    public Builder setSampleRate(double sampleRate) {
      this.sampleRate = sampleRate;
      return this;
    }

    /** Switches tracing on or off. */
    public Builder setEnabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** Chooses where spans go. */
    public Builder setExporterType(ExporterType exporterType) {
      this.exporterType = Objects.requireNonNull(exporterType, "exporterType");
      return this;
    }

    /** Allows a plain {@code http://} endpoint on a non-loopback host. */
    public Builder setAllowInsecure(boolean allowInsecure) {
      this.allowInsecure = allowInsecure;
      return this;
    }

    /** Compresses request bodies with gzip. */
    public Builder setGzip(boolean gzip) {
      this.gzip = gzip;
      return this;
    }

    /** Sets the bound of the span queue. */
    public Builder setMaxQueueSize(int maxQueueSize) {
      this.maxQueueSize = maxQueueSize;
      return this;
    }

    /** Sets the largest batch sent in one request. */
    public Builder setMaxExportBatchSize(int maxExportBatchSize) {
      this.maxExportBatchSize = maxExportBatchSize;
      return this;
    }

    /** Sets the longest wait before a partial batch is sent. */
    public Builder setScheduleDelay(long delay, TimeUnit unit) {
      this.scheduleDelayMillis = unit.toMillis(delay);
      return this;
    }

    /** Sets the time budget of one export, retries included. */
    public Builder setExportTimeout(long timeout, TimeUnit unit) {
      this.exportTimeoutMillis = unit.toMillis(timeout);
      return this;
    }

    /** Sets how many OTLP requests may be in flight at once (1 to 16). */
    public Builder setMaxConcurrentExports(int maxConcurrentExports) {
      this.maxConcurrentExports = maxConcurrentExports;
      return this;
    }

    /** Sets how many attributes a span keeps. */
    public Builder setMaxAttributes(int maxAttributes) {
      this.maxAttributes = maxAttributes;
      return this;
    }

    /** Sets the longest string attribute value kept, in characters. */
    public Builder setMaxAttributeValueLength(int maxAttributeValueLength) {
      this.maxAttributeValueLength = maxAttributeValueLength;
      return this;
    }

    /** Adds a resource attribute; it overrides a computed one of the same name. */
    public Builder putResourceAttribute(String key, String value) {
      resourceAttributes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Uses {@code exporter} instead of the one {@link #setExporterType} would choose. */
    public Builder setSpanExporter(@Nullable SpanExporter exporter) {
      this.spanExporter = exporter;
      return this;
    }

    /** Uses {@code sampler} instead of the parent-based ratio sampler of the sample rate. */
    public Builder setSampler(@Nullable Sampler sampler) {
      this.sampler = sampler;
      return this;
    }

    /** Registers (default) or not a JVM shutdown hook that flushes on exit. */
    public Builder setShutdownHook(boolean shutdownHook) {
      this.shutdownHook = shutdownHook;
      return this;
    }

    /**
     * Resolves unset settings from system properties, then environment variables, then defaults,
     * and validates them all.
     *
     * @throws IllegalArgumentException naming the first setting whose value cannot be used
     */
    public TraceKitConfig build() {
      return build(ConfigSource.system());
    }

    TraceKitConfig build(ConfigSource source) {
      return new TraceKitConfig(new Resolved(this, source));
    }
  }

  /** The settings after lookup and validation. */
  private static final class Resolved {
    @Nullable String apiKey;
    String serviceName;
    @Nullable String environment;
    @Nullable String serviceVersion;
    String endpoint;
    double sampleRate;
    boolean enabled;
    ExporterType exporterType;
    boolean allowInsecure;
    boolean gzip;
    int maxQueueSize;
    int maxExportBatchSize;
    long scheduleDelayMillis;
    long exportTimeoutMillis;
    int maxConcurrentExports;
    SpanLimits spanLimits;
    Map<String, String> resourceAttributes;
    @Nullable SpanExporter spanExporter;
    @Nullable Sampler sampler;
    boolean shutdownHook;

    Resolved(Builder b, ConfigSource source) {
      ConfigReader r = new ConfigReader(source);
      apiKey = r.apiKey(b.apiKey, "setApiKey", "tracekit.apiKey", "TRACEKIT_API_KEY");
      serviceName =
          r.string(b.serviceName, "tracekit.serviceName", "TRACEKIT_SERVICE_NAME", DEFAULT_SERVICE_NAME);
      environment = r.string(b.environment, "tracekit.environment", "TRACEKIT_ENVIRONMENT", null);
      serviceVersion =
          r.string(b.serviceVersion, "tracekit.serviceVersion", "TRACEKIT_SERVICE_VERSION", null);
      ConfigSource.Setting endpointSetting =
          r.setting(b.endpoint, "setEndpoint", "tracekit.endpoint", "TRACEKIT_ENDPOINT");
      sampleRate =
          r.fraction(b.sampleRate, "setSampleRate", "tracekit.samplingRate", "TRACEKIT_SAMPLING_RATE", 1.0);
      enabled = r.bool(b.enabled, "tracekit.enabled", "TRACEKIT_ENABLED", true);
      allowInsecure = r.bool(b.allowInsecure, "tracekit.allowInsecure", "TRACEKIT_ALLOW_INSECURE", false);
      gzip = r.compression(b.gzip, "tracekit.compression", "TRACEKIT_COMPRESSION");
      ExporterType configured = r.exporter(b.exporterType, "tracekit.exporter", "TRACEKIT_EXPORTER");
      exporterType =
          configured != null
              ? configured
              : (apiKey != null || endpointSetting != null ? ExporterType.OTLP : ExporterType.CONSOLE);
      endpoint =
          endpointSetting == null
              ? DEFAULT_ENDPOINT
              : ConfigReader.endpoint(endpointSetting, allowInsecure);
      maxQueueSize =
          (int) r.positive(b.maxQueueSize, "setMaxQueueSize", "tracekit.maxQueueSize",
              "TRACEKIT_MAX_QUEUE_SIZE", BatchSpanProcessor.DEFAULT_MAX_QUEUE_SIZE, Integer.MAX_VALUE);
      maxExportBatchSize =
          (int) r.positive(b.maxExportBatchSize, "setMaxExportBatchSize", "tracekit.maxExportBatchSize",
              "TRACEKIT_MAX_EXPORT_BATCH_SIZE", BatchSpanProcessor.DEFAULT_MAX_EXPORT_BATCH_SIZE,
              Integer.MAX_VALUE);
      scheduleDelayMillis =
          r.positive(b.scheduleDelayMillis, "setScheduleDelay", "tracekit.scheduleDelayMillis",
              "TRACEKIT_SCHEDULE_DELAY_MILLIS", BatchSpanProcessor.DEFAULT_SCHEDULE_DELAY_MILLIS,
              Long.MAX_VALUE);
      exportTimeoutMillis =
          r.positive(b.exportTimeoutMillis, "setExportTimeout", "tracekit.exportTimeoutMillis",
              "TRACEKIT_EXPORT_TIMEOUT_MILLIS", DEFAULT_EXPORT_TIMEOUT_MILLIS, Long.MAX_VALUE);
      maxConcurrentExports =
          (int) r.positive(b.maxConcurrentExports, "setMaxConcurrentExports",
              "tracekit.maxConcurrentExports", "TRACEKIT_MAX_CONCURRENT_EXPORTS",
              DEFAULT_MAX_CONCURRENT_EXPORTS, MAX_CONCURRENT_EXPORTS_LIMIT);
      int maxAttributes =
          (int) r.positive(b.maxAttributes, "setMaxAttributes", "tracekit.maxAttributes",
              "TRACEKIT_MAX_ATTRIBUTES", SpanLimits.DEFAULT_MAX_ATTRIBUTES, Integer.MAX_VALUE);
      int maxValueLength =
          (int) r.positive(b.maxAttributeValueLength, "setMaxAttributeValueLength",
              "tracekit.maxAttributeValueLength", "TRACEKIT_MAX_ATTRIBUTE_VALUE_LENGTH",
              SpanLimits.DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH, Integer.MAX_VALUE);
      spanLimits = SpanLimits.create(maxAttributes, maxValueLength, SpanLimits.DEFAULT_MAX_EVENTS);
      resourceAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.resourceAttributes));
      spanExporter = b.spanExporter;
      sampler = b.sampler;
      shutdownHook = b.shutdownHook;
    }
  }
}
