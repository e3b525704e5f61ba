package dev.tracekit.compat.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Runs the REAL aws-xray-recorder-sdk-core next to the TraceKit shim in one JVM. Both define the
 * {@code com.amazonaws.xray} packages, so the real SDK and its runtime dependencies (jars the build
 * copies into a folder, not test dependencies) get their own class loader, whose parent is the JDK's
 * platform class loader: nothing of the test class path is visible to it.
 *
 * <p>The code that runs on both sides is a set of small "programs": Java sources (plain classes with
 * public static methods that return JDK types only — strings, numbers, lists, maps) compiled with
 * {@link #compile} against the real SDK, so the very same bytecode then runs over the real SDK
 * ({@link #realLoader}) and over the shim ({@link #shimLoader}, the test class path), and {@link
 * #call} invokes a method on either.
 *
 * <pre>{@code
 * IsolatedXRaySdk sdk = IsolatedXRaySdk.fromDirectory(Paths.get("target/xray-reference"));
 * Path programs = sdk.compile(Paths.get("src/test/xray-programs"), Paths.get("target/xray-programs"));
 * Object before = IsolatedXRaySdk.call(sdk.realLoader(programs), "app.Checkout", "run");
 * Object after = IsolatedXRaySdk.call(IsolatedXRaySdk.shimLoader(programs, getClass().getClassLoader()),
 *     "app.Checkout", "run");
 * }</pre>
 *
 * Needs a JDK (for {@code javax.tools}) and Java 9+ for the platform class loader (on Java 8 the
 * bootstrap loader is the parent, which isolates just as well).
 */
public final class IsolatedXRaySdk {
  /** File name prefix of the real SDK's jar, which {@link #fromDirectory} requires. */
  public static final String SDK_JAR_PREFIX = "aws-xray-recorder-sdk-core-";

  private final List<Path> jars;

  private IsolatedXRaySdk(List<Path> jars) {
    this.jars = Collections.unmodifiableList(new ArrayList<>(jars));
  }

  /**
   * Uses every jar in a folder: the real SDK's jar and its runtime dependencies (commons-logging,
   * Jackson; add jackson-datatype-jsr310 if the programs record {@code java.time} values).
   *
   * @throws IllegalStateException if the folder cannot be read or holds no {@code
   *     aws-xray-recorder-sdk-core-*.jar}
   */
  public static IsolatedXRaySdk fromDirectory(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> found =
          files.filter(f -> f.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
      if (found.stream().noneMatch(j -> j.getFileName().toString().startsWith(SDK_JAR_PREFIX))) {
        throw new IllegalStateException("No " + SDK_JAR_PREFIX + "*.jar in " + directory + ": " + found);
      }
      return new IsolatedXRaySdk(found);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list the real X-Ray SDK's jars in " + directory, e);
    }
  }

  /** Uses these jars (the real SDK and its runtime dependencies). */
  public static IsolatedXRaySdk fromJars(List<Path> jars) {
    return new IsolatedXRaySdk(jars);
  }

  /** The real SDK's jars. */
  public List<Path> getJars() {
    return jars;
  }

  /**
   * Compiles every {@code .java} file under {@code sources} against the real SDK ({@code --release
   * 8}) into {@code out}, which is emptied first, and returns {@code out}.
   *
   * @throws IllegalStateException if there is no compiler (a JRE) or the sources do not compile
   */
  public Path compile(Path sources, Path out) {
    try {
      deleteRecursively(out);
      Files.createDirectories(out);
      List<String> files;
      try (Stream<Path> walk = Files.walk(sources)) {
        files = walk.filter(f -> f.toString().endsWith(".java")).map(Path::toString).sorted().collect(Collectors.toList());
      }
      String classpath = jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
      List<String> args =
          new ArrayList<>(
              Arrays.asList(
                  "--release", "8", "-encoding", "UTF-8", "-proc:none", "-nowarn",
                  "-classpath", classpath, "-d", out.toString()));
      args.addAll(files);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      if (javac == null) {
        throw new IllegalStateException("Compiling X-Ray programs needs a JDK (javax.tools), not a JRE");
      }
      ByteArrayOutputStream messages = new ByteArrayOutputStream();
      int status = javac.run(null, messages, messages, args.toArray(new String[0]));
      if (status != 0) {
        throw new IllegalStateException(
            "Compiling the X-Ray programs in " + sources + " failed:\n"
                + new String(messages.toByteArray(), StandardCharsets.UTF_8));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns a new class loader over the program classes and the real SDK, isolated from the test
   * class path. Keep one per test class (or JVM): each has its own copy of the SDK's statics.
   */
  public ClassLoader realLoader(Path programClasses) {
    List<URL> urls = new ArrayList<>();
    urls.add(url(programClasses));
    for (Path jar : jars) {
      urls.add(url(jar));
    }
    return new URLClassLoader(urls.toArray(new URL[0]), platformClassLoader());
  }

  /** Returns a class loader over the program classes whose parent (with the shim) is {@code parent}. */
  public static ClassLoader shimLoader(Path programClasses, ClassLoader parent) {
    return new URLClassLoader(new URL[] {url(programClasses)}, parent);
  }

  /**
   * Calls the public static method {@code className.method} with {@code args.length} parameters,
   * loaded by {@code loader}, with {@code loader} as the thread's context class loader meanwhile
   * (the real SDK's Jackson and commons-logging look things up through it), and returns its result.
   * What the method throws is rethrown as is (checked exceptions wrapped).
   */
  public static Object call(ClassLoader loader, String className, String method, Object... args) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      Class<?> type = Class.forName(className, true, loader);
      return find(type, method, args.length).invoke(null, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot call " + className + "." + method, e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static Method find(Class<?> type, String name, int arity) throws NoSuchMethodException {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == arity && Modifier.isStatic(m.getModifiers())) {
        return m;
      }
    }
    throw new NoSuchMethodException(type.getName() + "." + name + " with " + arity + " parameters");
  }

  private static ClassLoader platformClassLoader() {
    try {
      return (ClassLoader) ClassLoader.class.getMethod("getPlatformClassLoader").invoke(null);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  private static URL url(Path path) {
    try {
      return path.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(path.toString(), e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }
}
