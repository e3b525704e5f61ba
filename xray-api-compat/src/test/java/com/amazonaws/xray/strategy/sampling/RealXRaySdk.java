package com.amazonaws.xray.strategy.sampling;

import dev.tracekit.compat.testkit.xray.XRaySdkClassLoaders;
import dev.tracekit.compat.xray.reference.XRayReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The real aws-xray-recorder-sdk-core 2.21.0, loaded in a class loader of its own (its packages are
 * ours, so it is never on the test class path), for tests that compare decisions with it.
 *
 * <p>Its jars are the reference jars the build copies into {@code target/xray-reference}, loaded by
 * the test kit ({@link XRaySdkClassLoaders#isolated}).
 */
final class RealXRaySdk {
  private static final String PACKAGE = "com.amazonaws.xray.strategy.sampling.";

  private final ClassLoader loader;

  private RealXRaySdk(ClassLoader loader) {
    this.loader = loader;
  }

  /**
   * Returns the real SDK over the reference jars the build copies into {@code target/xray-reference}
   * (see {@link XRayReference}), or a reason it cannot be loaded.
   */
  static Optional<RealXRaySdk> load(List<String> problems) {
    List<Path> jars;
    try {
      jars = XRayReference.realSdkJars();
    } catch (RuntimeException e) {
      problems.add(e.toString());
      return Optional.empty();
    }
    // The platform loader (the bootstrap loader on Java 8) sees the JDK but nothing of this test.
    return Optional.of(new RealXRaySdk(XRaySdkClassLoaders.fromJars(jars).isolated(null)));
  }

  /** Returns where the real class {@code simpleName} of the sampling package was loaded from. */
  URL locationOf(String simpleName) throws ReflectiveOperationException, URISyntaxException {
    return loader
        .loadClass(PACKAGE + simpleName)
        .getProtectionDomain()
        .getCodeSource()
        .getLocation();
  }

  /**
   * Creates the real {@code LocalizedSamplingStrategy(URL)}; rethrows what its constructor throws.
   */
  Strategy localized(@Nullable URL rules) throws Exception {
    Constructor<?> constructor =
        loader.loadClass(PACKAGE + "LocalizedSamplingStrategy").getConstructor(URL.class);
    try {
      return new Strategy(constructor.newInstance(rules));
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception) {
        throw (Exception) cause;
      }
      throw e;
    }
  }

  /** A real strategy, driven by reflection. */
  final class Strategy {
    private final Object strategy;

    private Strategy(Object strategy) {
      this.strategy = strategy;
    }

    /**
     * Returns the real decision for the request {@code new SamplingRequest(service, host, url,
     * method, null)}.
     */
    Decision shouldTrace(
        @Nullable String service,
        @Nullable String host,
        @Nullable String url,
        @Nullable String method)
        throws ReflectiveOperationException {
      Class<?> requestClass = loader.loadClass(PACKAGE + "SamplingRequest");
      Object request =
          requestClass
              .getConstructor(String.class, String.class, String.class, String.class, String.class)
              .newInstance(service, host, url, method, null);
      Object response =
          strategy.getClass().getMethod("shouldTrace", requestClass).invoke(strategy, request);
      boolean sampled = (Boolean) response.getClass().getMethod("isSampled").invoke(response);
      Optional<?> ruleName =
          (Optional<?>) response.getClass().getMethod("getRuleName").invoke(response);
      return new Decision(sampled, ruleName.isPresent());
    }

    @Nullable
    URL getSamplingManifestURL() throws ReflectiveOperationException {
      return (URL) strategy.getClass().getMethod("getSamplingManifestURL").invoke(strategy);
    }
  }

  /** A sampling decision: sampled or not, and whether it named a rule. */
  static final class Decision {
    final boolean sampled;
    final boolean named;

    Decision(boolean sampled, boolean named) {
      this.sampled = sampled;
      this.named = named;
    }

    static Decision of(SamplingResponse response) {
      return new Decision(response.isSampled(), response.getRuleName().isPresent());
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Decision
          && ((Decision) o).sampled == sampled
          && ((Decision) o).named == named;
    }

    @Override
    public int hashCode() {
      return (sampled ? 1 : 0) + (named ? 2 : 0);
    }

    @Override
    public String toString() {
      return (sampled ? "sampled" : "not sampled") + (named ? " (named rule)" : "");
    }
  }
}
