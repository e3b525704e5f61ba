package dev.tracekit.compat.xray;

import com.amazonaws.xray.entities.SearchPattern;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * How the servlet filters name their segments, shared by the javax and jakarta naming strategies
 * and filters: the {@code AWS_XRAY_TRACING_NAME} override, host matching, and the filter's init
 * parameters. Behaves as the X-Ray SDK does: names are used as given (not trimmed or validated), a
 * blank override counts as unset, and the environment variable wins over the system property. Not
 * API: public only for the {@code com.amazonaws.xray} packages.
 */
public final class SegmentNames {
  /** The environment variable that overrides every fixed name and dynamic fallback name. */
  public static final String OVERRIDE_ENVIRONMENT_VARIABLE = "AWS_XRAY_TRACING_NAME";
  /** The system property read when the environment variable is unset or blank. */
  public static final String OVERRIDE_SYSTEM_PROPERTY = "com.amazonaws.xray.strategy.tracingName";
  /** The request header a dynamic strategy names segments after. */
  public static final String HOST_HEADER = "Host";
  /** The host pattern of a dynamic strategy built without one: every host. */
  public static final String ANY_HOST = "*";

  /** Filter init parameter: the fixed segment name. */
  public static final String FIXED_NAME_PARAMETER = "fixedName";
  /** Filter init parameter: the dynamic strategy's fallback name; wins over {@code fixedName}. */
  public static final String FALLBACK_NAME_PARAMETER = "dynamicNamingFallbackName";
  /** Filter init parameter: the dynamic strategy's host pattern ({@code *} when unset). */
  public static final String RECOGNIZED_HOSTS_PARAMETER = "dynamicNamingRecognizedHosts";

  /** Why a filter without any naming configuration refuses to start. */
  public static final String MISSING_NAME_MESSAGE =
      "AWSXRayServletFilter has no segment name: set the init-param '"
          + FIXED_NAME_PARAMETER
          + "' (or '"
          + FALLBACK_NAME_PARAMETER
          + "' for host-based names), or pass a SegmentNamingStrategy to its constructor.";

  private static final Logger LOGGER = Logger.getLogger(SegmentNames.class.getName());

  private SegmentNames() {}

  /**
   * Returns the name set by {@code AWS_XRAY_TRACING_NAME}, else by the system property {@code
   * com.amazonaws.xray.strategy.tracingName}, else null. Blank values count as unset; others are
   * returned as set. Read on every call.
   */
  @Nullable
  public static String overrideName() {
    return overrideName(
        System.getenv(OVERRIDE_ENVIRONMENT_VARIABLE), System.getProperty(OVERRIDE_SYSTEM_PROPERTY));
  }

  @Nullable
  static String overrideName(@Nullable String environment, @Nullable String property) {
    if (!isBlank(environment)) {
      return environment;
    }
    return isBlank(property) ? null : property;
  }

  /**
   * Returns the name a fixed strategy uses: {@code override} when it is set (logged once, at
   * INFO, since this is when the strategy is built), else {@code configured}.
   */
  @Nullable
  public static String fixedName(@Nullable String configured, @Nullable String override) {
    if (override == null) {
      return configured;
    }
    LOGGER.log(
        Level.INFO,
        OVERRIDE_ENVIRONMENT_VARIABLE + " or " + OVERRIDE_SYSTEM_PROPERTY
            + " is set: segments of this fixed naming strategy are named '" + override + "'.");
    return override;
  }

  /**
   * Returns the fallback name a dynamic strategy uses: {@code override} when it is set (logged
   * once, at INFO), else {@code configured}.
   */
  @Nullable
  public static String fallbackName(@Nullable String configured, @Nullable String override) {
    if (override == null) {
      return configured;
    }
    LOGGER.log(
        Level.INFO,
        OVERRIDE_ENVIRONMENT_VARIABLE + " or " + OVERRIDE_SYSTEM_PROPERTY
            + " is set: segments of this dynamic naming strategy are named '" + override
            + "' when the Host header is missing or does not match.");
    return override;
  }

  /**
   * Returns {@code host} (the {@code Host} header, port included) when it matches {@code
   * recognizedHosts} ({@link SearchPattern#wildcardMatch(String, String)}: {@code *} and {@code ?},
   * case-insensitive), else {@code fallback}.
   */
  @Nullable
  public static String forHost(
      @Nullable String host, @Nullable String recognizedHosts, @Nullable String fallback) {
    if (host != null && SearchPattern.wildcardMatch(recognizedHosts, host)) {
      return host;
    }
    return fallback;
  }

  /**
   * Chooses a filter's naming strategy from its init parameters, as the X-Ray filter does: a
   * non-blank {@code dynamicNamingFallbackName} gives a dynamic strategy (hosts from {@code
   * dynamicNamingRecognizedHosts}, every host when that is blank); else a non-blank {@code
   * fixedName} gives a fixed one; else {@code configured} stays. Returns null when there is none, and
   * the filter must then refuse to start.
   *
   * @param dynamic builds a dynamic strategy from (fallback name, recognized hosts)
   */
  @Nullable
  public static <S> S strategyFromInitParameters(
      Function<String, String> initParameters,
      @Nullable S configured,
      Function<String, S> fixed,
      BiFunction<String, String, S> dynamic) {
    String fallback = initParameters.apply(FALLBACK_NAME_PARAMETER);
    if (!isBlank(fallback)) {
      String hosts = initParameters.apply(RECOGNIZED_HOSTS_PARAMETER);
      return dynamic.apply(fallback, isBlank(hosts) ? ANY_HOST : hosts);
    }
    String fixedName = initParameters.apply(FIXED_NAME_PARAMETER);
    if (!isBlank(fixedName)) {
      return fixed.apply(fixedName);
    }
    return configured;
  }

  static boolean isBlank(@Nullable String value) {
    return value == null || value.trim().isEmpty();
  }
}
