package golden;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.config.DaemonConfiguration;
import com.amazonaws.xray.contexts.SegmentContextExecutors;
import com.amazonaws.xray.emitters.UDPEmitter;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Namespace;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.TraceHeader;
import com.amazonaws.xray.strategy.sampling.NoSamplingStrategy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The golden scenarios: each drives the X-Ray API the way an application does and returns the
 * documents the recorder emitted. Compiled against the real X-Ray SDK; run on the real SDK and on
 * the shim (see GoldenScenariosTest).
 */
public final class Scenarios {
  private Scenarios() {}

  /**
   * The scenarios whose traces are compared, in the order the test runs them ({@link
   * #unsampledSegment} emits nothing and is checked on its own).
   */
  public static List<String> names() {
    return Arrays.asList(
        "nestedSubsegments", "annotationTypes", "metadataNamespaces", "javaTimeMetadata",
        "exceptionWithCauseChain", "createSubsegmentLambdasThatThrow", "httpRequestAndResponse",
        "faultErrorAndThrottle", "awsBlock", "sqlBlock", "remoteNamespace", "userAndOrigin",
        "continuedFromTraceHeader", "asyncHandOffWithSetTraceEntity",
        "asyncHandOffWithSegmentContextExecutor", "oneHundredFiftySubsegments",
        "subsegmentEndsAfterItsSegment");
  }

  /**
   * Runs a scenario with every entity also sent by the SDK's own UDPEmitter to {@code
   * daemonAddress} (a loopback capture), and returns the documents the scenario collected.
   */
  @SuppressWarnings("unchecked")
  public static List<String> viaDaemon(String scenario, String daemonAddress) throws Exception {
    DaemonConfiguration daemon = new DaemonConfiguration();
    daemon.setDaemonAddress(daemonAddress);
    Capture.forward = new UDPEmitter(daemon);
    try {
      return (List<String>) Scenarios.class.getMethod(scenario).invoke(null);
    } finally {
      Capture.forward = null;
    }
  }

  public static List<String> nestedSubsegments() {
    Capture c = new Capture();
    AWSXRayRecorder r = c.recorder;
    r.beginSegment("orders");
    r.beginSubsegment("load");
    r.beginSubsegment("parse");
    r.beginSubsegment("validate");
    r.endSubsegment();
    r.endSubsegment();
    r.beginSubsegment("cache");
    r.endSubsegment();
    r.endSubsegment();
    r.beginSubsegment("save");
    r.endSubsegment();
    r.endSegment();
    return c.documents();
  }

  public static List<String> annotationTypes() {
    Capture c = new Capture();
    AWSXRayRecorder r = c.recorder;
    Segment s = r.beginSegment("annotated");
    s.putAnnotation("text", "blue");
    s.putAnnotation("int", 42);
    s.putAnnotation("long", 9000000000L);
    s.putAnnotation("double", 2.5d);
    s.putAnnotation("float", 1.25f);
    s.putAnnotation("negative", -7);
    s.putAnnotation("yes", true);
    s.putAnnotation("no", false);
    s.putAnnotation("empty", "");
    Subsegment sub = r.beginSubsegment("child");
    sub.putAnnotation("child_text", "green");
    sub.putAnnotation("child_number", 3);
    r.endSubsegment();
    r.endSegment();
    return c.documents();
  }

  public static List<String> metadataNamespaces() {
    Capture c = new Capture();
    AWSXRayRecorder r = c.recorder;
    Segment s = r.beginSegment("metadata");
    s.putMetadata("in default", "plain");
    s.putMetadata("count", 3);
    Map<String, Object> cart = new LinkedHashMap<>();
    cart.put("items", Arrays.asList("apple", "pear"));
    cart.put("total", 12.5);
    Map<String, Object> nested = new HashMap<>();
    nested.put("vip", true);
    nested.put("tags", new ArrayList<>(Arrays.asList(1, 2, 3)));
    cart.put("customer", nested);
    s.putMetadata("shop", "cart", cart);
    s.putMetadata("shop", "empty list", new ArrayList<>());
    s.putMetadata("debug", "flags", Arrays.asList(true, false));
    s.putMetadata("debug", "big", new BigDecimal("12345678901234567890.5"));
    Subsegment sub = r.beginSubsegment("child");
    sub.putMetadata("child ns", "key", "value");
    r.endSubsegment();
    r.endSegment();
    return c.documents();
  }

