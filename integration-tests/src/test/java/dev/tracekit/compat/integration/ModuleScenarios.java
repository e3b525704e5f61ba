package dev.tracekit.compat.integration;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.config.DaemonConfiguration;
import com.amazonaws.xray.emitters.Emitter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every {@link ModuleCalls} call, succeeding and failing, each in its own segment named after it,
 * with segments sent to an X-Ray daemon address. Only the X-Ray public API is used, so the same
 * bytecode runs on the real core (a separate JVM, through {@link #main}) and on the shim ({@link
 * #runAll} in the test JVM), and the two sets of segment documents can be compared.
 */
public final class ModuleScenarios {
  private ModuleScenarios() {}

  /** {@code args}: the AWS stub's endpoint, the daemon address. Prints the segment names run. */
  public static void main(String[] args) throws Exception {
    List<String> names = runAll(URI.create(args[0]), args[1]);
    System.out.println("RAN " + String.join(",", names));
    System.exit(0);
  }

  /**
   * Runs every scenario through a recorder that emits to {@code daemonAddress}, then puts the
   * previous global recorder back; returns the segment names, in order.
   */
  static List<String> runAll(URI endpoint, String daemonAddress) throws Exception {
    AWSXRayRecorder previous = AWSXRay.getGlobalRecorder();
    DaemonConfiguration daemon = new DaemonConfiguration();
    daemon.setUDPAddress(daemonAddress);
    AWSXRay.setGlobalRecorder(
        AWSXRayRecorderBuilder.standard().withEmitter(Emitter.create(daemon)).build());
    try {
      ModuleCalls.createOrdersTable();
      Map<String, ModuleCall> scenarios = scenarios(endpoint);
      for (Map.Entry<String, ModuleCall> scenario : scenarios.entrySet()) {
        AWSXRay.beginSegment(scenario.getKey());
        try {
          scenario.getValue().run();
        } catch (Exception expected) {
          // The failing scenarios throw what their client throws; the segment records the rest.
        } finally {
          AWSXRay.endSegment();
        }
      }
      return new ArrayList<>(scenarios.keySet());
    } finally {
      AWSXRay.setGlobalRecorder(previous);
    }
  }

  private static Map<String, ModuleCall> scenarios(URI endpoint) {
    Map<String, ModuleCall> all = new LinkedHashMap<>();
    for (String outcome : new String[] {"ok", "fail-400", "fail-429", "fail-500"}) {
      String name = outcome.equals("ok") ? "orders" : outcome;
      all.put("v2-dynamodb-" + outcome, () -> ModuleCalls.v2DynamoDbGetItem(endpoint, name));
      all.put("v2-s3-" + outcome, () -> ModuleCalls.v2S3ListObjects(endpoint, name));
      all.put("v2-sqs-" + outcome, () -> ModuleCalls.v2SqsSendMessage(endpoint, name));
      all.put("v1-dynamodb-" + outcome, () -> ModuleCalls.v1DynamoDbGetItem(endpoint, name));
      all.put(
          "apache-" + outcome,
          () -> ModuleCalls.apacheGet(URI.create(endpoint + "/api/orders/" + name)));
    }
    all.put("sql-query", () -> ModuleCalls.query("SELECT id, total FROM orders"));
    all.put("sql-failure", () -> ModuleCalls.query("INSERT INTO orders VALUES ('o-1', 13)"));
    all.put("spring-ok", () -> ModuleCalls.springCall("o-1"));
    all.put("spring-failure", () -> ModuleCalls.springCall("unknown"));
    return all;
  }

  /** One scenario's call. */
  interface ModuleCall {
    void run() throws Exception;
  }
}
