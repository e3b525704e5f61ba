package dev.tracekit.compat.xray.reference;

import dev.tracekit.compat.core.ChildJvm;
import dev.tracekit.compat.testkit.xray.XRaySdkClassLoaders;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs the X-Ray programs of {@link XRayPrograms} on one of two runtimes and returns what they
 * return (JDK types only: strings, numbers, booleans, lists, maps), so tests can compare the shim
 * with the real SDK call for call.
 *
 * <ul>
 *   <li>{@link #REAL}: the real aws-xray-recorder-sdk-core 2.21.0 and its runtime dependencies, in a
 *       class loader of the test kit ({@link XRaySdkClassLoaders#isolated}) whose parent is the JDK's platform class loader: nothing of the test
 *       classpath (our {@code com.amazonaws.xray} classes, our Jackson) is visible to it.
 *   <li>{@link #SHIM}: the same program classes over the test class loader, where {@code
 *       com.amazonaws.xray} is this module.
 * </ul>
 *
 * <p>Programs are plain classes with public static methods; {@link #call} finds the method by name
 * and argument count. During a call the thread's context class loader is the runtime's loader (the
 * real SDK's Jackson looks up modules through it, commons-logging its implementation).
 */
public enum XRayReference {
  REAL,
  SHIM;

  private ClassLoader loader;

  /** Calls {@code className.method(args)} on this runtime and returns its result. */
  public Object call(String className, String method, Object... args) {
    return XRaySdkClassLoaders.call(loader(), className, method, args);
  }

  /**
   * Compares what a program returned on each runtime, key by key: one line per key whose values
   * differ, {@code key: real <value> | shim <value>}, sorted; empty when they agree.
   */
  public static List<String> differences(Map<String, ?> real, Map<String, ?> shim) {
    Set<String> keys = new TreeSet<>(real.keySet());
    keys.addAll(shim.keySet());
    List<String> out = new ArrayList<>();
    for (String key : keys) {
      if (!Objects.equals(real.get(key), shim.get(key))) {
        out.add(key + ": real " + real.get(key) + " | shim " + shim.get(key));
      }
    }
    return out;
  }

  /** Returns the folder of the X-Ray programs, compiled against the real SDK. */
  public static Path programClasses() {
    return XRayPrograms.classes();
  }

  /** Returns the real SDK's jar and its runtime dependencies. */
  public static List<Path> realSdkJars() {
    return XRayPrograms.referenceJars();
  }

  /**
   * Returns a child JVM that runs {@code mainClass} (one of the X-Ray programs) on this runtime:
   * the program classes with the real SDK's jars, or with the shim's classes and runtime class path
   * (which the build writes to {@code target/shim-runtime.classpath}).
   */
  public ChildJvm childJvm(String mainClass) {
    List<String> entries = new ArrayList<>();
    entries.add(programClasses().toString());
    if (this == REAL) {
      for (Path jar : realSdkJars()) {
        entries.add(jar.toString());
      }
    } else {
      entries.add(System.getProperty("xray.shim.classes", "target/classes"));
      Path file = Paths.get(System.getProperty("xray.shim.classpath", "target/shim-runtime.classpath"));
      try {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
        entries.addAll(Arrays.asList(text.split(File.pathSeparator)));
      } catch (IOException e) {
        throw new UncheckedIOException("Run the build first: it writes " + file, e);
      }
    }
    return ChildJvm.of(mainClass).classpath(entries);
  }

  /** Returns the class loader of this runtime (one per test JVM). */
  public synchronized ClassLoader loader() {
    if (loader == null) {
      loader = this == REAL ? realLoader() : shimLoader();
    }
    return loader;
  }

  private static ClassLoader realLoader() {
    return XRayPrograms.sdk().isolated(XRayPrograms.classes());
  }

  private static ClassLoader shimLoader() {
    return XRaySdkClassLoaders.overShim(XRayPrograms.classes(), XRayReference.class.getClassLoader());
  }
}
