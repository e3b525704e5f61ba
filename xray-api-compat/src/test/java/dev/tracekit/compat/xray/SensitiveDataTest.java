package dev.tracekit.compat.xray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.secrets.TestSecrets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What leaves the process from an entity's http and sql maps, and what stays as recorded. */
class SensitiveDataTest {
  private static final String SECRET = TestSecrets.secret("credential");

  @Test
  void credentialHeadersAreRedactedAtAnyDepthInAnyCaseAndSpelling() {
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + SECRET);
    headers.put("proxy-authorization", "Basic " + SECRET);
    headers.put("COOKIE", "sid=" + SECRET);
    headers.put("x_api_key", SECRET);
    headers.put(" X-Amz-Security-Token ", SECRET);
    headers.put("Accept", "application/json");
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("method", "GET");
    request.put("headers", headers);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("status", 200);
    response.put("headers", Collections.singletonMap("Set-Cookie", Arrays.asList("a=" + SECRET, "b=" + SECRET)));
    response.put("header_lines", Arrays.asList("Set-Cookie: c=" + SECRET, "Content-Type: text/plain"));
    Map<String, Object> http = new LinkedHashMap<>();
    http.put("request", request);
    http.put("response", response);

    Map<String, Object> redacted = SensitiveData.http(http);

    assertThat(TestSecrets.containsSecret(String.valueOf(redacted))).isFalse();
    assertThat(redacted.toString())
        .contains("Authorization=REDACTED", "proxy-authorization=REDACTED", "COOKIE=REDACTED")
        .contains("x_api_key=REDACTED", "Set-Cookie=REDACTED", "Set-Cookie: REDACTED")
        .contains("Accept=application/json", "Content-Type: text/plain", "method=GET", "status=200");
    assertThat(TestSecrets.containsSecret(String.valueOf(http))).as("the recorded map is untouched").isTrue();
  }

  @Test
  void urlsLoseUserInfoAndSignatureValues() {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("url", "https://alice:" + SECRET + "@shop.example.com/cart?id=1&X-Amz-Signature=" + SECRET);
    Map<String, Object> http = Collections.<String, Object>singletonMap("request", request);

    Map<?, ?> redacted = (Map<?, ?>) SensitiveData.http(http).get("request");

    assertThat(redacted.get("url")).isEqualTo("https://shop.example.com/cart?id=1&X-Amz-Signature=REDACTED");
  }

  @Test
  void mapsWithoutSecretsAreReturnedAsTheyAre() {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("method", "GET");
    request.put("url", "https://shop.example.com");
    request.put("user_agent", "curl/8");
    Map<String, Object> http = Collections.<String, Object>singletonMap("request", request);
    Map<String, Object> sql = Collections.<String, Object>singletonMap("url", "jdbc:postgresql://db/orders");

    assertThat(SensitiveData.http(http)).isSameAs(http);
    assertThat(SensitiveData.sql(sql)).isSameAs(sql);
  }

  @Test
  void sqlUrlAndConnectionStringLoseTheirCredentials() {
    Map<String, Object> sql = new LinkedHashMap<>();
    sql.put("url", "jdbc:postgresql://app:" + SECRET + "@db/orders");
    sql.put("connection_string", "Server=db;User Id=app;Password=" + SECRET + ";");
    sql.put("user", "app");
    sql.put("sanitized_query", "SELECT 1");

    Map<String, Object> stripped = SensitiveData.sql(sql);

    assertThat(stripped)
        .containsEntry("url", "jdbc:postgresql://db/orders")
        .containsEntry("connection_string", "Server=db;User Id=;Password=;")
        .containsEntry("user", "app")
        .containsEntry("sanitized_query", "SELECT 1");
    assertThat(TestSecrets.containsSecret(String.valueOf(sql))).isTrue();
  }
}
