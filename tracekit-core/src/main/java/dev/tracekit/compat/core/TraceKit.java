package dev.tracekit.compat.core;

import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanBuilder;
import dev.tracekit.compat.core.export.BatchSpanProcessor;
import dev.tracekit.compat.core.export.ConsoleSpanExporter;
import dev.tracekit.compat.core.export.OtlpHttpSpanExporter;
import dev.tracekit.compat.core.export.OtlpProtocol;
import dev.tracekit.compat.core.export.SpanExporter;
import dev.tracekit.compat.core.internal.DaemonThreadFactory;
import dev.tracekit.compat.core.internal.JvmExit;
import dev.tracekit.compat.core.trace.PipelineStats;
import dev.tracekit.compat.core.trace.Sampler;
import dev.tracekit.compat.core.trace.Tracer;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * The entry point: initialize once at start-up, then start spans anywhere.
 *
 * <pre>{@code
 * TraceKit.init("my-api-key", TraceKit.withService("checkout"), TraceKit.withEnvironment("prod"));
 * try (Span span = TraceKit.startSpan("load-cart")) {
 *   span.setAttribute("cart.items", 3);
 * }
 * }</pre>
 *
 * <p>{@code init} builds one global pipeline: sampler, a bounded queue drained by one daemon thread,
 * and an exporter (OTLP/HTTP to TraceKit, or the console when neither an API key nor an
 * endpoint is configured). Spans are exported in batches off the app threads; the app never waits on
 * the network. A JVM shutdown hook flushes what is queued on exit (at most 5 s).
 *
 * <p>Before {@code init}, or when tracing is disabled, spans still get trace context (so it
 * propagates) but record nothing. All methods are thread-safe; only {@code init} throws, for invalid
 * configuration.
 */
public final class TraceKit {
  /** How long {@link #flush()} and {@link #shutdown()} wait at most. */
  public static final long DEFAULT_TIMEOUT_MILLIS = 10_000;
  private static final long SHUTDOWN_HOOK_TIMEOUT_MILLIS = 5_000;
  private static final Logger LOGGER = Logger.getLogger(TraceKit.class.getName());

  private static final Tracer NOT_INITIALIZED = Tracer.builder().build();
  private static final Object LOCK = new Object();
  private static volatile Tracer global = NOT_INITIALIZED;
  @Nullable private static Thread shutdownHook;
  // Where the global pipeline's spans go, as the exit report names it.
  private static volatile String exportTarget = "the exporter";

  private TraceKit() {}

  // --- lifecycle ---

  /**
   * Initializes TraceKit with an API key; other settings come from {@code options}, then system
   * properties, then environment variables (see {@link TraceKitConfig}). Replaces, and shuts down,
   * any pipeline initialized before.
   *
   * @throws IllegalArgumentException when a setting is invalid; the message names it
   */
  public static Tracer init(@Nullable String apiKey, Option... options) {
    TraceKitConfig.Builder builder = TraceKitConfig.builder().setApiKey(apiKey);
    for (Option option : options) {
      option.applyTo(builder);
    }
    return init(builder.build());
  }

  /**
   * Initializes TraceKit entirely from system properties and environment variables.
   *
   * @throws IllegalArgumentException when a setting is invalid; the message names it
   */
  public static Tracer init() {
    return init(TraceKitConfig.builder().build());
  }

