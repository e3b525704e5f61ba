package dev.tracekit.compat.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OtlpCollectorExtensionTest {
  @RegisterExtension static final OtlpCollectorExtension collector = new OtlpCollectorExtension();

  @Test
  @Order(1)
  void traceKitInitializedFromSystemPropertiesSendsToTheCollector() {
    assertThat(System.getProperty("tracekit.endpoint")).isEqualTo(collector.getEndpoint());
    TraceKit.init(TraceKitConfig.builder().setShutdownHook(false).build());
    try {
      TraceKit.startSpan("from-properties").end();
      assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      TraceKit.shutdown();
    }

    assertThat(collector.awaitSpans(1, Duration.ofSeconds(10)))
        .extracting(ReceivedSpan::getName)
        .containsExactly("from-properties");
    assertThat(collector.requests().get(0).getHeader("X-API-Key"))
        .isEqualTo(OtlpCollectorExtension.TEST_API_KEY);
  }

  @Test
  @Order(2)
  void eachTestStartsWithNothingReceived(OtlpCollector injected) {
    assertThat(injected).isSameAs(collector.getCollector());
    assertThat(collector.spans()).isEmpty();
    assertThat(collector.requests()).isEmpty();
  }

  @Nested
  class InANestedClass {
    @Test
    void theOuterCollectorIsSharedAndCleared(OtlpCollector injected) {
      assertThat(injected).isSameAs(collector.getCollector());
      assertThat(injected.spans()).isEmpty();
      assertThat(System.getProperty("tracekit.endpoint")).isEqualTo(injected.getEndpoint());
    }
  }
}
