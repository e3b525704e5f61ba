package scenarios;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.SegmentImpl;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.SubsegmentImpl;
import com.amazonaws.xray.entities.TraceID;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records one rich segment tree with fixed ids and times and returns its X-Ray documents (what
 * {@code serialize()}, {@code prettySerialize()}, {@code streamSerialize()} return, and what a
 * custom emitter receives). Compiled against the real X-Ray SDK; run on the real SDK and on the
 * shim. Exceptions get fixed stack traces, so only their random ids differ between runs.
 */
public final class Documents {
  public static final String TRACE_ID = "1-5759e988-bd862e3fe1be46a994272793";
  private static final double T0 = 1700000000.125;

  private Documents() {}

  /** A bean in metadata: the mapper's naming and inclusion rules apply to its properties. */
  public static final class Order {
    public String getOrderId() {
      return "o-1";
    }

    public int getItemCount() {
      return 3;
    }

    public List<String> getTags() {
      return Collections.emptyList();
    }

    public String getNote() {
      return null;
    }

    public boolean isGift() {
      return false;
    }
  }

  public static Map<String, Object> fullTree() {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> emitted = new ArrayList<>();
    AWSXRayRecorder recorder = recorder(out, emitted);

    Segment segment =
        recorder.beginSegment("checkout", TraceID.fromString(TRACE_ID), "53995c3f42cd8ad8");
    segment.setId("0f1e2d3c4b5a6978");
    segment.setStartTime(T0);
    segment.putAnnotation("customer", "c-42");
    segment.putAnnotation("premium", true);
    segment.putAnnotation("items", 3);
    segment.putAnnotation("total", 12.5);
    segment.putMetadata("plain", "text");
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("a", 1);
    nested.put("b", Arrays.asList("x", "y"));
    nested.put("empty", Collections.emptyMap());
    nested.put("nothing", null);
    segment.putMetadata("app", "map", nested);
    segment.putMetadata("app", "list", Arrays.asList(1, "two", 3.0, true, null));
    segment.putMetadata("app", "order", new Order());
    segment.putMetadata("app", "emptyString", "");
    segment.putMetadata("time", "instant", Instant.ofEpochSecond(1700000000L, 5000));
    segment.putMetadata("time", "date", LocalDate.of(2024, 1, 2));
    segment.putMetadata("time", "duration", Duration.ofSeconds(90));
    segment.putHttp("request", request("POST", "https://shop.example.com/cart?id=1"));
    segment.putHttp("response", response(500, 123));
    segment.putAws("account_id", "123456789012");
    segment.putService("version", "1.2.3");
    segment.setUser("alice");
    segment.setOrigin("AWS::EC2::Instance");
    segment.setResourceArn("arn:aws:ec2:us-east-1:123456789012:instance/i-0abc");
    segment.setFault(true);
    out.put("open", segment.serialize());

    Subsegment dynamo = recorder.beginSubsegment("DynamoDB");
    dynamo.setId("1111111111111111");
    dynamo.setStartTime(T0 + 0.01);
    dynamo.setNamespace("aws");
    dynamo.putAws("operation", "GetItem");
    dynamo.putAws("region", "us-east-1");
    dynamo.putAws("table_name", "orders");
    dynamo.putAws("request_id", "R3QUE5T");
    dynamo.putAws("retries", 1);
    dynamo.setThrottle(true);
    dynamo.setError(true);
    dynamo.putHttp("response", response(400, 0));
    RuntimeException throttled = new RuntimeException("throttled");
    throttled.setStackTrace(
        new StackTraceElement[] {new StackTraceElement("com.example.Dynamo", "get", "Dynamo.java", 9)});
    dynamo.addException(throttled);
    dynamo.setEndTime(T0 + 0.02);
    recorder.endSubsegment();
    out.put("dynamo.serialize", dynamo.serialize());
    out.put("dynamo.stream", dynamo.streamSerialize());
    out.put("dynamo.prettyStream", dynamo.prettyStreamSerialize());

    Subsegment remote = recorder.beginSubsegment("payments.example.com");
    remote.setId("2222222222222222");
    remote.setStartTime(T0 + 0.03);
    remote.setNamespace("remote");
    remote.addPrecursorId("1111111111111111");
    remote.putHttp("request", request("GET", "https://payments.example.com/charge"));
    remote.putHttp("response", response(502, 17));

    Subsegment query = recorder.beginSubsegment("orders@db.example.com");
    query.setId("3333333333333333");
    query.setStartTime(T0 + 0.04);
    query.putSql("url", "jdbc:postgresql://db.example.com:5432/orders");
    query.putSql("user", "app");
    query.putSql("database_type", "PostgreSQL");
    query.putSql("database_version", "15.4");
    query.putSql("driver_version", "42.7.1");
    query.putSql("preparation", "prepared");
    query.putSql("sanitized_query", "SELECT * FROM orders WHERE id = ?");
    RuntimeException failure = failure();
    query.addException(failure);
    query.putMetadata("rows", Collections.singletonMap("count", 0));
    query.setEndTime(T0 + 0.05);
    recorder.endSubsegment();
    out.put("query.stream", query.streamSerialize());

    remote.setEndTime(T0 + 0.06);
    recorder.endSubsegment();
    // The same throwables again, on the segment: one a child recorded (referred to by id), one a
    // grandchild recorded (described again: only direct children are searched).
    segment.addException(throttled);
    segment.addException(failure);
    segment.setEndTime(T0 + 0.1);
    recorder.endSegment();
    out.put("emitted", emitted);
    return out;
  }

