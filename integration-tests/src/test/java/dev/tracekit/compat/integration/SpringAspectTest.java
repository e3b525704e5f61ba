package dev.tracekit.compat.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.integration.TracedCalls.Trace;
import dev.tracekit.compat.testing.ReceivedSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Spring bean traced by the real aspect of aws-xray-recorder-sdk-spring ({@code
 * BaseAbstractXRayInterceptor} and {@code @XRayEnabled}), on the shim. No AWS account is involved: the
 * aspect only records local subsegments.
 */
class SpringAspectTest {
  private static TracedCalls calls;

  @BeforeAll
  static void start() {
    calls = TracedCalls.start();
  }

  @AfterAll
  static void stop() {
    calls.close();
  }

  @Test
  void aBeanMethodBecomesAnInternalSpanWithTheClassAsMetadata() {
    String[] price = new String[1];
    Trace trace = calls.inSegment("orders-api", () -> price[0] = ModuleCalls.springCall("o-1"));

    assertThat(trace.thrown).isNull();
    assertThat(price[0]).isEqualTo("o-1: 12.50");
    ReceivedSpan span = trace.onlyChild();
    assertThat(span.getName()).isEqualTo("price");
    // Not an aws or remote subsegment: a local method, kind INTERNAL (docs/mapping.md, Span
    // fields).
    assertThat(span.getKind()).isEqualTo(ReceivedSpan.Kind.INTERNAL);
    assertThat(span.getAttributes())
        .containsEntry("aws.xray.metadata.ClassInfo", "{\"Class\":\"OrderService\"}");
    ErrorFlags.assertFlags(span, false, false, false);
  }

  @Test
  void aFailingBeanMethodRecordsItsExceptionOnTheSegment() {
    Trace trace = calls.inSegment("orders-api", () -> ModuleCalls.springCall("unknown"));

    assertThat(trace.thrown).isInstanceOf(IllegalArgumentException.class);
    ReceivedSpan span = trace.onlyChild();
    assertThat(span.getName()).isEqualTo("price");
    ReceivedSpan segment = trace.root();
    assertThat(segment.getStatusCode()).isEqualTo(ReceivedSpan.StatusCode.ERROR);
    assertThat(segment.getAttributes()).containsEntry("aws.xray.fault", true);
    assertThat(segment.getEvents()).hasSize(1);
    assertThat(segment.getEvents().get(0).getAttributes())
        .containsEntry("exception.type", IllegalArgumentException.class.getName())
        .containsEntry("exception.message", "no order unknown");
  }
}
