package scenarios;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.TraceID;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records a segment whose http and sql maps hold credentials (headers, URL user info, a signature,
 * SQL passwords), with the recorder's default emitter, and returns its {@code serialize()}.
 * Compiled against the real X-Ray SDK; run on the real SDK and on the shim.
 */
public final class Secrets {
  private static final String TRACE_ID = "1-5759e988-bd862e3fe1be46a994272793";
  private static final double T0 = 1700000000.125;

  private Secrets() {}

  public static Map<String, Object> record(String secret) {
    AWSXRayRecorder recorder =
        AWSXRayRecorderBuilder.standard().withSamplingStrategy(new AllSamplingStrategy()).build();
    Segment segment =
        recorder.beginSegment("checkout", TraceID.fromString(TRACE_ID), "53995c3f42cd8ad8");
    segment.setId("0f1e2d3c4b5a6978");
    segment.setStartTime(T0);
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + secret);
    headers.put("Proxy-Authorization", "Basic " + secret);
    headers.put("Cookie", "sid=" + secret);
    headers.put("X-API-Key", secret);
    headers.put("Accept", "application/json");
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("method", "POST");
    request.put("url", "https://alice:" + secret + "@shop.example.com/cart?id=1&X-Amz-Signature=" + secret);
    request.put("headers", headers);
    segment.putHttp("request", request);
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("status", 200);
    response.put("headers", Collections.singletonMap("Set-Cookie", "sid=" + secret + "; Secure"));
    segment.putHttp("response", response);

    Subsegment query = recorder.beginSubsegment("orders@db.example.com");
    query.setId("3333333333333333");
    query.setStartTime(T0 + 0.01);
    query.setNamespace("remote");
    query.putSql("url", "jdbc:postgresql://app:" + secret + "@db.example.com:5432/orders?password=" + secret);
    query.putSql("connection_string", "Server=db.example.com;User Id=app;Password=" + secret + ";");
    query.putSql("database_type", "PostgreSQL");
    query.putSql("user", "app");
    query.putSql("sanitized_query", "SELECT * FROM orders WHERE id = ?");
    query.setEndTime(T0 + 0.02);
    recorder.endSubsegment();
    segment.setEndTime(T0 + 0.03);
    recorder.endSegment();

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("serialize", segment.serialize());
    return out;
  }
}
