package dev.tracekit.compat.xray.reliability;

import static dev.tracekit.compat.xray.reliability.BadInputPipeline.only;
import static dev.tracekit.compat.xray.reliability.BadInputPipeline.parentId;
import static dev.tracekit.compat.xray.reliability.BadInputPipeline.spanId;
import static dev.tracekit.compat.xray.reliability.BadInputPipeline.traceId;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.javax.servlet.AWSXRayServletFilter;
import com.amazonaws.xray.listeners.SegmentListener;
import com.amazonaws.xray.strategy.SegmentNamingStrategy;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tracekit.compat.xray.servlet.ReferenceSdk;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed trace headers, run on the real X-Ray SDK 2.21.0 and on the shim: {@code
 * X-Amzn-Trace-Id} continued by hand ({@code TraceHeader.fromString}, then {@code beginSegment}),
 * and both {@code X-Amzn-Trace-Id} and W3C {@code traceparent} through the javax servlet filter in a
 * real Jetty on loopback (the real SDK's filter in one, the shim's in another). Each request is
 * answered 200 with the same {@code X-Amzn-Trace-Id} as the real filter gives, and traced: as the
 * real SDK does where it keeps part of the header, else as a new root.
 */
class BadTraceHeadersTest {
  private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";
  private static final String TRACE_HEX = "5759e988bd862e3fe1be46a994272793";
  private static final String PARENT = "53995c3f42cd8ad8";
  private static final String DAEMON_PROPERTY = "com.amazonaws.xray.emitters.daemonAddress";

  private final OkHttpClient client = new OkHttpClient.Builder().callTimeout(30, TimeUnit.SECONDS).build();
  private final List<Server> servers = new ArrayList<>();
  private BadInputPipeline receiver;

  @BeforeEach
  void start() throws IOException {
    receiver = BadInputPipeline.startWithPipeline(2048);
  }

  @AfterEach
  void stop() throws Exception {
    for (Server server : servers) {
      server.stop();
    }
    receiver.close();
  }

  static Stream<String> malformedAwsHeaders() {
    return Stream.of(
        "garbage",
        "",
        ";;;",
        "Root=",
        "Root=1-5759e988-bd862e3fe1be46a99427279;Parent=" + PARENT,
        "Root=1-5759e988-bd862e3fe1be46a9942727930;Parent=" + PARENT,
        "Root=1-5759e98g-bd862e3fe1be46a994272793;Parent=" + PARENT + ";Sampled=1",
        "Root=1-5759E988-BD862E3FE1BE46A994272793;Parent=" + PARENT,
        "Root=2-5759e988-bd862e3fe1be46a994272793",
        "Root=1-00000000-000000000000000000000000;Parent=0000000000000000",
        "Parent=" + PARENT + ";Sampled=1",
        "Root=" + ROOT + ";Parent=zz;Sampled=1",
        "Root=" + ROOT + ";Parent=53995c3f42cd8ad;Sampled=1",
        "Root=" + ROOT + ";Parent=" + PARENT.toUpperCase(Locale.ROOT),
        "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=?",
        "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=2",
        "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1;Foo=bar;=;;Lineage=x;Self=1-x",
        "Root=" + ROOT + "\u0000;Parent=" + PARENT);
  }

  @ParameterizedTest
  @MethodSource("malformedAwsHeaders")
  void aMalformedXAmznTraceIdIsContinuedLikeTheRealSdkAndNothingIsLost(String header) {
    Map<String, Object> real = BadInputPrograms.real("continueHeader", header);
    Map<String, Object> shim = BadInputPrograms.shim("continueHeader", header);

    for (String key : new String[] {"trace id", "parent id", "sampled", "endSegment"}) {
      assertThat(shim.get(key)).as(key).isEqualTo(real.get(key));
    }

    List<Span> spans = receiver.flush();
    Span segment = only(spans, "continued");
    assertThat(spanId(segment)).isEqualTo(shim.get("segment id"));
    String xrayTraceHex = String.valueOf(shim.get("full trace id")).substring(2).replace("-", "");
    if (xrayTraceHex.matches("0+")) {
      // No span can have the all-zero trace id: the segment's spans share zeros + its id instead.
      assertThat(traceId(segment)).isEqualTo("0000000000000000" + spanId(segment));
    } else {
      assertThat(traceId(segment)).isEqualTo(xrayTraceHex);
    }
    assertThat(traceId(only(spans, "continued-child"))).isEqualTo(traceId(segment));
    String parent = (String) shim.get("parent id");
    if (parent != null && parent.matches("[0-9a-fA-F]{16}") && !parent.equals("0000000000000000")) {
      assertThat(parentId(segment)).isEqualTo(parent.toLowerCase(Locale.ROOT));
    } else {
      // The real SDK writes such a parent id into the document; a span can only have none.
      assertThat(parentId(segment)).isEmpty();
    }
    assertThat(parentId(only(spans, "continued-child"))).isEqualTo(spanId(segment));
  }

