package dev.tracekit.compat.xray.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.secrets.JdbcUrlCorpus;
import dev.tracekit.compat.core.secrets.TestSecrets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Credentials leave JDBC URLs and connection strings in every shape drivers use. */
class SqlUrlsTest {

  static List<JdbcUrlCorpus.Case> corpus() {
    return JdbcUrlCorpus.cases();
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void credentialsAreStripped(JdbcUrlCorpus.Case c) {
    String stripped = SqlUrls.stripCredentials(c.url);

    assertThat(TestSecrets.containsSecret(stripped)).as("still holds a secret: %s", c).isFalse();
    assertThat(stripped).isEqualTo(c.stripped);
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void strippingTwiceChangesNothing(JdbcUrlCorpus.Case c) {
    assertThat(SqlUrls.stripCredentials(c.stripped)).isEqualTo(c.stripped);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:postgresql://db.example.com:5432/orders",
        "jdbc:postgresql://db.example.com:5432/orders?ssl=true&sslmode=verify-full",
        "jdbc:mysql://db:3306/shop?useSSL=true",
        "jdbc:sqlserver://db:1433;databaseName=shop;encrypt=true",
        "jdbc:oracle:thin:@db:1521:orcl",
        "jdbc:oracle:thin:@//db:1521/svc",
        "jdbc:h2:mem:test",
        "Server=tcp:db,1433;Database=shop;"
      })
  void urlsWithoutCredentialsAreKeptAsTheyAre(String url) {
    assertThat(SqlUrls.stripCredentials(url)).isEqualTo(url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:postgresql://%s@db.example.com:5432/orders?password=%<s",
        "jdbc:mysql://address=(host=db.example.com)(password=%s)/orders"
      })
  void theDatabaseIsNamedAfterStripping(String template) {
    String url = String.format(template, "u:" + TestSecrets.secret("pw"));

    assertThat(SqlUrls.databaseName(SqlUrls.stripCredentials(url))).isEqualTo("orders");
  }
}
