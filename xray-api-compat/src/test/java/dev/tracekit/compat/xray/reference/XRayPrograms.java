package dev.tracekit.compat.xray.reference;

import dev.tracekit.compat.testkit.xray.XRaySdkClassLoaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The small X-Ray programs the reference and drop-in tests run, compiled once per test JVM against
 * the REAL aws-xray-recorder-sdk-core 2.21.0 (never against our classes), from the sources in the
 * test resources folder {@code xray-programs/}, into {@code target/xray-programs}. The same bytecode
 * then runs once over the real SDK and once over the shim, which is what makes the comparisons fair
 * and proves that no recompile is needed.
 */
final class XRayPrograms {
  private static Path compiled;
  private static XRaySdkClassLoaders sdk;

  private XRayPrograms() {}

  /** Returns the folder of compiled program classes, compiling them on first use. */
  static synchronized Path classes() {
    if (compiled == null) {
      compiled = compile();
    }
    return compiled;
  }

  /** Returns the jars of the real SDK and its runtime dependencies (copied there by the build). */
  static List<Path> referenceJars() {
    return sdk().jars();
  }

  /** Returns the test kit's loader over the real SDK's jars. */
  static synchronized XRaySdkClassLoaders sdk() {
    if (sdk == null) {
      Path dir = Paths.get(System.getProperty("xray.reference.dir", "target/xray-reference"));
      try {
        sdk = XRaySdkClassLoaders.fromDirectory(dir, "aws-xray-recorder-sdk-core-2.21.0");
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Run the build (mvn verify) first: it copies the real X-Ray SDK to " + dir, e);
      }
    }
    return sdk;
  }

  private static Path compile() {
    Path out = Paths.get(System.getProperty("xray.programs.dir", "target/xray-programs"));
    return sdk().compile(sourceFolder(), out);
  }

  private static Path sourceFolder() {
    return XRaySdkClassLoaders.resourceFolder(XRayPrograms.class.getClassLoader(), "xray-programs");
  }
}