  /**
   * Exceptions recorded again on a segment after its subsegments recorded them: one a grandchild
   * recorded, then one wrapping what a child recorded.
   */
  public static Map<String, Object> recordedAgain() {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> emitted = new ArrayList<>();
    AWSXRayRecorder recorder = recorder(out, emitted);
    Segment segment = recorder.beginSegment("again", TraceID.fromString(TRACE_ID), null);
    segment.setId("0f1e2d3c4b5a6978");
    segment.setStartTime(T0);
    Subsegment child = recorder.beginSubsegment("child");
    child.setId("1111111111111111");
    child.setStartTime(T0);
    Subsegment grandchild = recorder.beginSubsegment("grandchild");
    grandchild.setId("2222222222222222");
    grandchild.setStartTime(T0);
    RuntimeException deep = failure();
    grandchild.addException(deep);
    grandchild.setEndTime(T0 + 1);
    recorder.endSubsegment();
    RuntimeException shallow = new IllegalArgumentException("shallow");
    shallow.setStackTrace(new StackTraceElement[0]);
    child.addException(shallow);
    child.setEndTime(T0 + 1);
    recorder.endSubsegment();
    segment.addException(deep);
    out.put("grandchild's", segment.serialize());
    RuntimeException wrapper = new RuntimeException("wrapper", shallow);
    wrapper.setStackTrace(new StackTraceElement[0]);
    Subsegment other = recorder.beginSubsegment("other");
    other.setId("3333333333333333");
    other.setStartTime(T0);
    other.addException(wrapper);
    other.setEndTime(T0 + 1);
    recorder.endSubsegment();
    segment.setEndTime(T0 + 2);
    recorder.endSegment();
    out.put("emitted", emitted);
    return out;
  }

  /**
   * The same exception added twice to a segment, and a metadata namespace whose map is empty (an
   * app can write into {@code getMetadata()} directly), next to one that is not.
   */
  public static Map<String, Object> twiceAndEmpty() {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> emitted = new ArrayList<>();
    AWSXRayRecorder recorder = recorder(out, emitted);
    Segment segment = recorder.beginSegment("twice", TraceID.fromString(TRACE_ID), null);
    segment.setId("0f1e2d3c4b5a6978");
    segment.setStartTime(T0);
    RuntimeException failure = failure();
    segment.addException(failure);
    segment.addException(failure);
    segment.putMetadata("kept", "count", 1);
    segment.getMetadata().put("empty", new java.util.concurrent.ConcurrentHashMap<String, Object>());
    segment.setEndTime(T0 + 1);
    out.put("segment", segment.serialize());
    recorder.endSegment();
    out.put("emitted", emitted);
    return out;
  }

