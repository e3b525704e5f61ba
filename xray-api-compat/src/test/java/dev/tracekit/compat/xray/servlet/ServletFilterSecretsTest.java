package dev.tracekit.compat.xray.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.entities.Segment;
import dev.tracekit.compat.core.secrets.SpanText;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.core.trace.SpanData;
import java.util.Arrays;
import java.util.List;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Credentials a request or response carries in headers (and in the query string) are never
 * recorded by the filter: not in the segment's X-Ray document, not in its span. As the X-Ray SDK
 * filter (see {@link RealFilterDifferentialTest}), ours records method, URL without query, user
 * agent, client address, status and length only.
 */
class ServletFilterSecretsTest extends ServletFilterHarness {
  static final String[] CREDENTIAL_HEADERS = {
    "Authorization", "Bearer " + TestSecrets.secret("authorization"),
    "Proxy-Authorization", "Basic " + TestSecrets.secret("proxy-authorization"),
    "Cookie", "sid=" + TestSecrets.secret("cookie") + "; theme=dark",
    "X-API-Key", TestSecrets.API_KEY,
    "X-Amz-Security-Token", TestSecrets.secret("session-token"),
  };

  /** A request of {@link RealFilterDifferentialTest}: path, then the credential headers. */
  static final String[] CREDENTIAL_HEADERS_REQUEST = withPath(Endpoints.SET_COOKIE, CREDENTIAL_HEADERS);

  private static String[] withPath(String path, String[] headers) {
    String[] request = new String[headers.length + 1];
    request[0] = path;
    System.arraycopy(headers, 0, request, 1, headers.length);
    return request;
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void credentialHeadersAndQueryValuesAreNeverRecorded(ServletContainer container) throws Exception {
    serve(container, FilterSetup.fixed("svc"));
    Request.Builder request =
        new Request.Builder()
            .url("http://127.0.0.1:" + serverPort() + Endpoints.SET_COOKIE + "?token=" + TestSecrets.secret("query"))
            .header("User-Agent", "shop-client/2.0");
    for (int i = 0; i < CREDENTIAL_HEADERS.length; i += 2) {
      request.header(CREDENTIAL_HEADERS[i], CREDENTIAL_HEADERS[i + 1]);
    }

    List<String> setCookies;
    try (Response response = client.newCall(request.build()).execute()) {
      setCookies = response.headers("Set-Cookie");
    }

    Segment segment = nextSegment();
    SpanData span = spanWithId(segment.getId());
    assertThat(setCookies).as("the response set the cookie").containsExactly(Endpoints.SESSION_COOKIE);
    assertThat(span.getAttributes().get(USER_AGENT)).as("the request was recorded").isEqualTo("shop-client/2.0");
    assertThat(span.getAttributes().get(URL)).endsWith(Endpoints.SET_COOKIE);
    assertThat(TestSecrets.containsSecret(segment.serialize())).as("X-Ray document").isFalse();
    assertThat(TestSecrets.containsSecret(SpanText.of(span))).as("span").isFalse();
    assertThat(TestSecrets.containsSecret(SpanText.of(flushedSpans()))).as("every span").isFalse();
    assertThat(Arrays.asList(CREDENTIAL_HEADERS)).as("the headers sent carried secrets")
        .filteredOn(TestSecrets::containsSecret).hasSize(CREDENTIAL_HEADERS.length / 2);
  }
}
