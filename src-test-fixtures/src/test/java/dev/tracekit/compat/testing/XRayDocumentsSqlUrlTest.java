package dev.tracekit.compat.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.secrets.JdbcUrlCorpus;
import dev.tracekit.compat.core.secrets.TestSecrets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fixtures strip credentials from the real SDK's SQL URLs exactly as the shim does from its
 * spans' {@code aws.xray.sql.url} (the shim's SqlUrlsTest holds it to the same corpus), so shapes
 * compare equal whatever URL shape an application records.
 */
class XRayDocumentsSqlUrlTest {
  static List<JdbcUrlCorpus.Case> corpus() {
    return JdbcUrlCorpus.cases();
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void credentialsAreStrippedAsTheShimStripsThem(JdbcUrlCorpus.Case c) {
    String stripped = XRayDocuments.stripCredentials(c.url);

    assertThat(TestSecrets.containsSecret(stripped)).isFalse();
    assertThat(stripped).isEqualTo(c.stripped);
  }
}
