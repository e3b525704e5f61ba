package dev.tracekit.compat.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsolatedXRaySdkTest {
  private static final Path REFERENCE =
      Paths.get(System.getProperty("xray.reference.dir", "target/xray-reference"));

  @Test
  void aFolderWithoutTheRealSdkIsRejected(@TempDir Path empty) throws Exception {
    Files.createFile(empty.resolve("jackson-core-2.18.0.jar"));
    assertThatThrownBy(() -> IsolatedXRaySdk.fromDirectory(empty))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("aws-xray-recorder-sdk-core-");
  }

  @Test
  void theRealSdkIsLoadedApartFromTheShimAndTheTestClassPath(@TempDir Path programs) throws Exception {
    ClassLoader real = IsolatedXRaySdk.fromDirectory(REFERENCE).realLoader(programs);
    Class<?> realRecorder = Class.forName("com.amazonaws.xray.AWSXRayRecorder", false, real);
    assertThat(realRecorder).isNotSameAs(com.amazonaws.xray.AWSXRayRecorder.class);
    assertThat(realRecorder.getProtectionDomain().getCodeSource().getLocation().toString())
        .contains("aws-xray-recorder-sdk-core-2.21.0");
    assertThatThrownBy(() -> Class.forName(TraceShape.class.getName(), false, real))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void sourcesThatDoNotCompileAgainstTheRealSdkFailWithTheCompilerMessages(@TempDir Path dir) throws Exception {
    Path sources = Files.createDirectories(dir.resolve("src/p"));
    Files.write(sources.resolve("Bad.java"),
        "package p; class Bad { com.amazonaws.xray.NoSuchType x; }".getBytes("UTF-8"));
    assertThatThrownBy(() -> IsolatedXRaySdk.fromDirectory(REFERENCE).compile(dir.resolve("src"), dir.resolve("out")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("NoSuchType");
  }
}
