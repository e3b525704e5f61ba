package dev.tracekit.compat.xray.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.listeners.SegmentListener;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.secrets.TestSecrets;
import dev.tracekit.compat.core.trace.RecordingExporter;
import dev.tracekit.compat.xray.servlet.ServletFilterHarness.FilterSetup;
import dev.tracekit.compat.xray.servlet.ServletFilterHarness.Server;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sends the same requests through the real X-Ray SDK 2.21.0 filter and through ours (each in its
 * own container on loopback, for javax and for jakarta) and compares what callers and X-Ray see: the {@code X-Amzn-Trace-Id}
 * answer and the segment document, minus what differs on every run (ids, times, random trace ids,
 * ports, SDK name, stack frames).
 */
class RealFilterDifferentialTest {
  private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
  private static final String PARENT = "53995c3f42cd8ad8";
  private static final String DAEMON_PROPERTY = "com.amazonaws.xray.emitters.daemonAddress";
  /** The sampled request that ends each run, so both sides have finished the earlier ones. */
  private static final String LAST = "/status/201";

  private final ObjectMapper mapper = new ObjectMapper();
  private final OkHttpClient client = new OkHttpClient.Builder().callTimeout(30, TimeUnit.SECONDS).build();
  private final List<Server> servers = new ArrayList<>();
  private DatagramSocket daemon;

  @BeforeEach
  void setUp() throws IOException {
    TraceKit.init(TraceKitConfig.builder().setSpanExporter(new RecordingExporter()).setShutdownHook(false).build());
    // The real recorder's emitter sends each document over UDP: give it a loopback "daemon".
    daemon = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    System.setProperty(DAEMON_PROPERTY, "127.0.0.1:" + daemon.getLocalPort());
  }

  @AfterEach
  void tearDown() throws Exception {
    for (Server server : servers) {
      server.stop();
    }
    System.clearProperty(DAEMON_PROPERTY);
    daemon.close();
    TraceKit.shutdown();
  }

  @ParameterizedTest
  @EnumSource(ServletContainer.class)
  void answersAndSegmentDocumentsMatchTheRealFilter(ServletContainer container) throws Exception {
    ReferenceSdk sdk = ReferenceSdk.loadOrNull();
    assumeTrue(sdk != null, "the build copies the real SDK to target/xray-reference");
    BlockingQueue<String> realDocuments = new LinkedBlockingQueue<>();
    Object realRecorder = sdk.recorder(realDocuments::add);
    Server real = started(container.startWith(sdk.fixedNameFilter(container.filterPackage(), "svc", realRecorder)));
    BlockingQueue<String> ourDocuments = new LinkedBlockingQueue<>();
    Server ours = started(container.start(FilterSetup.fixed("svc"), ourRecorder(ourDocuments)));

    String[][] requests = {
      {Endpoints.OK},
      {Endpoints.OK, "X-Amzn-Trace-Id", "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1"},
      {Endpoints.OK, "X-Amzn-Trace-Id", "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=0"},
      {Endpoints.OK, "X-Amzn-Trace-Id", "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=?"},
      {Endpoints.OK, "X-Amzn-Trace-Id", "Root=" + ROOT},
      {Endpoints.OK, "X-Amzn-Trace-Id", "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1;Lineage=a:1;Self=1-x"},
      {Endpoints.OK, "X-Amzn-Trace-Id", "Parent=" + PARENT + ";Sampled=1"},
      {Endpoints.OK, "X-Amzn-Trace-Id", "garbage"},
      {Endpoints.OK + "?q=1", "User-Agent", "legacy/1.0", "X-Forwarded-For", "203.0.113.9, 10.0.0.1"},
      {Endpoints.OK, "Host", "api.example.com:8080"},
      ServletFilterSecretsTest.CREDENTIAL_HEADERS_REQUEST,
      {Endpoints.STATUS + "404"},
      {Endpoints.STATUS + "429"},
      {Endpoints.STATUS + "500"},
      {Endpoints.STATUS + "503"},
      {Endpoints.LENGTH},
      {Endpoints.THROW},
      {Endpoints.ASYNC},
      {LAST},
    };
    List<String> realAnswers = new ArrayList<>();
    List<String> ourAnswers = new ArrayList<>();
    for (String[] request : requests) {
      realAnswers.add(describe(request, send(real, request)));
      ourAnswers.add(describe(request, send(ours, request)));
    }

    List<JsonNode> realSegments = normalized(realDocuments);
    List<JsonNode> ourSegments = normalized(ourDocuments);
    assertThat(realSegments.toString()).as("the real filter records no credential header")
        .doesNotContain(TestSecrets.MARKER);
    assertThat(ourSegments.toString()).doesNotContain(TestSecrets.MARKER);
    assertThat(ourAnswers).containsExactlyElementsOf(realAnswers);
    assertThat(ourSegments).containsExactlyElementsOf(realSegments);
    assertThat(realSegments).as("one document per sampled request").hasSize(requests.length - 1);
    assertThat(realAnswers).as("the comparison saw the cases it is about")
        .contains("/ok [X-Amzn-Trace-Id, Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=?] -> 200 Root=" + ROOT + ";Sampled=1");
  }

