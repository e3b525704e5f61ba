package dev.tracekit.compat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tracekit.compat.core.export.LogCapture;
import dev.tracekit.compat.core.export.OtlpHttpSpanExporter;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.core.trace.Tracer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API key never shows in what the library produces about itself: {@code toString()} of every
 * object that holds it, thread names, and the messages of configuration errors, including those
 * OkHttp would raise with the key in them. (Logs are searched for the key across the whole suite by
 * {@link dev.tracekit.compat.core.secrets.SecretLeakGuard}.)
 */
class ApiKeySecrecyTest {
  private static final String KEY = TestSecrets.API_KEY;
  private static final Map<String, String> NONE = Collections.emptyMap();

  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    TraceKit.shutdown();
    server.shutdown();
  }

  @Test
  void toStringOfEverythingHoldingTheKeyShowsOnlyThatOneIsSet() {
    TraceKitConfig.Builder builder =
        TraceKitConfig.builder().setApiKey(KEY).setEndpoint(endpoint()).setShutdownHook(false);
    TraceKitConfig config = builder.build(ConfigSource.empty());
    OtlpHttpSpanExporter exporter =
        OtlpHttpSpanExporter.builder().setApiKey(KEY).setEndpoint(endpoint()).build();
    Tracer tracer = TraceKit.create(config);
    try {
      List<String> texts = new ArrayList<>();
      texts.add(builder.toString());
      texts.add(config.toString());
      texts.add(exporter.toString());
      texts.add(tracer.toString());
      texts.add(tracer.getStats().toString());

      assertThat(texts).noneMatch(TestSecrets::containsSecret);
      assertThat(config.toString()).contains("apiKey=(set)");
      assertThat(exporter.toString()).contains("apiKey=<set>");
      assertThat(tracer.toString()).as("the pipeline describes its exporter").contains("apiKey=<set>");
    } finally {
      exporter.shutdown();
      tracer.shutdown(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void threadNamesOfARunningPipelineNeverContainTheKey() throws Exception {
    server.enqueue(new MockResponse().setBody("{}"));
    TraceKit.init(KEY, TraceKit.withEndpoint(endpoint()), TraceKit.withShutdownHook(false));
    TraceKit.startSpan("exported").end();
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(server.takeRequest(10, TimeUnit.SECONDS).getHeader("X-API-Key")).isEqualTo(KEY);

    List<String> names = threadNames();
    assertThat(names).as("the pipeline's threads").anyMatch(name -> name.startsWith("tracekit-"));
    assertThat(names).noneMatch(TestSecrets::containsSecret);
  }

  @Test
  void okHttpEchoesABadXApiKeyValueInItsException() {
    // Why the key is validated before OkHttp sees it: OkHttp quotes the value of a header it does
    // not know to be sensitive.
    Throwable thrown =
        catchThrowable(() -> new Request.Builder().header("X-API-Key", KEY + "\n"));

    assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
    assertThat(TestSecrets.containsSecret(thrown.getMessage())).isTrue();
  }

  @Test
  void everyCharacterOkHttpRefusesInTheKeyIsRefusedFirstWithoutEchoingTheKey() {
    int refusedByOkHttp = 0;
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      String key = KEY + c + "tail";
      if (okHttpAccepts(key)) {
        continue;
      }
      refusedByOkHttp++;
      assertRefusedWithoutEcho(() -> OtlpHttpSpanExporter.builder().setApiKey(key), c);
      assertRefusedWithoutEcho(
          () -> TraceKitConfig.builder().setApiKey(key).build(ConfigSource.empty()), c);
      assertKeyIgnoredWithoutEcho(ConfigSource.of(NONE, Collections.singletonMap("TRACEKIT_API_KEY", key)), c);
    }
    assertThat(refusedByOkHttp).as("characters OkHttp refuses in a header value").isGreaterThan(65_000);
  }

  @Test
  void aKeyFromASystemPropertyWithALineBreakIsIgnoredWithOneWarningNamingThePropertyOnly() {
    System.setProperty("tracekit.apiKey", KEY + "\r\nX-Injected: 1");
    try (LogCapture logs = new LogCapture()) {
      TraceKitConfig config = TraceKitConfig.builder().build();

      assertThat(config.getApiKey()).isNull();
      assertThat(config.getExporterType()).as("no key, no endpoint: the console").isEqualTo(ExporterType.CONSOLE);
      assertThat(logs.records())
          .filteredOn(r -> r.getLevel() == Level.WARNING)
          .singleElement()
          .satisfies(r -> assertThat(r.getMessage()).contains("tracekit.apiKey").contains("no API key"))
          .satisfies(r -> assertThat(TestSecrets.containsSecret(r.getMessage())).isFalse());
    } finally {
      System.clearProperty("tracekit.apiKey");
    }
  }

  @Test
  void aBadKeyAndABadEndpointFromPropertiesCostOnlyThemselves() {
    System.setProperty("tracekit.apiKey", KEY + " with a space");
    System.setProperty("tracekit.endpoint", "http://10.0.0.1/v1/traces");
    System.setProperty("tracekit.serviceName", "still-read");
    try {
      TraceKitConfig config = TraceKitConfig.builder().build();

      assertThat(config.isEnabled()).isTrue();
      assertThat(config.getApiKey()).isNull();
      assertThat(config.getExporterType()).isEqualTo(ExporterType.CONSOLE);
      assertThat(config.getExportProblem()).contains("tracekit.endpoint");
      assertThat(config.getServiceName()).isEqualTo("still-read");
      assertThat(TestSecrets.containsSecret(config.describe())).isFalse();
    } finally {
      System.clearProperty("tracekit.apiKey");
      System.clearProperty("tracekit.endpoint");
      System.clearProperty("tracekit.serviceName");
    }
  }

  @Test
  void aBadEndpointNextToAKeyEchoesNeither() {
    String password = TestSecrets.secret("endpoint-password");
    String[] endpoints = {
      "https://" + KEY + "@app.tracekit.dev/v1/traces",
      "https://user:" + password + "@app.tracekit.dev/v1/traces",
      "http://user:" + password + "@localhost:4318/v1/traces",
      "not a url " + password,
      "htp://user:" + password + "@app.tracekit.dev/v1/traces",
    };
    for (String endpoint : endpoints) {
      assertRefusedWithoutEcho(
          () -> TraceKitConfig.builder().setApiKey(KEY).setEndpoint(endpoint).build(ConfigSource.empty()),
          endpoint);
      List<String> warnings = new ArrayList<>();
      TraceKitConfig fromEnvironment =
          TraceKitConfig.builder()
              .setApiKey(KEY)
              .build(ConfigSource.of(NONE, Collections.singletonMap("TRACEKIT_ENDPOINT", endpoint)), warnings::add);
      assertThat(fromEnvironment.getExportProblem()).as(describe(endpoint)).contains("TRACEKIT_ENDPOINT");
      assertThat(TestSecrets.containsSecret(fromEnvironment.getExportProblem())).isFalse();
      assertThat(TestSecrets.containsSecret(fromEnvironment.describe() + fromEnvironment + warnings)).isFalse();
    }
    assertRefusedWithoutEcho(
        () -> OtlpHttpSpanExporter.builder().setApiKey(KEY).setEndpoint("htp://u:" + password + "@x"),
        "exporter endpoint");
  }

  @Test
  void theConfigurationDoesNotShowTheEndpointsQueryString() {
    String token = TestSecrets.secret("query-token");
    TraceKitConfig config =
        TraceKitConfig.builder()
            .setEndpoint("https://collector.example.com/v1/traces?token=" + token)
            .build(ConfigSource.empty());

    assertThat(config.getEndpoint()).contains(token);
    assertThat(config.toString()).contains("https://collector.example.com/v1/traces");
    assertThat(TestSecrets.containsSecret(config.toString())).isFalse();
  }

  private String endpoint() {
    return server.url("/v1/traces").toString();
  }

  private static boolean okHttpAccepts(String value) {
    try {
      new Headers.Builder().add("X-API-Key", value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The key in {@code source} is left unset, with one warning that does not quote it. */
  private static void assertKeyIgnoredWithoutEcho(ConfigSource source, Object what) {
    List<String> warnings = new ArrayList<>();
    TraceKitConfig config = TraceKitConfig.builder().build(source, warnings::add);
    assertThat(config.getApiKey()).as("ignored: %s", describe(what)).isNull();
    assertThat(warnings).as("warned once: %s", describe(what)).hasSize(1);
    assertThat(TestSecrets.containsSecret(warnings.get(0)))
        .as("warning quotes the secret: %s", describe(what))
        .isFalse();
  }

  private static void assertRefusedWithoutEcho(Runnable configure, Object what) {
    Throwable thrown = catchThrowable(configure::run);
    assertThat(thrown).as("refused: %s", describe(what)).isInstanceOf(IllegalArgumentException.class);
    assertThat(TestSecrets.containsSecret(thrown.getMessage()))
        .as("message quotes the secret: %s", describe(what))
        .isFalse();
  }

  /** Describes a case in an assertion message without the secret itself. */
  private static String describe(Object what) {
    if (what instanceof Character) {
      return String.format("character U+%04X", (int) (Character) what);
    }
    return String.valueOf(what).replace(TestSecrets.MARKER, "<marker>");
  }

  private static List<String> threadNames() {
    List<String> names = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      names.add(thread.getName());
    }
    return names;
  }
}
