package dev.tracekit.compat.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.export.ExportResult;
import dev.tracekit.compat.core.export.SpanExporter;
import dev.tracekit.compat.core.secrets.SpanText;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.core.trace.SpanData;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client wrapped by {@link TracingInterceptor#wrap} never records credentials: request headers
 * ({@code Authorization}, {@code Proxy-Authorization}, {@code Cookie}, {@code X-API-Key}), response
 * headers ({@code Set-Cookie}), URL user info and signature query values, whether the call
 * succeeds, is refused with 401, or fails to connect.
 */
class TracingInterceptorSecretsTest {
  private static final String AUTHORIZATION = "Bearer " + TestSecrets.secret("bearer");
  private static final String COOKIE = "sid=" + TestSecrets.secret("cookie");
  private static final String SET_COOKIE = "sid=" + TestSecrets.secret("set-cookie") + "; Secure";
  // Not a marked secret: the test server logs the request line, query included.
  private static final String SIGNATURE = "sig-4f1a9c27e0";

  private final List<SpanData> exported = Collections.synchronizedList(new ArrayList<SpanData>());
  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient base = new OkHttpClient.Builder().callTimeout(30, TimeUnit.SECONDS).build();
  private OkHttpClient client;

  @BeforeEach
  void setUp() throws IOException {
    server.start(InetAddress.getLoopbackAddress(), 0);
    TraceKit.init(
        TraceKitConfig.builder()
            .setApiKey(TestSecrets.API_KEY)
            .setSpanExporter(
                new SpanExporter() {
                  @Override
                  public ExportResult export(List<SpanData> spans) {
                    exported.addAll(spans);
                    return ExportResult.success();
                  }

                  @Override
                  public void shutdown() {}
                })
            .setShutdownHook(false)
            .build());
    client = TracingInterceptor.wrap(base);
  }

  @AfterEach
  void tearDown() throws IOException {
    TraceKit.shutdown();
    server.shutdown();
    base.connectionPool().evictAll();
  }

  @Test
  void anOkHttpUrlIsRedactedInItsCanonicalForm() {
    HttpUrl url = HttpUrl.get("https://alice:" + TestSecrets.secret("pw") + "@H.example.com:443/a?sig=x y");

    assertThat(TracingInterceptor.redact(url)).isEqualTo("https://h.example.com/a?sig=REDACTED");
  }

  @Test
  void credentialsInHeadersAndTheUrlAreNotRecordedForSuccessAndRefusal() throws Exception {
    server.enqueue(new MockResponse().addHeader("Set-Cookie", SET_COOKIE).setBody("ok"));
    server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .addHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
            .addHeader("Set-Cookie", SET_COOKIE));

    List<String> setCookies = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      try (Response response = client.newCall(withCredentials(urlWithCredentials(server.url("/orders")))).execute()) {
        setCookies.addAll(response.headers("Set-Cookie"));
      }
    }

    RecordedRequest received = server.takeRequest(10, TimeUnit.SECONDS);
    assertThat(received.getHeader("Authorization")).as("the credentials were sent").isEqualTo(AUTHORIZATION);
    assertThat(received.getHeader("X-API-Key")).isEqualTo(TestSecrets.API_KEY);
    assertThat(setCookies).containsExactly(SET_COOKIE, SET_COOKIE);
    List<SpanData> spans = flushed();
    assertThat(spans).hasSize(2);
    assertThat(SpanText.of(spans))
        .contains("url.full=[" + server.url("/orders") + "?id=7&X-Amz-Signature=REDACTED]")
        .contains("http.response.status_code=[401]")
        .doesNotContain(SIGNATURE);
    assertThat(TestSecrets.containsSecret(SpanText.of(spans))).isFalse();
  }

  @Test
  void credentialsAreNotRecordedWhenTheCallFails() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    HttpUrl url = HttpUrl.get("http://127.0.0.1:" + closedPort + "/orders");

    try (Response response = client.newCall(withCredentials(urlWithCredentials(url))).execute()) {
      throw new AssertionError("connected to a closed port: " + response.code());
    } catch (IOException expected) {
      assertThat(TestSecrets.containsSecret(String.valueOf(expected.getMessage()))).isFalse();
    }

    List<SpanData> spans = flushed();
    assertThat(spans).hasSize(1);
    assertThat(spans.get(0).getEvents()).as("the failure was recorded").isNotEmpty();
    assertThat(TestSecrets.containsSecret(SpanText.of(spans))).isFalse();
    assertThat(SpanText.of(spans)).doesNotContain(SIGNATURE);
  }

  private static HttpUrl urlWithCredentials(HttpUrl url) {
    return url.newBuilder()
        .username("alice")
        .password(TestSecrets.secret("url-password"))
        .addQueryParameter("id", "7")
        .addQueryParameter("X-Amz-Signature", SIGNATURE)
        .build();
  }

  private static Request withCredentials(HttpUrl url) {
    return new Request.Builder()
        .url(url)
        .header("Authorization", AUTHORIZATION)
        .header("Proxy-Authorization", "Basic " + TestSecrets.secret("proxy"))
        .header("Cookie", COOKIE)
        .header("X-API-Key", TestSecrets.API_KEY)
        .build();
  }

  private List<SpanData> flushed() {
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    synchronized (exported) {
      return new ArrayList<>(exported);
    }
  }
}
