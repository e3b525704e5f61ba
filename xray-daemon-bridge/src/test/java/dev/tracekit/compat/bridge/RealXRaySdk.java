package dev.tracekit.compat.bridge;

import dev.tracekit.compat.testkit.xray.XRaySdkClassLoaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The REAL aws-xray-recorder-sdk-core 2.21.0 (copied by the build into {@code
 * target/xray-reference}) in a class loader of its own, with the program {@code
 * com.amazonaws.xray.internal.SamplingApiProgram} (test resources, {@code xray-programs/}) compiled
 * against it; and, for child JVMs, the jars and the compiled programs. The only bridge between the two class loaders: the program takes and returns JDK
 * types, called through {@link XRaySdkClassLoaders#call}.
 */
final class RealXRaySdk implements AutoCloseable {
  private static final String PROGRAM = "com.amazonaws.xray.internal.SamplingApiProgram";

  private final URLClassLoader loader;

  private RealXRaySdk(URLClassLoader loader) {
    this.loader = loader;
  }

  @Nullable private static Path compiled;

  static RealXRaySdk load() {
    return new RealXRaySdk(sdk().isolated(programClasses()));
  }

  /** The real SDK's jar and its runtime dependencies. */
  static List<Path> jars() {
    return sdk().jars();
  }

  /** The programs of {@code xray-programs/}, compiled against the real SDK once per test JVM. */
  static synchronized Path programClasses() {
    if (compiled == null) {
      Path classes = Paths.get(System.getProperty("xray.programs.dir", "target/xray-programs"));
      compiled = sdk().compile(programSources(), classes);
    }
    return compiled;
  }

  private static XRaySdkClassLoaders sdk() {
    Path jars = Paths.get(System.getProperty("xray.reference.dir", "target/xray-reference"));
    try {
      return XRaySdkClassLoaders.fromDirectory(jars, "aws-xray-recorder-sdk-core-2.21.0");
    } catch (IOException e) {
      throw new UncheckedIOException("The build copies the real X-Ray SDK to " + jars, e);
    }
  }

  /** The records the real client parsed from {@code GetSamplingRules} (see the program). */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> rules(InetSocketAddress daemon) {
    return (List<Map<String, Object>>) call("rules", endpoint(daemon));
  }

  /** The rule names the SDK's own manifest kept, the default rule's last. */
  @SuppressWarnings("unchecked")
  List<String> manifest(InetSocketAddress daemon) {
    return (List<String>) call("manifest", endpoint(daemon));
  }

  /** What the real client parsed from {@code GetSamplingTargets} (see the program). */
  @SuppressWarnings("unchecked")
  Map<String, Object> targets(InetSocketAddress daemon, String clientId, List<String> ruleNames) {
    return (Map<String, Object>) call("targets", endpoint(daemon), clientId, ruleNames);
  }

  @Override
  public void close() throws IOException {
    loader.close();
  }

  private Object call(String method, Object... args) {
    return XRaySdkClassLoaders.call(loader, PROGRAM, method, args);
  }

  /** The daemon address as the SDK builds its endpoint ({@code http://host:port}). */
  private static String endpoint(InetSocketAddress daemon) {
    return "http://" + daemon.getAddress().getHostAddress() + ":" + daemon.getPort();
  }

  private static Path programSources() {
    return XRaySdkClassLoaders.resourceFolder(RealXRaySdk.class.getClassLoader(), "xray-programs");
  }
}
