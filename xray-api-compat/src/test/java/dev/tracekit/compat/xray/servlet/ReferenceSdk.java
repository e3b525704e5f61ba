package dev.tracekit.compat.xray.servlet;

import dev.tracekit.compat.testkit.xray.XRaySdkClassLoaders;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The real X-Ray SDK 2.21.0, loaded from {@code target/xray-reference} (copied there by the build)
 * in the test kit's child-first class loader ({@link XRaySdkClassLoaders#childFirst}), since its
 * classes have the same names as ours. Servlet, Jackson and JDK classes come from the test class
 * path, so its filters plug into our containers. Public for the reliability tests.
 */
public final class ReferenceSdk {
  private final ClassLoader loader;

  private ReferenceSdk(ClassLoader loader) {
    this.loader = loader;
  }

  /** Returns the SDK, or null when the build did not provide its jars. */
  public static ReferenceSdk loadOrNull() throws IOException {
    String dir = System.getProperty("xray.reference.dir");
    File[] jars = dir == null ? null : new File(dir).listFiles((d, name) -> name.endsWith(".jar"));
    if (jars == null || jars.length == 0) {
      return null;
    }
    List<Path> paths = new ArrayList<>();
    for (File jar : jars) {
      paths.add(jar.toPath());
    }
    return new ReferenceSdk(
        XRaySdkClassLoaders.fromJars(paths).childFirst(ReferenceSdk.class.getClassLoader()));
  }

  Class<?> type(String name) throws ClassNotFoundException {
    return Class.forName(name, true, loader);
  }

  /**
   * Builds a real recorder that samples everything and hands the X-Ray document of every sampled
   * segment that ends to {@code documents}.
   */
  public Object recorder(Consumer<String> documents) throws ReflectiveOperationException {
    Class<?> builderType = type("com.amazonaws.xray.AWSXRayRecorderBuilder");
    Class<?> listenerType = type("com.amazonaws.xray.listeners.SegmentListener");
    Object builder = builderType.getMethod("standard").invoke(null);
    Object all = type("com.amazonaws.xray.strategy.sampling.AllSamplingStrategy").getConstructor().newInstance();
    builderType
        .getMethod("withSamplingStrategy", type("com.amazonaws.xray.strategy.sampling.SamplingStrategy"))
        .invoke(builder, all);
    Object listener =
        Proxy.newProxyInstance(
            loader,
            new Class<?>[] {listenerType},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "afterEndSegment":
                  Object segment = args[0];
                  if ((Boolean) segment.getClass().getMethod("isSampled").invoke(segment)) {
                    documents.accept((String) segment.getClass().getMethod("serialize").invoke(segment));
                  }
                  return null;
                case "equals":
                  return proxy == args[0];
                case "hashCode":
                  return System.identityHashCode(proxy);
                case "toString":
                  return "capturing listener";
                default:
                  return null;
              }
            });
    builderType.getMethod("withSegmentListener", listenerType).invoke(builder, listener);
    return builderType.getMethod("build").invoke(builder);
  }

  /**
   * Returns the real {@code new AWSXRayServletFilter(SegmentNamingStrategy.fixed(name), recorder)}
   * of the servlet API {@code api} ({@code javax} or {@code jakarta}).
   */
  public Object fixedNameFilter(String api, String name, Object recorder)
      throws ReflectiveOperationException {
    String strategyPackage = api.equals("javax") ? "com.amazonaws.xray.strategy" : "com.amazonaws.xray.strategy.jakarta";
    Class<?> namingType = type(strategyPackage + ".SegmentNamingStrategy");
    Method fixed = namingType.getMethod("fixed", String.class);
    return type("com.amazonaws.xray." + api + ".servlet.AWSXRayServletFilter")
        .getConstructor(namingType, type("com.amazonaws.xray.AWSXRayRecorder"))
        .newInstance(fixed.invoke(null, name), recorder);
  }
}
