import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Namespace;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.TraceID;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request of an order service, written only against the X-Ray API, with every id and time
 * fixed so that two runs give the same trace: on the real SDK its UDPEmitter sends the segment to
 * the daemon address (the bridge); on the shim it goes to TraceKit directly.
 */
public class IdentityProgram {
  private static final double T0 = 1765000000.125;

  public static void main(String[] args) throws Exception {
    AWSXRayRecorder recorder = AWSXRayRecorderBuilder.standard().build();
    AWSXRay.setGlobalRecorder(recorder);

    Segment segment =
        recorder.beginSegment(
            "order-service", TraceID.fromString("1-6930c580-0a1b2c3d4e5f60718293a4b5"), "00f067aa0ba902b7");
    segment.setId("53995c3f42cd8ad8");
    segment.setStartTime(T0);
    segment.setUser("user-17");
    segment.putAnnotation("order_id", "o-1");
    segment.putAnnotation("items", 3);
    segment.putAnnotation("priority", true);
    segment.putAnnotation("amount", 12.5);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("method", "POST");
    request.put("url", "https://shop.example/orders?token=secret");
    request.put("client_ip", "10.0.0.7");
    request.put("user_agent", "curl/8.0");
    segment.putHttp("request", request);
    Map<String, Object> response = new HashMap<>();
    response.put("status", 500);
    response.put("content_length", 42);
    segment.putHttp("response", response);
    segment.putMetadata("order", "lines", 2);
    segment.putMetadata("checkout", "state", "paid");

    Subsegment validate = recorder.beginSubsegment("validate");
    validate.setId("1000000000000001");
    validate.setStartTime(T0 + 0.001);
    validate.putAnnotation("valid", false);
    validate.addException(new IllegalStateException("cart is empty"));
    validate.setEndTime(T0 + 0.002);
    recorder.endSubsegment();

    Subsegment db = recorder.beginSubsegment("orders-db");
    db.setId("1000000000000002");
    db.setStartTime(T0 + 0.003);
    db.setNamespace(Namespace.REMOTE.toString());
    Map<String, Object> sql = new HashMap<>();
    sql.put("url", "jdbc:postgresql://db.example:5432/orders");
    sql.put("database_type", "PostgreSQL");
    sql.put("sanitized_query", "SELECT * FROM orders WHERE id = ?");
    db.putAllSql(sql);
    Subsegment pool = recorder.beginSubsegment("pool");
    pool.setId("1000000000000003");
    pool.setStartTime(T0 + 0.004);
    pool.setEndTime(T0 + 0.005);
    recorder.endSubsegment();
    db.setEndTime(T0 + 0.006);
    recorder.endSubsegment();

    Subsegment dynamo = recorder.beginSubsegment("DynamoDB");
    dynamo.setId("1000000000000004");
    dynamo.setStartTime(T0 + 0.007);
    dynamo.setNamespace(Namespace.AWS.toString());
    dynamo.putAws("operation", "PutItem");
    dynamo.putAws("table_name", "orders");
    dynamo.putAws("region", "eu-west-1");
    dynamo.setThrottle(true);
    dynamo.setError(true);
    dynamo.setEndTime(T0 + 0.008);
    recorder.endSubsegment();

    segment.setFault(true);
    segment.setEndTime(T0 + 0.010);
    recorder.endSegment();
  }
}