  /**
   * Entities built with their constructors, not begun by the recorder (whose origin and aws and
   * service maps are set): in progress, ended, and with a subsegment.
   */
  public static Map<String, Object> directlyBuilt() {
    Map<String, Object> out = new LinkedHashMap<>();
    AWSXRayRecorder recorder = recorder(out, new ArrayList<String>());
    recorder.setOrigin("AWS::EC2::Instance");
    recorder.putRuntimeContext("instance_id", "i-0123456789abcdef0");
    Segment segment = new SegmentImpl(recorder, "direct", TraceID.fromString(TRACE_ID));
    segment.setId("0f1e2d3c4b5a6978");
    segment.setStartTime(T0);
    out.put("inProgress", segment.serialize());
    Subsegment sub = new SubsegmentImpl(recorder, "direct-sub", segment);
    sub.setId("1111111111111111");
    sub.setStartTime(T0);
    segment.addSubsegment(sub);
    sub.setEndTime(T0 + 1);
    out.put("sub", sub.serialize());
    segment.setEndTime(T0 + 2);
    out.put("ended", segment.serialize());
    return out;
  }

  /** A segment with nothing set but its ids and times: what defaults are written. */
  public static Map<String, Object> bareTree() {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> emitted = new ArrayList<>();
    AWSXRayRecorder recorder = recorder(out, emitted);
    Segment segment = recorder.beginSegment("bare", TraceID.fromString(TRACE_ID), null);
    segment.setId("0f1e2d3c4b5a6978");
    segment.setStartTime(T0);
    Subsegment sub = recorder.beginSubsegment("child");
    sub.setId("1111111111111111");
    sub.setStartTime(T0);
    out.put("sub.inProgress", sub.streamSerialize());
    sub.setEndTime(T0 + 1);
    recorder.endSubsegment();
    segment.setEndTime(T0 + 2);
    recorder.endSegment();
    out.put("emitted", emitted);
    return out;
  }

  private static AWSXRayRecorder recorder(final Map<String, Object> out, final List<String> emitted) {
    return AWSXRayRecorderBuilder.standard()
        .withSamplingStrategy(new AllSamplingStrategy())
        .withEmitter(
            new Emitter() {
              @Override
              public boolean sendSegment(Segment segment) {
                emitted.add("segment " + segment.getName());
                out.put("segment", segment.serialize());
                out.put("segment.pretty", segment.prettySerialize());
                return true;
              }

              @Override
              public boolean sendSubsegment(Subsegment subsegment) {
                emitted.add("subsegment " + subsegment.getName());
                return true;
              }
            })
        .build();
  }

  private static Map<String, Object> request(String method, String url) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("method", method);
    request.put("url", url);
    request.put("client_ip", "203.0.113.7");
    request.put("user_agent", "curl/8.0");
    request.put("x_forwarded_for", true);
    return request;
  }

  private static Map<String, Object> response(int status, long length) {
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("status", status);
    response.put("content_length", length);
    return response;
  }

  private static RuntimeException failure() {
    IllegalStateException root = new IllegalStateException("connection reset");
    root.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("org.postgresql.core.PGStream", "receive", "PGStream.java", 301),
          new StackTraceElement("org.postgresql.jdbc.PgStatement", "execute", null, -1),
        });
    RuntimeException failure = new RuntimeException("query failed", root);
    failure.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement("com.example.Orders", "load", "Orders.java", 42),
          new StackTraceElement("com.example.Api", "handle", "Api.java", 7),
          new StackTraceElement("java.lang.Thread", "run", "Thread.java", 829),
        });
    return failure;
  }
}
