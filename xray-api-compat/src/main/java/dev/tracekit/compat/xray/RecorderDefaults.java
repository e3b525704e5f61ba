package dev.tracekit.compat.xray;

import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.internal.IdGenerator;
import dev.tracekit.compat.core.internal.Version;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** What a new recorder starts with: id generator, emitter, SDK and runtime descriptions. */
public final class RecorderDefaults {
  /** The {@code aws.xray.sdk} value segments carry, naming this implementation. */
  public static final String SDK_NAME = "X-Ray for Java (TraceKit compat)";

  private static final IdGenerator ID_GENERATOR = new RandomIdGenerator();

  private RecorderDefaults() {}

  /** Returns the id generator (one thread-local random source). */
  public static IdGenerator idGenerator() {
    return ID_GENERATOR;
  }

  /**
   * Returns the default emitter: one that sends nothing (spans already went to TraceKit), or, when
   * dual-writing is on, a UDP emitter to the configured X-Ray daemon.
   */
  public static Emitter emitter() {
    return DualWrite.emitter();
  }

  /** Returns the {@code aws.xray} map of every segment: SDK name and version. */
  public static Map<String, Object> sdkDescription() {
    Map<String, Object> sdk = new LinkedHashMap<>();
    sdk.put("sdk_version", Version.get());
    sdk.put("sdk", SDK_NAME);
    return Collections.unmodifiableMap(sdk);
  }

  /** Returns the {@code service} map of every segment: the Java runtime. */
  public static Map<String, Object> runtimeDescription() {
    Map<String, Object> runtime = new LinkedHashMap<>();
    runtime.put("runtime", System.getProperty("java.vm.name", "Java"));
    runtime.put("runtime_version", System.getProperty("java.version", "unknown"));
    return runtime;
  }

  /** Trace ids from the thread-local random source. */
  private static final class RandomIdGenerator extends IdGenerator {
    @Override
    public String newTraceId() {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      return String.format("%08x%016x", random.nextInt(), random.nextLong());
    }
  }
}