  private Server started(Server server) {
    servers.add(server);
    return server;
  }

  private static AWSXRayRecorder ourRecorder(BlockingQueue<String> documents) {
    return AWSXRayRecorderBuilder.standard()
        .withSamplingStrategy(new AllSamplingStrategy())
        .withSegmentListener(
            new SegmentListener() {
              @Override
              public void afterEndSegment(Segment segment) {
                if (segment.isSampled()) {
                  documents.add(segment.serialize());
                }
              }
            })
        .build();
  }

  private String send(Server server, String[] request) throws IOException {
    Request.Builder builder = new Request.Builder().url("http://127.0.0.1:" + server.port() + request[0]);
    for (int i = 1; i + 1 < request.length; i += 2) {
      builder.header(request[i], request[i + 1]);
    }
    try (Response response = client.newCall(builder.build()).execute()) {
      response.body().string();
      return response.code() + " " + String.join(",", response.headers("X-Amzn-Trace-Id"));
    }
  }

  private static String describe(String[] request, String answer) {
    String[] headers = new String[request.length - 1];
    System.arraycopy(request, 1, headers, 0, headers.length);
    return request[0] + " " + java.util.Arrays.toString(headers) + " -> " + randomRootsHidden(answer);
  }

  private static String randomRootsHidden(String text) {
    return text.replaceAll("Root=1-(?!5759e988|00000000)[0-9a-f]{8}-[0-9a-f]{24}", "Root=RANDOM");
  }

  /** Waits for the last request's document on this side, then normalizes all of them. */
  private List<JsonNode> normalized(BlockingQueue<String> documents) throws Exception {
    List<JsonNode> all = new ArrayList<>();
    while (true) {
      String document = documents.poll(20, TimeUnit.SECONDS);
      assertThat(document).as("documents up to the last request").isNotNull();
      ObjectNode node = (ObjectNode) mapper.readTree(document);
      String url = node.path("http").path("request").path("url").asText();
      all.add(normalize(node));
      if (url.endsWith(LAST)) {
        return all;
      }
    }
  }

  private static JsonNode normalize(ObjectNode document) {
    document.remove("id");
    document.remove("start_time");
    document.remove("end_time");
    document.remove("aws");
    document.remove("service");
    if (!document.path("trace_id").asText().startsWith("1-5759e988")) {
      document.put("trace_id", "RANDOM");
    }
    JsonNode request = document.path("http").path("request");
    if (request.isObject()) {
      ((ObjectNode) request).put("url", request.path("url").asText().replaceAll(":\\d+/", ":PORT/"));
    }
    JsonNode cause = document.path("cause");
    if (cause.isObject()) {
      ((ObjectNode) cause).remove("working_directory");
      for (JsonNode exception : cause.path("exceptions")) {
        ((ObjectNode) exception).remove("id");
        ((ObjectNode) exception).put("stack", exception.path("stack").size() > 0);
      }
    }
    return document;
  }
}