  /**
   * Initializes TraceKit from a resolved configuration, and says what is in effect in one INFO line
   * ({@link TraceKitConfig#describe()}; quiet it with {@code TRACEKIT_LOG_LEVEL=warning} or the
   * level of the {@code dev.tracekit} logger).
   */
  public static Tracer init(TraceKitConfig config) {
    LogLevel.applyConfigured();
    LOGGER.log(Level.INFO, "TraceKit started: " + config.describe());
    Tracer tracer = create(config);
    Tracer previous;
    synchronized (LOCK) {
      previous = global;
      global = tracer;
      exportTarget = config.exportTarget();
      if (config.isShutdownHookEnabled() && shutdownHook == null) {
        shutdownHook = new DaemonThreadFactory("tracekit-shutdown-hook").newThread(TraceKit::onJvmExit);
        try {
          Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
          // The JVM is already shutting down.
        }
      }
    }
    if (previous != tracer) {
      previous.shutdown(DEFAULT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }
    return tracer;
  }

  /**
   * Builds a pipeline from {@code config} without installing it globally: for tests and for code
   * that manages its own tracer. The caller shuts it down.
   */
  public static Tracer create(TraceKitConfig config) {
    Tracer.Builder builder =
        Tracer.builder()
            .setResource(ResourceFactory.create(config))
            .setSpanLimits(config.getSpanLimits())
            .setSampler(
                config.getSampler() != null
                    ? config.getSampler()
                    : Sampler.parentBased(Sampler.traceIdRatioBased(config.getSampleRate())));
    SpanExporter exporter = exporterFor(config);
    if (exporter != null) {
      builder.setSpanProcessor(
          BatchSpanProcessor.builder(exporter)
              .setMaxQueueSize(config.getMaxQueueSize())
              .setMaxExportBatchSize(config.getMaxExportBatchSize())
              .setScheduleDelay(config.getScheduleDelayMillis(), TimeUnit.MILLISECONDS)
              .setMaxConcurrentExports(
                  exporter instanceof OtlpHttpSpanExporter && config.getSpanExporter() == null
                      ? config.getMaxConcurrentExports()
                      : 1)
              .build());
    }
    return builder.build();
  }

  @Nullable
  private static SpanExporter exporterFor(TraceKitConfig config) {
    if (!config.isEnabled()) {
      return null;
    }
    if (config.getSpanExporter() != null) {
      return config.getSpanExporter();
    }
    switch (config.getExporterType()) {
      case OTLP:
        OtlpHttpSpanExporter.Builder otlp = OtlpHttpSpanExporter.builder();
        for (Map.Entry<String, String> header : config.getHeaders().entrySet()) {
          otlp.putHeader(header.getKey(), header.getValue());
        }
        return otlp
            .setEndpoint(config.getEndpoint())
            .setApiKey(config.getApiKey())
            .setAllowInsecure(config.isAllowInsecure())
            .setGzip(config.isGzip())
            .setProtocol(config.getProtocol())
            .setTimeout(config.getExportTimeoutMillis(), TimeUnit.MILLISECONDS)
            .build();
      case CONSOLE:
        return ConsoleSpanExporter.create();
      case NONE:
      default:
        return null;
    }
  }

  /**
   * Exports every span ended so far and waits for it, at most 10 seconds. Returns false on timeout.
   */
  public static boolean flush() {
    return flush(DEFAULT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Exports every span ended so far; waits at most {@code timeout}. Returns false on timeout. */
  public static boolean flush(long timeout, TimeUnit unit) {
    return global.forceFlush(timeout, unit);
  }

  /**
   * Flushes and stops the global pipeline, waiting at most 10 seconds; later spans are dropped and
   * counted, and the pipeline stays installed (see {@link #isInitialized()}). Returns false on
   * timeout: the spans it could not export then count as failed or dropped. Calling it again is
   * harmless, and waits for a pipeline still stopping.
   */
  public static boolean shutdown() {
    return shutdown(DEFAULT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** As {@link #shutdown()}, waiting at most {@code timeout}. */
  public static boolean shutdown(long timeout, TimeUnit unit) {
    return global.shutdown(timeout, unit);
  }

  private static void onJvmExit() {
    try {
      JvmExit.begin();
      Tracer tracer = global;
      PipelineStats before = tracer.getStats();
      boolean finished = tracer.shutdown(SHUTDOWN_HOOK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      String report =
          ExitReport.describe(before, tracer.getStats(), finished, exportTarget, SHUTDOWN_HOOK_TIMEOUT_MILLIS);
      if (report != null) {
        warnAtExit(report);
      }
    } catch (RuntimeException e) {
      // Never fail the JVM's exit.
    }
  }

  /**
   * Logs {@code message}, or prints it to stderr when no handler would publish it: the JDK's own
   * shutdown hook resets java.util.logging, removing every handler, while this one still waits.
   */
  private static void warnAtExit(String message) {
    for (Logger logger = LOGGER; logger != null; logger = logger.getParent()) {
      if (logger.getHandlers().length > 0) {
        LOGGER.log(Level.WARNING, message);
        return;
      }
      if (!logger.getUseParentHandlers()) {
        break;
      }
    }
    System.err.println("WARNING: " + message);
  }

  /**
   * Returns true once {@code init} has installed a pipeline, and still after {@link #shutdown()}: the
   * stopped pipeline stays installed, so that its counts stay readable in {@link #getStats()} and
   * spans ended later are dropped and counted there, and so that nothing (such as the X-Ray API,
   * which starts TraceKit on first use) starts a new pipeline behind an app that stopped tracing.
   * Only a new {@code init} replaces it.
   */
  public static boolean isInitialized() {
    return global != NOT_INITIALIZED;
  }

  /**
   * Initializes TraceKit from {@code config} unless it already is, and returns the global pipeline:
   * for layers (such as the X-Ray API) that start TraceKit on first use without overriding an
   * application's own {@code init}.
   */
  public static Tracer initIfAbsent(java.util.function.Supplier<TraceKitConfig> config) {
    synchronized (LOCK) {
      if (global != NOT_INITIALIZED) {
        return global;
      }
      return init(config.get());
    }
  }

  /** Returns the global pipeline, for bridges that build spans themselves. */
  public static Tracer tracer() {
    return global;
  }

  /** Returns what the global pipeline has done with its spans so far. */
  public static PipelineStats getStats() {
    return global.getStats();
  }

  // --- spans ---

  /** Starts a span as a child of the current span (or a new root) and makes it current. */
  public static Span startSpan(String name) {
    return global.startSpan(name);
  }

  /** Returns a builder for a span with an explicit parent, kind, ids or start time. */
  public static SpanBuilder spanBuilder(String name) {
    return global.spanBuilder(name);
  }

  /** Returns this thread's current span, or {@link Span#invalid()} when there is none. */
  public static Span currentSpan() {
    return Span.current();
  }

  // --- context hand-off ---

  /** Returns a task that runs {@code task} with the span current now. */
  public static Runnable wrap(Runnable task) {
    return ContextWrappers.wrap(task, currentSpan());
  }

  /** Returns a task that calls {@code task} with the span current now. */
  public static <T> Callable<T> wrap(Callable<T> task) {
    return ContextWrappers.wrap(task, currentSpan());
  }

  /** Returns an executor that runs each task with the span that was current when it was submitted. */
  public static Executor wrap(Executor executor) {
    return ContextWrappers.wrap(executor);
  }

  /** Returns an executor service that runs each task with the span current when it was submitted. */
  public static ExecutorService wrap(ExecutorService executor) {
    return ContextWrappers.wrap(executor);
  }

  // --- options ---

  /** One setting for {@link #init(String, Option...)}. */
  public interface Option {
    /** Applies this setting to {@code builder}. */
    void applyTo(TraceKitConfig.Builder builder);
  }

  /** Sets {@code service.name}. */
  public static Option withService(String serviceName) {
    return b -> b.setServiceName(serviceName);
  }

  /** Sets the deployment environment, such as {@code production}. */
  public static Option withEnvironment(String environment) {
    return b -> b.setEnvironment(environment);
  }

  /** Sets {@code service.version}. */
  public static Option withServiceVersion(String serviceVersion) {
    return b -> b.setServiceVersion(serviceVersion);
  }

  /** Sets the full traces URL (default {@code https://app.tracekit.dev/v1/traces}). */
  public static Option withEndpoint(String endpoint) {
    return b -> b.setEndpoint(endpoint);
  }

  /** Samples this fraction of new traces, within [0, 1] (default 1). */
  public static Option withSampleRate(double sampleRate) {
    return b -> b.setSampleRate(sampleRate);
  }

  /** Chooses where spans go: OTLP, the console, or nowhere. */
  public static Option withExporter(ExporterType exporterType) {
    return b -> b.setExporterType(exporterType);
  }

  /** Sends spans to {@code exporter} instead of a built-in one. */
  public static Option withSpanExporter(SpanExporter exporter) {
    return b -> b.setSpanExporter(exporter);
  }

  /** Uses {@code sampler} instead of the sample rate. */
  public static Option withSampler(Sampler sampler) {
    return b -> b.setSampler(sampler);
  }

  /** Bounds the span queue (default 8192); spans beyond it are dropped and counted. */
  public static Option withMaxQueueSize(int maxQueueSize) {
    return b -> b.setMaxQueueSize(maxQueueSize);
  }

  /** Sets how many OTLP requests may be in flight at once (default 1, at most 16). */
  public static Option withMaxConcurrentExports(int maxConcurrentExports) {
    return b -> b.setMaxConcurrentExports(maxConcurrentExports);
  }

  /** Sets the largest batch per request (default 512). */
  public static Option withMaxExportBatchSize(int maxExportBatchSize) {
    return b -> b.setMaxExportBatchSize(maxExportBatchSize);
  }

  /** Sets the longest wait before a partial batch is sent (default 1 s). */
  public static Option withScheduleDelay(long delay, TimeUnit unit) {
    return b -> b.setScheduleDelay(delay, unit);
  }

  /** Sets the time budget of one export, retries included (default 10 s). */
  public static Option withExportTimeout(long timeout, TimeUnit unit) {
    return b -> b.setExportTimeout(timeout, unit);
  }

  /** Compresses request bodies with gzip (default off, as TraceKit's SDKs). */
  public static Option withGzip(boolean gzip) {
    return b -> b.setGzip(gzip);
  }

  /** Sets the encoding of OTLP request bodies (default {@link OtlpProtocol#HTTP_PROTOBUF}). */
  public static Option withProtocol(OtlpProtocol protocol) {
    return b -> b.setProtocol(protocol);
  }

  /** Allows a plain {@code http://} endpoint on a non-loopback host. */
  public static Option withAllowInsecure(boolean allowInsecure) {
    return b -> b.setAllowInsecure(allowInsecure);
  }

  /** Switches tracing on or off. */
  public static Option withEnabled(boolean enabled) {
    return b -> b.setEnabled(enabled);
  }

  /** Adds a resource attribute. */
  public static Option withResourceAttribute(String key, String value) {
    return b -> b.putResourceAttribute(key, value);
  }

  /** Registers (default) or not the JVM shutdown hook that flushes on exit. */
  public static Option withShutdownHook(boolean enabled) {
    return b -> b.setShutdownHook(enabled);
  }
}