  public static List<String> javaTimeMetadata() {
    Capture c = new Capture();
    AWSXRayRecorder r = c.recorder;
    Segment s = r.beginSegment("times");
    s.putMetadata("time", "instant", Instant.ofEpochSecond(1700000000L, 123000000));
    s.putMetadata("time", "date", LocalDate.of(2024, 2, 29));
    s.putMetadata("time", "duration", Duration.ofMillis(1500));
    Map<String, Object> inMap = new LinkedHashMap<>();
    inMap.put("at", Instant.ofEpochSecond(0));
    s.putMetadata("time", "map", inMap);
    r.endSegment();
    return c.documents();
  }

  public static List<String> exceptionWithCauseChain() {
    Capture c = new Capture();
    AWSXRayRecorder r = c.recorder;
    r.beginSegment("failing");
    Subsegment sub = r.beginSubsegment("repository");
    Exception root = new IllegalArgumentException("bad id 7");
    Exception middle = new IllegalStateException("lookup failed", root);
    sub.addException(new RuntimeException("save failed", middle));
    r.endSubsegment();
    r.getCurrentSegment().addException(new UnsupportedOperationException("request failed"));
    r.endSegment();
    return c.documents();
  }

  public static List<String> createSubsegmentLambdasThatThrow() {
    Capture c = new Capture();
    final AWSXRayRecorder r = c.recorder;
    r.beginSegment("lambdas");
    try {
      r.createSubsegment("function", (Function<Subsegment, Object>) sub -> {
        sub.putAnnotation("step", 1);
        throw new IllegalStateException("function failed");
      });
    } catch (IllegalStateException expected) {
      // recorded on the subsegment
    }
    try {
      r.createSubsegment("runnable", (Runnable) () -> {
        throw new ArrayIndexOutOfBoundsException("runnable failed");
      });
    } catch (ArrayIndexOutOfBoundsException expected) {
      // recorded on the subsegment
    }
    Object value = r.createSubsegment("fine", (Function<Subsegment, Object>) sub -> "ok");
    r.getCurrentSegment().putAnnotation("fine", String.valueOf(value));
    r.endSegment();
    return c.documents();
  }

  public static List<String> httpRequestAndResponse() {
    Capture c = new Capture();
    AWSXRayRecorder r = c.recorder;
    Segment s = r.beginSegment("api.example.com");
    Map<String, Object> request = new HashMap<>();
    request.put("method", "POST");
    request.put("url", "https://api.example.com/orders?id=7");
    request.put("client_ip", "203.0.113.9");
    request.put("user_agent", "curl/8.0");
    request.put("x_forwarded_for", true);
    s.putHttp("request", request);
    Map<String, Object> response = new HashMap<>();
    response.put("status", 201);
    response.put("content_length", 512L);
    s.putHttp("response", response);
    Subsegment out = r.beginSubsegment("downstream.example.com");
    out.setNamespace(Namespace.REMOTE.toString());
    Map<String, Object> outRequest = new HashMap<>();
    outRequest.put("method", "GET");
    outRequest.put("url", "http://downstream.example.com/stock");
    out.putHttp("request", outRequest);
    Map<String, Object> outResponse = new HashMap<>();
    outResponse.put("status", 200);
    out.putHttp("response", outResponse);
    r.endSubsegment();
    r.endSegment();
    return c.documents();
  }

  public static List<String> faultErrorAndThrottle() {
    Capture c = new Capture();
    AWSXRayRecorder r = c.recorder;
    Segment s = r.beginSegment("flags");
    Subsegment throttled = r.beginSubsegment("throttled");
    throttled.setThrottle(true);
    throttled.setError(true);
    r.endSubsegment();
    Subsegment faulty = r.beginSubsegment("faulty");
    faulty.setFault(true);
    r.endSubsegment();
    s.setError(true);
    r.endSegment();
    return c.documents();
  }

  public static List<String> awsBlock() {
    Capture c = new Capture();
    AWSXRayRecorder r = c.recorder;
    Segment s = r.beginSegment("worker");
    s.putAws("account_id", "123456789012");
    Subsegment ddb = r.beginSubsegment("DynamoDB");
    ddb.setNamespace(Namespace.AWS.toString());
    ddb.putAws("operation", "GetItem");
    ddb.putAws("region", "eu-west-1");
    ddb.putAws("request_id", "REQ123");
    ddb.putAws("table_name", "orders");
    ddb.putAws("retries", 2);
    ddb.putAws("resource_names", Arrays.asList("orders", "customers"));
    r.endSubsegment();
    r.endSegment();
    return c.documents();
  }

