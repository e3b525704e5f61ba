package dev.tracekit.compat.xray.servlet;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The real X-Ray SDK 2.21.0, loaded from {@code target/xray-reference} (copied there by the build)
 * in a child-first class loader, since its classes have the same names as ours. Servlet, Jackson
 * and JDK classes come from the test class path, so its filters plug into our containers. Public
 * for the reliability tests.
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
    URL[] urls = new URL[jars.length];
    for (int i = 0; i < jars.length; i++) {
      urls[i] = jars[i].toURI().toURL();
    }
    return new ReferenceSdk(new ChildFirst(urls, ReferenceSdk.class.getClassLoader()));
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

  /** Loads the SDK's own classes (and commons-logging) from its jars before asking the parent. */
  private static final class ChildFirst extends URLClassLoader {
    ChildFirst(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    private static boolean isolated(String name) {
      return name.startsWith("com.amazonaws.xray.") || name.startsWith("org.apache.commons.logging.");
    }

    private static boolean isolatedResource(String name) {
      return name.startsWith("com/amazonaws/xray/")
          || name.startsWith("org/apache/commons/logging/")
          || name.startsWith("META-INF/services/com.amazonaws.xray.")
          || name.startsWith("META-INF/services/org.apache.commons.logging.");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!isolated(name)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          loaded = findClass(name);
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }

    @Override
    public URL getResource(String name) {
      return isolatedResource(name) ? findResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (!isolatedResource(name)) {
        return super.getResources(name);
      }
      List<URL> own = new ArrayList<>(Collections.list(findResources(name)));
      return Collections.enumeration(own);
    }
  }
}
