package dev.tracekit.compat.xray.e2e;

import static dev.tracekit.compat.xray.e2e.OtlpBackend.attributes;
import static dev.tracekit.compat.xray.e2e.OtlpBackend.byName;
import static dev.tracekit.compat.xray.e2e.OtlpBackend.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.ChildJvm;
import dev.tracekit.compat.xray.reference.XRayReference;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The binary drop-in promise: {@code legacyapp.LegacyApp}, compiled against the REAL
 * aws-xray-recorder-sdk-core 2.21.0 jar, runs unchanged (no recompile) in a separate JVM whose
 * classpath has the shim's jars instead of the real SDK, configured only with system properties;
 * its spans arrive at a loopback OTLP server (flushed by the JVM shutdown hook as the program exits).
 *
 * <p>The program is never run on the real SDK here: its static {@code AWSXRay} recorder loads the
 * default plugins, and the real EC2 plugin queries the instance metadata service on a non-loopback
 * address. That it is a genuine X-Ray program is guaranteed by how it is built: {@code XRayPrograms}
 * compiles it with nothing but the real SDK's jars on the classpath.
 */
class BinaryDropInTest {
  private OtlpBackend backend;

  @BeforeEach
  void start() throws Exception {
    backend = new OtlpBackend();
  }

  @AfterEach
  void stop() throws Exception {
    backend.close();
  }

  @Test
  void programCompiledAgainstTheRealSdkRunsOnTheShimAndItsSpansArrive() throws Exception {
    ChildJvm.Result run =
        XRayReference.SHIM.childJvm("legacyapp.LegacyApp")
            .property("tracekit.endpoint", backend.endpoint())
            .property("tracekit.apiKey", OtlpBackend.API_KEY)
            .run("drop-in")
            .assertSucceeded();
    assertThat(run.output).doesNotContain("NoSuchMethodError", "NoClassDefFoundError", "AbstractMethodError");
    String[] ids = run.line("TRACE").split(" ");
    String xrayTraceId = ids[0];
    String segmentId = ids[1];
    String loadId = ids[2];

    List<Span> spans = backend.awaitSpans(5, 30);
    assertThat(OtlpBackend.names(spans))
        .containsExactlyInAnyOrder("legacy-app", "load-order", "query-db", "fails", "async-work");
    String traceId = xrayTraceId.substring(2).replace("-", "");
    for (Span span : spans) {
      assertThat(hex(span.getTraceId())).isEqualTo(traceId);
    }
    Span root = byName(spans, "legacy-app");
    assertThat(hex(root.getSpanId())).isEqualTo(segmentId);
    assertThat(root.getKind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
    assertThat(root.getParentSpanId().isEmpty()).isTrue();
    Map<String, AnyValue> rootAttributes = attributes(root);
    assertThat(rootAttributes.get("customer").getStringValue()).isEqualTo("c-42");
    assertThat(rootAttributes.get("aws.xray.metadata.default").getStringValue()).isEqualTo("{\"order\":{\"items\":3}}");

    Span load = byName(spans, "load-order");
    assertThat(hex(load.getSpanId())).isEqualTo(loadId);
    assertThat(hex(load.getParentSpanId())).isEqualTo(segmentId);
    assertThat(attributes(load).get("cache_hit").getBoolValue()).isFalse();
    Span query = byName(spans, "query-db");
    assertThat(hex(query.getParentSpanId())).isEqualTo(loadId);
    assertThat(query.getKind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
    assertThat(attributes(query).get("aws.xray.sql.url").getStringValue())
        .isEqualTo("jdbc:postgresql://db.example.com:5432/orders");
    Span fails = byName(spans, "fails");
    assertThat(hex(fails.getParentSpanId())).isEqualTo(segmentId);
    assertThat(fails.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(fails.getStatus().getMessage()).isEqualTo("boom");
    Span async = byName(spans, "async-work");
    assertThat(hex(async.getParentSpanId())).isEqualTo(segmentId);
    assertThat(attributes(async).get("thread").getStringValue()).isEqualTo("legacy-worker");

    assertThat(backend.resource().get("service.name").getStringValue()).isEqualTo("legacy-app");
  }
}