  static Stream<String[]> malformedRequestHeaders() {
    String ids = "-" + TRACE_HEX + "-" + PARENT + "-";
    Stream<String[]> aws = malformedAwsHeaders()
        .filter(h -> h.indexOf('\u0000') < 0)
        .map(h -> new String[] {"X-Amzn-Trace-Id", h});
    Stream<String[]> w3c = Stream.of(
        "garbage",
        "ff" + ids + "01",
        "00-00000000000000000000000000000000-" + PARENT + "-01",
        "00-" + TRACE_HEX + "-0000000000000000-01",
        "00-" + TRACE_HEX.substring(1) + "-" + PARENT + "-01",
        "00-" + TRACE_HEX + "-" + PARENT + "0-01",
        "00-" + TRACE_HEX.toUpperCase(Locale.ROOT) + "-" + PARENT + "-01",
        "00" + ids + "01-extra",
        "00" + ids + "0g",
        "00-" + TRACE_HEX + "-" + PARENT)
        .map(h -> new String[] {"traceparent", h});
    return Stream.concat(aws, w3c);
  }

  @Test
  void malformedHeadersThroughTheServletFilterAreAnsweredAndRecordedLikeTheRealFilterAndEachIsTraced()
      throws Exception {
    ReferenceSdk sdk = ReferenceSdk.loadOrNull();
    assertThat(sdk).as("the build copies the real SDK to target/xray-reference").isNotNull();
    BlockingQueue<String> realDocuments = new LinkedBlockingQueue<>();
    BlockingQueue<Segment> ours = new LinkedBlockingQueue<>();
    List<String[]> requests = new ArrayList<>();
    malformedRequestHeaders().forEach(requests::add);
    List<String> realAnswers = new ArrayList<>();
    List<String> ourAnswers = new ArrayList<>();
    // The real recorder's UDP emitter needs a daemon address: a loopback socket nobody reads.
    try (DatagramSocket daemon = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      System.setProperty(DAEMON_PROPERTY, "127.0.0.1:" + daemon.getLocalPort());
      try {
        Server real = jetty((Filter) sdk.fixedNameFilter("javax", "svc", sdk.recorder(realDocuments::add)));
        Server shim = jetty(new AWSXRayServletFilter(SegmentNamingStrategy.fixed("svc"), recorder(ours)));
        for (String[] header : requests) {
          realAnswers.add(describe(header, send(real, header)));
          ourAnswers.add(describe(header, send(shim, header)));
        }
      } finally {
        System.clearProperty(DAEMON_PROPERTY);
      }
    }

    assertThat(ourAnswers).containsExactlyElementsOf(realAnswers);
    assertThat(realAnswers).allSatisfy(answer -> assertThat(answer).contains("-> 200 "));
    List<JsonNode> realSegments = new ArrayList<>();
    List<JsonNode> ourSegments = new ArrayList<>();
    List<String> ourSegmentIds = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      String document = realDocuments.poll(20, TimeUnit.SECONDS);
      Segment segment = ours.poll(20, TimeUnit.SECONDS);
      assertThat(document).as("real document %s", i).isNotNull();
      assertThat(segment).as("our segment %s", i).isNotNull();
      realSegments.add(withoutPort(BadInputPrograms.stable(document)));
      ourSegments.add(withoutPort(BadInputPrograms.stable(segment.serialize())));
      ourSegmentIds.add(segment.getId());
    }
    assertThat(ourSegments).containsExactlyElementsOf(realSegments);

    List<Span> spans = receiver.flush();
    assertThat(spans).hasSize(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      String id = ourSegmentIds.get(i);
      Span span = spans.stream().filter(s -> spanId(s).equals(id)).findFirst().orElse(null);
      assertThat(span).as("span of %s", String.join(": ", requests.get(i))).isNotNull();
      if (requests.get(i)[0].equals("traceparent")) {
        assertThat(parentId(span)).as("parent after %s", requests.get(i)[1]).isEmpty();
        assertThat(traceId(span)).isNotEqualTo(TRACE_HEX);
      }
    }
  }

  private static AWSXRayRecorder recorder(BlockingQueue<Segment> ended) {
    return AWSXRayRecorderBuilder.standard()
        .withSamplingStrategy(new AllSamplingStrategy())
        .withSegmentListener(
            new SegmentListener() {
              @Override
              public void afterEndSegment(Segment segment) {
                ended.add(segment);
              }
            })
        .build();
  }

  private Server jetty(Filter filter) throws Exception {
    Server jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new OkServlet()), "/*");
    context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
    jetty.setHandler(context);
    servers.add(jetty);
    jetty.start();
    return jetty;
  }

  /** Answers 200 {@code ok}. */
  static final class OkServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.getWriter().write("ok");
    }
  }

  private String send(Server server, String[] header) throws IOException {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    Request request = new Request.Builder()
        .url("http://127.0.0.1:" + port + "/ok")
        .header(header[0], header[1])
        .build();
    try (Response response = client.newCall(request).execute()) {
      response.body().string();
      return response.code() + " " + String.join(",", response.headers("X-Amzn-Trace-Id"));
    }
  }

  private static String describe(String[] header, String answer) {
    String hidden = answer.replaceAll("Root=1-(?!5759e988|00000000)[0-9a-f]{8}-[0-9a-f]{24}", "Root=RANDOM");
    return header[0] + ": " + header[1] + " -> " + hidden;
  }

  private static JsonNode withoutPort(JsonNode document) {
    JsonNode request = document.path("http").path("request");
    if (request instanceof ObjectNode) {
      ((ObjectNode) request).put("url", request.path("url").asText().replaceAll(":\\d+/", ":PORT/"));
    }
    return document;
  }
}