  public static List<String> sqlBlock() {
    Capture c = new Capture();
    AWSXRayRecorder r = c.recorder;
    r.beginSegment("reports");
    Subsegment q = r.beginSubsegment("reports@db.example.com");
    q.setNamespace(Namespace.REMOTE.toString());
    q.putSql("url", "jdbc:postgresql://db.example.com:5432/reports");
    q.putSql("database_type", "PostgreSQL");
    q.putSql("database_version", "15.4");
    q.putSql("driver_version", "42.7.1");
    q.putSql("user", "reporter");
    q.putSql("sanitized_query", "SELECT * FROM sales WHERE region = ?");
    q.putSql("preparation", "prepared");
    r.endSubsegment();
    r.endSegment();
    return c.documents();
  }

  public static List<String> remoteNamespace() {
    Capture c = new Capture();
    AWSXRayRecorder r = c.recorder;
    r.beginSegment("gateway");
    Subsegment remote = r.beginSubsegment("payments");
    remote.setNamespace("remote");
    r.endSubsegment();
    Subsegment aws = r.beginSubsegment("S3");
    aws.setNamespace("aws");
    r.endSubsegment();
    Subsegment local = r.beginSubsegment("local work");
    r.endSubsegment();
    r.endSegment();
    return c.documents();
  }

  public static List<String> userAndOrigin() {
    Capture c = new Capture();
    AWSXRayRecorder r = c.recorder;
    Segment s = r.beginSegment("profile");
    s.setUser("alice");
    s.setOrigin("AWS::EC2::Instance");
    r.endSegment();
    return c.documents();
  }

  public static List<String> continuedFromTraceHeader() {
    Capture c = new Capture();
    AWSXRayRecorder r = c.recorder;
    TraceHeader header =
        TraceHeader.fromString("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
    r.beginSegment("downstream", header.getRootTraceId(), header.getParentId());
    r.beginSubsegment("work");
    r.endSubsegment();
    r.endSegment();
    return c.documents();
  }

  public static List<String> asyncHandOffWithSetTraceEntity() throws InterruptedException {
    Capture c = new Capture();
    final AWSXRayRecorder r = c.recorder;
    r.beginSegment("handoff");
    final Entity parent = r.beginSubsegment("dispatch");
    Thread worker = new Thread(() -> {
      r.setTraceEntity(parent);
      r.beginSubsegment("background job");
      r.endSubsegment();
      r.clearTraceEntity();
    });
    worker.start();
    worker.join();
    r.endSubsegment();
    r.endSegment();
    return c.documents();
  }

  public static List<String> asyncHandOffWithSegmentContextExecutor() {
    Capture c = new Capture();
    final AWSXRayRecorder r = c.recorder;
    Segment segment = r.beginSegment("executor");
    Executor executor = SegmentContextExecutors.newSegmentContextExecutor(r, segment);
    CompletableFuture.runAsync(() -> {
      r.beginSubsegment("async task");
      r.endSubsegment();
    }, executor).join();
    r.endSegment();
    return c.documents();
  }

  public static List<String> unsampledSegment() {
    Capture c = new Capture(new NoSamplingStrategy());
    AWSXRayRecorder r = c.recorder;
    // beginSegment always samples; the sampling strategy decides in beginSegmentWithSampling.
    Segment s = r.beginSegmentWithSampling("ignored");
    s.putAnnotation("never", "sent");
    r.beginSubsegment("child");
    r.endSubsegment();
    r.endSegment();
    return c.documents();
  }

  public static List<String> oneHundredFiftySubsegments() {
    Capture c = new Capture();
    AWSXRayRecorder r = c.recorder;
    r.beginSegment("batch");
    for (int i = 0; i < 150; i++) {
      Subsegment sub = r.beginSubsegment("item " + i);
      sub.putAnnotation("index", i);
      r.endSubsegment();
    }
    r.endSegment();
    return c.documents();
  }

  public static List<String> subsegmentEndsAfterItsSegment() throws InterruptedException {
    Capture c = new Capture();
    final AWSXRayRecorder r = c.recorder;
    final Segment segment = r.beginSegment("early end");
    final Subsegment[] open = new Subsegment[1];
    Thread worker = new Thread(() -> {
      r.setTraceEntity(segment);
      open[0] = r.beginSubsegment("late work");
      open[0].putAnnotation("late", true);
    });
    worker.start();
    worker.join();
    r.endSegment();
    r.endSubsegment(open[0]);
    return c.documents();
  }
}
