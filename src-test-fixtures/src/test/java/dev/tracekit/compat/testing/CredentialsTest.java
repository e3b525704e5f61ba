package dev.tracekit.compat.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.secrets.JdbcUrlCorpus;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.core.secrets.UrlCorpus;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fixtures remove credentials from the real SDK's URLs exactly as the shim does from its spans
 * (the shim's SqlUrlsTest and UrlRedactionTest hold it to the same corpora), so shapes compare
 * equal whatever URLs an application records.
 */
class CredentialsTest {
  static List<JdbcUrlCorpus.Case> sqlUrls() {
    return JdbcUrlCorpus.cases();
  }

  static List<UrlCorpus.Case> httpUrls() {
    return UrlCorpus.cases();
  }

  static List<String> cleanHttpUrls() {
    return UrlCorpus.clean();
  }

  @ParameterizedTest
  @MethodSource("sqlUrls")
  void sqlCredentialsAreStrippedAsTheShimStripsThem(JdbcUrlCorpus.Case c) {
    String stripped = Credentials.stripSql(c.url);

    assertThat(TestSecrets.containsSecret(stripped)).isFalse();
    assertThat(stripped).isEqualTo(c.stripped);
  }

  @ParameterizedTest
  @MethodSource("httpUrls")
  void urlCredentialsAreRedactedAsTheShimRedactsThem(UrlCorpus.Case c) {
    String redacted = Credentials.redactUrl(c.url);

    assertThat(TestSecrets.containsSecret(redacted)).isFalse();
    assertThat(redacted).isEqualTo(c.redacted);
  }

  @ParameterizedTest
  @MethodSource("cleanHttpUrls")
  void urlsWithoutCredentialsAreKeptAsTheyAre(String url) {
    assertThat(Credentials.redactUrl(url)).isEqualTo(url);
  }
}
