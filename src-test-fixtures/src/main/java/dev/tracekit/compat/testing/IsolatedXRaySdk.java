package dev.tracekit.compat.testing;

import dev.tracekit.compat.testkit.xray.XRaySdkClassLoaders;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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

  private final XRaySdkClassLoaders loaders;

  private IsolatedXRaySdk(XRaySdkClassLoaders loaders) {
    this.loaders = loaders;
  }

  /**
   * Uses every jar in a folder: the real SDK's jar and its runtime dependencies (commons-logging,
   * Jackson; add jackson-datatype-jsr310 if the programs record {@code java.time} values).
   *
   * @throws IllegalStateException if the folder cannot be read or holds no {@code
   *     aws-xray-recorder-sdk-core-*.jar}
   */
  public static IsolatedXRaySdk fromDirectory(Path directory) {
    try {
      return new IsolatedXRaySdk(XRaySdkClassLoaders.fromDirectory(directory, SDK_JAR_PREFIX));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list the real X-Ray SDK's jars in " + directory, e);
    }
  }

  /** Uses these jars (the real SDK and its runtime dependencies). */
  public static IsolatedXRaySdk fromJars(List<Path> jars) {
    return new IsolatedXRaySdk(XRaySdkClassLoaders.fromJars(jars));
  }

  /** The real SDK's jars. */
  public List<Path> getJars() {
    return loaders.jars();
  }

  /**
   * Compiles every {@code .java} file under {@code sources} against the real SDK ({@code --release
   * 8}) into {@code out}, which is emptied first, and returns {@code out}.
   *
   * @throws IllegalStateException if there is no compiler (a JRE) or the sources do not compile
   */
  public Path compile(Path sources, Path out) {
    return loaders.compile(sources, out);
  }

  /**
   * Returns a new class loader over the program classes and the real SDK, isolated from the test
   * class path. Keep one per test class (or JVM): each has its own copy of the SDK's statics.
   */
  public ClassLoader realLoader(Path programClasses) {
    return loaders.isolated(programClasses);
  }

  /** Returns a class loader over the program classes whose parent (with the shim) is {@code parent}. */
  public static ClassLoader shimLoader(Path programClasses, ClassLoader parent) {
    return XRaySdkClassLoaders.overShim(programClasses, parent);
  }

  /**
   * Calls the public static method {@code className.method} with {@code args.length} parameters,
   * loaded by {@code loader}, with {@code loader} as the thread's context class loader meanwhile
   * (the real SDK's Jackson and commons-logging look things up through it), and returns its result.
   * What the method throws is rethrown as is (checked exceptions wrapped).
   */
  public static Object call(ClassLoader loader, String className, String method, Object... args) {
    return XRaySdkClassLoaders.call(loader, className, method, args);
  }
}
