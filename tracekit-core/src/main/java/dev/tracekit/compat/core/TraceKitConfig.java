package dev.tracekit.compat.core;

import dev.tracekit.compat.core.export.BatchSpanProcessor;
import dev.tracekit.compat.core.export.OtlpProtocol;
import dev.tracekit.compat.core.export.SpanExporter;
import dev.tracekit.compat.core.trace.Sampler;
import dev.tracekit.compat.core.trace.SpanLimits;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;

/**
 * The resolved settings of a TraceKit pipeline. Immutable; {@link #toString()} and {@link
 * #describe()} never show the API key (only whether one is set), header values, nor the endpoint's
 * query string.
 *
 * <p>Each setting comes from, in order: code ({@link Builder} calls or {@link TraceKit.Option}s),
 * a system property, a {@code TRACEKIT_*} environment variable, OpenTelemetry's standard variables
 * (in the order listed), the default:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>code</th><th>system property</th><th>environment</th><th>OpenTelemetry</th>
 *       <th>default</th></tr>
 *   <tr><td>apiKey</td><td>tracekit.apiKey</td><td>TRACEKIT_API_KEY</td><td>-</td><td>none</td></tr>
 *   <tr><td>-</td><td>-</td><td>-</td><td>OTEL_EXPORTER_OTLP_TRACES_HEADERS,
 *       OTEL_EXPORTER_OTLP_HEADERS</td><td>none</td></tr>
 *   <tr><td>serviceName</td><td>tracekit.serviceName</td><td>TRACEKIT_SERVICE_NAME</td>
 *       <td>OTEL_SERVICE_NAME, then service.name of the resource attributes</td>
 *       <td>{@code unknown_service:java}</td></tr>
 *   <tr><td>environment</td><td>tracekit.environment</td><td>TRACEKIT_ENVIRONMENT</td>
 *       <td>deployment.environment.name of the resource attributes</td><td>none</td></tr>
 *   <tr><td>serviceVersion</td><td>tracekit.serviceVersion</td><td>TRACEKIT_SERVICE_VERSION</td>
 *       <td>service.version of the resource attributes</td><td>none</td></tr>
 *   <tr><td>putResourceAttribute</td><td>tracekit.resourceAttributes</td>
 *       <td>TRACEKIT_RESOURCE_ATTRIBUTES</td><td>OTEL_RESOURCE_ATTRIBUTES (merged key by key)</td>
 *       <td>none</td></tr>
 *   <tr><td>endpoint</td><td>tracekit.endpoint</td><td>TRACEKIT_ENDPOINT</td>
 *       <td>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTEL_EXPORTER_OTLP_ENDPOINT + {@code /v1/traces}</td>
 *       <td>{@code https://app.tracekit.dev/v1/traces}</td></tr>
 *   <tr><td>sampleRate, sampler</td><td>tracekit.samplingRate</td><td>TRACEKIT_SAMPLING_RATE</td>
 *       <td>OTEL_TRACES_SAMPLER, OTEL_TRACES_SAMPLER_ARG</td><td>every new trace</td></tr>
 *   <tr><td>enabled</td><td>tracekit.enabled</td><td>TRACEKIT_ENABLED</td>
 *       <td>OTEL_SDK_DISABLED (inverted)</td><td>true</td></tr>
 *   <tr><td>exporter</td><td>tracekit.exporter</td><td>TRACEKIT_EXPORTER</td>
 *       <td>OTEL_TRACES_EXPORTER</td><td>otlp with an API key or endpoint, else console</td></tr>
 *   <tr><td>allowInsecure</td><td>tracekit.allowInsecure</td><td>TRACEKIT_ALLOW_INSECURE</td>
 *       <td>-</td><td>false</td></tr>
 *   <tr><td>protocol</td><td>tracekit.protocol</td><td>TRACEKIT_PROTOCOL</td>
 *       <td>OTEL_EXPORTER_OTLP_TRACES_PROTOCOL, OTEL_EXPORTER_OTLP_PROTOCOL ({@code grpc}: warned
 *       about, http/protobuf used)</td><td>http/protobuf</td></tr>
 *   <tr><td>gzip</td><td>tracekit.compression</td><td>TRACEKIT_COMPRESSION</td>
 *       <td>OTEL_EXPORTER_OTLP_TRACES_COMPRESSION, OTEL_EXPORTER_OTLP_COMPRESSION</td>
 *       <td>none</td></tr>
 *   <tr><td>maxQueueSize</td><td>tracekit.maxQueueSize</td><td>TRACEKIT_MAX_QUEUE_SIZE</td>
 *       <td>OTEL_BSP_MAX_QUEUE_SIZE</td><td>8192</td></tr>
 *   <tr><td>maxExportBatchSize</td><td>tracekit.maxExportBatchSize</td>
 *       <td>TRACEKIT_MAX_EXPORT_BATCH_SIZE</td><td>OTEL_BSP_MAX_EXPORT_BATCH_SIZE</td><td>512</td></tr>
 *   <tr><td>scheduleDelay</td><td>tracekit.scheduleDelayMillis</td>
 *       <td>TRACEKIT_SCHEDULE_DELAY_MILLIS</td><td>OTEL_BSP_SCHEDULE_DELAY</td><td>1000</td></tr>
 *   <tr><td>exportTimeout</td><td>tracekit.exportTimeoutMillis</td>
 *       <td>TRACEKIT_EXPORT_TIMEOUT_MILLIS</td><td>OTEL_EXPORTER_OTLP_TRACES_TIMEOUT,
 *       OTEL_EXPORTER_OTLP_TIMEOUT, OTEL_BSP_EXPORT_TIMEOUT</td><td>10000</td></tr>
 *   <tr><td>maxConcurrentExports</td><td>tracekit.maxConcurrentExports</td>
 *       <td>TRACEKIT_MAX_CONCURRENT_EXPORTS</td><td>-</td>
 *       <td>1 (at most 16; OTLP exporter only)</td></tr>
 *   <tr><td>maxAttributes</td><td>tracekit.maxAttributes</td><td>TRACEKIT_MAX_ATTRIBUTES</td>
 *       <td>OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT, OTEL_ATTRIBUTE_COUNT_LIMIT</td><td>128</td></tr>
 *   <tr><td>maxAttributeValueLength</td><td>tracekit.maxAttributeValueLength</td>
 *       <td>TRACEKIT_MAX_ATTRIBUTE_VALUE_LENGTH</td><td>OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT,
 *       OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT</td><td>8192</td></tr>
 * </table>
 *
 * <p>Lists of pairs ({@code OTEL_RESOURCE_ATTRIBUTES}, the headers) are {@code k1=v1,k2=v2}, keys
 * and values percent-decoded. {@code OTEL_EXPORTER_OTLP_PROTOCOL} may only be {@code http/json}
 * (what is sent); another value is warned about.
 *
 * <p>A value set in code that cannot be used makes {@link Builder#build()} throw an {@link
 * IllegalArgumentException} naming it. A value from a property or variable that cannot be used
 * costs only its setting: the default applies, with one warning naming the setting, the value
 * (never a secret's) and the value in effect. An endpoint that cannot be used (not a URL, plain
 * http off loopback) makes spans print to stderr instead, said once.
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
  public static final int MAX_CONCURRENT_EXPORTS_LIMIT =
      BatchSpanProcessor.MAX_CONCURRENT_EXPORTS_LIMIT;

  @Nullable private final String apiKey;
  private final Map<String, String> headers;
  private final String serviceName;
  @Nullable private final String environment;
  @Nullable private final String serviceVersion;
  private final String endpoint;
  private final double sampleRate;
  private final boolean enabled;
  private final ExporterType exporterType;
  private final boolean allowInsecure;
  private final boolean gzip;
  private final OtlpProtocol protocol;
  private final int maxQueueSize;
  private final int maxExportBatchSize;
  private final long scheduleDelayMillis;
  private final long exportTimeoutMillis;
  private final int maxConcurrentExports;
  private final SpanLimits spanLimits;
  private final Map<String, String> resourceAttributes;
  private final Map<String, String> configuredResourceAttributes;
  @Nullable private final SpanExporter spanExporter;
  @Nullable private final Sampler sampler;
  private final String sampling;
  @Nullable private final String exportProblem;
  private final boolean shutdownHook;

  private TraceKitConfig(Resolved r) {
    this.apiKey = r.apiKey;
    this.headers = r.headers;
    this.configuredResourceAttributes = r.configuredResourceAttributes;
    this.sampling = r.sampling;
    this.exportProblem = r.exportProblem;
    this.serviceName = r.serviceName;
    this.environment = r.environment;
    this.serviceVersion = r.serviceVersion;
    this.endpoint = r.endpoint;
    this.sampleRate = r.sampleRate;
    this.enabled = r.enabled;
    this.exporterType = r.exporterType;
    this.allowInsecure = r.allowInsecure;
    this.gzip = r.gzip;
    this.protocol = r.protocol;
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

  /**
   * Returns the extra request headers ({@code OTEL_EXPORTER_OTLP_HEADERS}), in order. Their values
   * may be secrets: never log them.
   */
  public Map<String, String> getHeaders() {
    return headers;
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

  /** Returns the encoding of OTLP request bodies (default {@link OtlpProtocol#HTTP_PROTOBUF}). */
  public OtlpProtocol getProtocol() {
    return protocol;
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

  /**
   * Returns the resource attributes of {@code TRACEKIT_RESOURCE_ATTRIBUTES} and {@code
   * OTEL_RESOURCE_ATTRIBUTES}: under the ones computed from the other settings and those set in
   * code.
   */
  public Map<String, String> getConfiguredResourceAttributes() {
    return configuredResourceAttributes;
  }

  /** Returns the exporter set in code, which replaces the one chosen by type; or null. */
  @Nullable
  public SpanExporter getSpanExporter() {
    return spanExporter;
  }

  /**
   * Returns the sampler set in code or chosen by {@code OTEL_TRACES_SAMPLER}, which replaces the
   * sample rate; or null.
   */
  @Nullable
  public Sampler getSampler() {
    return sampler;
  }

  /** Returns true when a JVM shutdown hook flushes the pipeline on exit. */
  public boolean isShutdownHookEnabled() {
    return shutdownHook;
  }

  /**
   * Returns why spans cannot be sent to the configured endpoint (which then print to stderr), or
   * null when they can.
   */
  @Nullable
  public String getExportProblem() {
    return exportProblem;
  }

  /**
   * Says what is in effect, in one line for a log: exporter, endpoint (without its query string), service name, sampling, and whether an API key is set (never the key).
   */
  public String describe() {
    StringBuilder out = new StringBuilder();
    if (!enabled) {
      return out.append("TraceKit is disabled: spans are neither recorded nor sent; service ")
          .append(serviceName).toString();
    }
    if (spanExporter != null) {
      out.append("exporter set in code (").append(spanExporter).append(')');
    } else if (exporterType == ExporterType.OTLP) {
      out.append("exporter otlp (").append(protocol).append(") to ").append(endpointWithoutQuery());
    } else if (exporterType == ExporterType.CONSOLE) {
      out.append("exporter console (stderr");
      if (exportProblem != null) {
        out.append(", because ").append(exportProblem);
      } else if (apiKey == null) {
        out.append("; set TRACEKIT_API_KEY to send spans to TraceKit");
      }
      out.append(')');
    } else {
      out.append("exporter none (spans are not sent)");
    }
    out.append(", service ").append(serviceName);
    out.append(", sampling ").append(sampling);
    out.append(", API key ").append(apiKey != null ? "set" : "not set");
    if (!headers.isEmpty()) {
      out.append(", extra headers ").append(headers.keySet());
    }
    return out.toString();
  }

  /** Where spans go, as logs may name it: the endpoint's scheme, host, port and path, or stderr. */
  String exportTarget() {
    if (spanExporter != null) {
      return "the exporter set in code";
    }
    return exporterType == ExporterType.OTLP ? endpointWithoutQuery() : "stderr";
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
        + ", protocol="
        + protocol
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
    @Nullable private OtlpProtocol protocol;
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
    @Nullable private String samplingDescription;
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

    /** Sets the encoding of OTLP request bodies: protobuf (the default) or JSON. */
    public Builder setProtocol(OtlpProtocol protocol) {
      this.protocol = Objects.requireNonNull(protocol, "protocol");
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

    /**
     * Says how spans are sampled when something other than this pipeline's sampler decides (an
     * X-Ray recorder's sampling rules, say): what {@link TraceKitConfig#describe()} shows.
     */
    public Builder setSamplingDescription(@Nullable String samplingDescription) {
      this.samplingDescription = samplingDescription;
      return this;
    }

    /** Registers (default) or not a JVM shutdown hook that flushes on exit. */
    public Builder setShutdownHook(boolean shutdownHook) {
      this.shutdownHook = shutdownHook;
      return this;
    }

    /**
     * Resolves unset settings from system properties, then {@code TRACEKIT_*} environment
     * variables, then OpenTelemetry's {@code OTEL_*} ones, then defaults, and validates them all. A
     * value from a property or variable that cannot be used costs only that setting: its default
     * applies and a WARNING names it (once per process). An endpoint that cannot be used makes spans
     * print to stderr instead, said once at SEVERE.
     *
     * @throws IllegalArgumentException naming the first setting made in code whose value cannot be
     *     used
     */
    public TraceKitConfig build() {
      TraceKitConfig config = build(ConfigSource.system(), ConfigWarnings::warnOnce);
      if (config.exportProblem != null) {
        ConfigWarnings.severeOnce("TraceKit cannot send spans: " + config.exportProblem
            + ". They print to stderr instead (TRACEKIT_EXPORTER=none records nothing).");
      }
      return config;
    }

    TraceKitConfig build(ConfigSource source) {
      return build(source, ConfigWarnings::warnOnce);
    }

    TraceKitConfig build(ConfigSource source, Consumer<String> warnings) {
      return new TraceKitConfig(new Resolved(this, source, warnings));
    }
  }

  /** The settings after lookup and validation. */
  private static final class Resolved {
    @Nullable String apiKey;
    Map<String, String> headers;
    String serviceName;
    @Nullable String environment;
    @Nullable String serviceVersion;
    String endpoint;
    double sampleRate;
    boolean enabled;
    ExporterType exporterType;
    boolean allowInsecure;
    boolean gzip;
    OtlpProtocol protocol;
    int maxQueueSize;
    int maxExportBatchSize;
    long scheduleDelayMillis;
    long exportTimeoutMillis;
    int maxConcurrentExports;
    SpanLimits spanLimits;
    Map<String, String> resourceAttributes;
    Map<String, String> configuredResourceAttributes;
    @Nullable SpanExporter spanExporter;
    @Nullable Sampler sampler;
    String sampling;
    @Nullable String exportProblem;
    boolean shutdownHook;

    Resolved(Builder b, ConfigSource source, Consumer<String> warnings) {
      ConfigReader r = new ConfigReader(source, warnings);
      apiKey = r.apiKey(b.apiKey, "setApiKey", "tracekit.apiKey", "TRACEKIT_API_KEY");
      if (apiKey == null && b.apiKey == null && r.isBlank("TRACEKIT_API_KEY")) {
        warnings.accept("TRACEKIT_API_KEY is set but empty: requests carry no API key");
      }
      headers = headers(r);
      configuredResourceAttributes = r.resourceAttributes();
      serviceName = r.string(b.serviceName, "tracekit.serviceName", "TRACEKIT_SERVICE_NAME",
          configuredResourceAttributes.getOrDefault("service.name", DEFAULT_SERVICE_NAME),
          "OTEL_SERVICE_NAME");
      environment = r.string(b.environment, "tracekit.environment", "TRACEKIT_ENVIRONMENT",
          configuredResourceAttributes.get("deployment.environment.name"));
      serviceVersion = r.string(b.serviceVersion, "tracekit.serviceVersion", "TRACEKIT_SERVICE_VERSION",
          configuredResourceAttributes.get("service.version"));
      ConfigSource.Setting endpointSetting = endpointSetting(b, r);
      sampling(b, r);
      ConfigSource.Setting disabled = source.lookup("tracekit.enabled", "TRACEKIT_ENABLED");
      if (b.enabled != null) {
        enabled = b.enabled;
      } else if (disabled != null) {
        enabled = r.bool(disabled, true);
      } else {
        ConfigSource.Setting otelDisabled = r.environment("OTEL_SDK_DISABLED");
        enabled = otelDisabled == null || !r.bool(otelDisabled, false);
      }
      allowInsecure = r.bool(b.allowInsecure, "tracekit.allowInsecure", "TRACEKIT_ALLOW_INSECURE", false);
      gzip = r.compression(b.gzip, "tracekit.compression", "TRACEKIT_COMPRESSION",
          "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", "OTEL_EXPORTER_OTLP_COMPRESSION");
      protocol = r.protocol(b.protocol, "tracekit.protocol", "TRACEKIT_PROTOCOL",
          "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL");
      ExporterType configured =
          r.exporter(b.exporterType, "tracekit.exporter", "TRACEKIT_EXPORTER", "OTEL_TRACES_EXPORTER");
      exporterType =
          configured != null
              ? configured
              : (apiKey != null || endpointSetting != null ? ExporterType.OTLP : ExporterType.CONSOLE);
      String url =
          endpointSetting == null
              ? DEFAULT_ENDPOINT
              : ConfigReader.endpoint(endpointSetting, allowInsecure, problem -> exportProblem = problem);
      endpoint = url != null ? url : DEFAULT_ENDPOINT;
      if (exportProblem != null && exporterType == ExporterType.OTLP) {
        // The one setting that costs more than itself: nothing can be sent. Spans print instead.
        exporterType = ExporterType.CONSOLE;
      } else {
        exportProblem = null;
      }
      maxQueueSize =
          (int) r.positive(b.maxQueueSize, "setMaxQueueSize", "tracekit.maxQueueSize",
              "TRACEKIT_MAX_QUEUE_SIZE", BatchSpanProcessor.DEFAULT_MAX_QUEUE_SIZE, Integer.MAX_VALUE,
              "OTEL_BSP_MAX_QUEUE_SIZE");
      maxExportBatchSize =
          (int) r.positive(b.maxExportBatchSize, "setMaxExportBatchSize", "tracekit.maxExportBatchSize",
              "TRACEKIT_MAX_EXPORT_BATCH_SIZE", BatchSpanProcessor.DEFAULT_MAX_EXPORT_BATCH_SIZE,
              Integer.MAX_VALUE, "OTEL_BSP_MAX_EXPORT_BATCH_SIZE");
      scheduleDelayMillis =
          r.positive(b.scheduleDelayMillis, "setScheduleDelay", "tracekit.scheduleDelayMillis",
              "TRACEKIT_SCHEDULE_DELAY_MILLIS", BatchSpanProcessor.DEFAULT_SCHEDULE_DELAY_MILLIS,
              Long.MAX_VALUE, "OTEL_BSP_SCHEDULE_DELAY");
      exportTimeoutMillis =
          r.positive(b.exportTimeoutMillis, "setExportTimeout", "tracekit.exportTimeoutMillis",
              "TRACEKIT_EXPORT_TIMEOUT_MILLIS", DEFAULT_EXPORT_TIMEOUT_MILLIS, Long.MAX_VALUE,
              "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_TIMEOUT", "OTEL_BSP_EXPORT_TIMEOUT");
      maxConcurrentExports =
          (int) r.positive(b.maxConcurrentExports, "setMaxConcurrentExports",
              "tracekit.maxConcurrentExports", "TRACEKIT_MAX_CONCURRENT_EXPORTS",
              DEFAULT_MAX_CONCURRENT_EXPORTS, MAX_CONCURRENT_EXPORTS_LIMIT);
      int maxAttributes =
          (int) r.positive(b.maxAttributes, "setMaxAttributes", "tracekit.maxAttributes",
              "TRACEKIT_MAX_ATTRIBUTES", SpanLimits.DEFAULT_MAX_ATTRIBUTES, Integer.MAX_VALUE,
              "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "OTEL_ATTRIBUTE_COUNT_LIMIT");
      int maxValueLength =
          (int) r.positive(b.maxAttributeValueLength, "setMaxAttributeValueLength",
              "tracekit.maxAttributeValueLength", "TRACEKIT_MAX_ATTRIBUTE_VALUE_LENGTH",
              SpanLimits.DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH, Integer.MAX_VALUE,
              "OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT");
      spanLimits = SpanLimits.create(maxAttributes, maxValueLength, SpanLimits.DEFAULT_MAX_EVENTS);
      resourceAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.resourceAttributes));
      spanExporter = b.spanExporter;
      shutdownHook = b.shutdownHook;
      if (b.samplingDescription != null) {
        sampling = b.samplingDescription;
      }
    }

    /**
     * The endpoint setting: code, property or {@code TRACEKIT_ENDPOINT}, else OpenTelemetry's traces
     * endpoint (as is), else its base endpoint with {@code /v1/traces} appended.
     */
    @Nullable
    private static ConfigSource.Setting endpointSetting(Builder b, ConfigReader r) {
      ConfigSource.Setting s = r.setting(b.endpoint, "setEndpoint", "tracekit.endpoint", "TRACEKIT_ENDPOINT",
          "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
      if (s != null) {
        return s;
      }
      ConfigSource.Setting base = r.environment("OTEL_EXPORTER_OTLP_ENDPOINT");
      if (base == null) {
        return null;
      }
      String url = base.value.endsWith("/") ? base.value + "v1/traces" : base.value + "/v1/traces";
      return new ConfigSource.Setting(base.name, url);
    }

    /** Extra request headers: OpenTelemetry's traces headers, else its general ones. */
    private static Map<String, String> headers(ConfigReader r) {
      ConfigSource.Setting s =
          r.environment("OTEL_EXPORTER_OTLP_TRACES_HEADERS", "OTEL_EXPORTER_OTLP_HEADERS");
      Map<String, String> parsed = s == null ? null : r.pairs(s, true);
      if (parsed == null) {
        return Collections.emptyMap();
      }
      for (Map.Entry<String, String> header : parsed.entrySet()) {
        if (HeaderValues.firstUnsendable(header.getKey(), false) >= 0
            || HeaderValues.firstUnsendable(header.getValue(), true) >= 0) {
          // Header values may be secrets: name only the header.
          return r.refuse(s, s.name + " has a header (" + printable(header.getKey())
              + ") that cannot be sent in HTTP (only visible ASCII is allowed); the whole value is ignored",
              Collections.<String, String>emptyMap(), "no extra headers");
        }
      }
      return Collections.unmodifiableMap(parsed);
    }

    /**
     * The sampler for spans started through the TraceKit API: one set in code, else the sample
     * rate (code, property, {@code TRACEKIT_SAMPLING_RATE}), else {@code OTEL_TRACES_SAMPLER},
     * else every new trace.
     */
    private void sampling(Builder b, ConfigReader r) {
      sampleRate = 1.0;
      if (b.sampler != null) {
        sampler = b.sampler;
        sampling = "set in code: " + b.sampler.getDescription();
        return;
      }
      Double rate = r.fraction(b.sampleRate, "setSampleRate", "tracekit.samplingRate", "TRACEKIT_SAMPLING_RATE");
      if (rate != null) {
        sampleRate = rate;
        sampling = "parent-based, " + rate + " of new traces";
        return;
      }
      sampling = "parent-based, every new trace";
      ConfigSource.Setting otel = r.environment("OTEL_TRACES_SAMPLER");
      if (otel == null) {
        return;
      }
      String name = otel.value.toLowerCase(Locale.ROOT);
      boolean parentBased = name.startsWith("parentbased_");
      String root = parentBased ? name.substring("parentbased_".length()) : name;
      Sampler rootSampler;
      switch (root) {
        case "always_on":
          rootSampler = Sampler.alwaysOn();
          break;
        case "always_off":
          rootSampler = Sampler.alwaysOff();
          sampleRate = 0.0;
          break;
        case "traceidratio":
          ConfigSource.Setting arg = r.environment("OTEL_TRACES_SAMPLER_ARG");
          Double ratio = arg == null ? Double.valueOf(1.0) : r.fraction(arg, 1.0, "1.0");
          sampleRate = ratio;
          rootSampler = Sampler.traceIdRatioBased(ratio);
          break;
        default:
          r.refuse(otel, otel.name + "='" + otel.value + "' is not supported here (always_on, always_off,"
              + " traceidratio and their parentbased_ forms are)", null, "every new trace");
          return;
      }
      sampler = parentBased ? Sampler.parentBased(rootSampler) : rootSampler;
      sampling = otel.name + "=" + otel.value + " (" + sampler.getDescription() + ")";
    }

    /** A header name as a warning may show it: what cannot be printed becomes '?'. */
    private static String printable(String name) {
      StringBuilder out = new StringBuilder(name.length());
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        out.append(c >= 0x21 && c <= 0x7e ? c : '?');
      }
      return out.toString();
    }
  }
}
