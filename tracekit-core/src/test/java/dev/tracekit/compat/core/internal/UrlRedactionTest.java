package dev.tracekit.compat.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.core.secrets.UrlCorpus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** URLs lose user info and signature values, and nothing else: not even their spelling. */
class UrlRedactionTest {
  static List<UrlCorpus.Case> corpus() {
    return UrlCorpus.cases();
  }

  static List<String> clean() {
    return UrlCorpus.clean();
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void credentialsAreRedacted(UrlCorpus.Case c) {
    String redacted = UrlRedaction.redact(c.url);

    assertThat(TestSecrets.containsSecret(redacted)).isFalse();
    assertThat(redacted).isEqualTo(c.redacted);
    assertThat(UrlRedaction.redact(redacted)).isEqualTo(redacted);
  }

  @ParameterizedTest
  @MethodSource("clean")
  void urlsWithoutCredentialsAreReturnedAsTheyAre(String url) {
    assertThat(UrlRedaction.redact(url)).isSameAs(url);
  }
}
