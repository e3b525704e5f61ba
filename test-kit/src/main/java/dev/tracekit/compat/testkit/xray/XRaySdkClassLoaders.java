package dev.tracekit.compat.testkit.xray;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The test kit's loader of the REAL aws-xray-recorder-sdk-core: its jar and its runtime
 * dependencies (which a build copies into a folder; they are never on a test class path, since the
 * shim defines the same {@code com.amazonaws.xray} packages) in class loaders of their own.
 *
 * <ul>
 *   <li>{@link #isolated}: the SDK (and program classes) over the JDK's platform class loader,
 *       nothing of the test class path visible.
 *   <li>{@link #childFirst}: the SDK's own classes and commons-logging from its jars, everything
 *       else (servlet API, Jackson) from a parent, so that its filters plug into a test's servers.
 * </ul>
 *
 * It also compiles "programs" (plain classes with public static methods) against the real SDK
 * ({@link #compile}), so the same bytecode runs over the real SDK and over the shim ({@link
 * #overShim}), and {@link #call}s their methods on either.
 */
public final class XRaySdkClassLoaders {
  private final List<Path> jars;

  private XRaySdkClassLoaders(List<Path> jars) {
    this.jars = Collections.unmodifiableList(new ArrayList<>(jars));
  }

  /**
   * Uses every jar in {@code directory}, which must hold one whose file name starts with {@code
   * requiredJar} (the real SDK's).
   *
   * @throws IOException if the folder cannot be listed
   * @throws IllegalStateException if no jar is named so
   */
  public static XRaySdkClassLoaders fromDirectory(Path directory, String requiredJar)
      throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> found =
          files.filter(f -> f.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
      if (found.stream().noneMatch(j -> j.getFileName().toString().startsWith(requiredJar))) {
        throw new IllegalStateException(
            "No " + requiredJar + "*.jar in " + directory + ": " + found);
      }
      return new XRaySdkClassLoaders(found);
    }
  }

  /** Uses these jars (the real SDK and its runtime dependencies). */
  public static XRaySdkClassLoaders fromJars(List<Path> jars) {
    return new XRaySdkClassLoaders(jars);
  }

  /**
   * Returns the folder of the test resources named {@code name} (the X-Ray programs' sources), as
   * {@code loader} finds it on the file system.
   *
   * @throws IllegalStateException if it is not a folder of the file system
   */
  public static Path resourceFolder(ClassLoader loader, String name) {
    URL url = loader.getResource(name);
    if (url == null || !"file".equals(url.getProtocol())) {
      throw new IllegalStateException("Test resource folder " + name + " not found: " + url);
    }
    try {
      return Paths.get(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The real SDK's jars. */
  public List<Path> jars() {
    return jars;
  }

  /**
   * Returns a new class loader over {@code programClasses} (when not null) and the real SDK, whose
   * parent is the platform class loader: isolated from the test class path. Each has its own copy
   * of the SDK's statics; close it when done with it.
   */
  public URLClassLoader isolated(@Nullable Path programClasses) {
    List<URL> urls = new ArrayList<>();
    if (programClasses != null) {
      urls.add(url(programClasses));
    }
    for (Path jar : jars) {
      urls.add(url(jar));
    }
    return new URLClassLoader(urls.toArray(new URL[0]), platformClassLoader());
  }

  /**
   * Returns a new class loader that takes {@code com.amazonaws.xray} and commons-logging (classes,
   * resources and service files) from the real SDK's jars only, and everything else from {@code
   * parent} first.
   */
  public ClassLoader childFirst(ClassLoader parent) {
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars) {
      urls.add(url(jar));
    }
    return new ChildFirst(urls.toArray(new URL[0]), parent);
  }

  /** Returns a class loader over the program classes whose parent (the shim's) is {@code parent}. */
  public static ClassLoader overShim(Path programClasses, ClassLoader parent) {
    return new URLClassLoader(new URL[] {url(programClasses)}, parent);
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
        files =
            walk.filter(f -> f.toString().endsWith(".java"))
                .map(Path::toString)
                .sorted()
                .collect(Collectors.toList());
      }
      String classpath =
          jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
      List<String> args =
          new ArrayList<>(
              Arrays.asList(
                  "--release", "8", "-encoding", "UTF-8", "-proc:none", "-nowarn",
                  "-classpath", classpath, "-d", out.toString()));
      args.addAll(files);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      if (javac == null) {
        throw new IllegalStateException(
            "Compiling X-Ray programs needs a JDK (javax.tools), not a JRE");
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

  /**
   * Returns the platform class loader (Java 9+), found reflectively because this code compiles
   * against the Java 8 API; null (the bootstrap loader, which isolates as well) on Java 8.
   */
  @Nullable
  private static ClassLoader platformClassLoader() {
    try {
      return (ClassLoader) ClassLoader.class.getMethod("getPlatformClassLoader").invoke(null);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  private static Method find(Class<?> type, String name, int arity) throws NoSuchMethodException {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name)
          && m.getParameterCount() == arity
          && Modifier.isStatic(m.getModifiers())) {
        return m;
      }
    }
    throw new NoSuchMethodException(
        type.getName() + "." + name + " with " + arity + " parameters");
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

  /** Loads the SDK's own classes (and commons-logging) from its jars before asking the parent. */
  private static final class ChildFirst extends URLClassLoader {
    ChildFirst(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    private static boolean isolated(String name) {
      return name.startsWith("com.amazonaws.xray.")
          || name.startsWith("org.apache.commons.logging.");
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
      return isolatedResource(name) ? findResources(name) : super.getResources(name);
    }
  }
}
