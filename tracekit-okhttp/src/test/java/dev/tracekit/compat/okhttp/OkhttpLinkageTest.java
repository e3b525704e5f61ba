package dev.tracekit.compat.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.BinaryLinkage;
import java.nio.file.Paths;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The interceptor runs on the app's OkHttp, which this module does not bring: compiled against 4.12,
 * its classes must also link against 3.14 (the last Java release, with Okio 1) and the newest 5.x.
 */
class OkhttpLinkageTest {
  @Test
  void compiledClassesLinkAgainstOkHttp3And5() throws Exception {
    assertThat(
            BinaryLinkage.unresolvedAgainstEach(
                Paths.get("target/classes"),
                Arrays.asList("okhttp-floor", "okhttp-newest"),
                "okhttp3",
                "okio"))
        .isEmpty();
  }
}
