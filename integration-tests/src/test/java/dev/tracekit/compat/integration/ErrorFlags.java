package dev.tracekit.compat.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.testing.ReceivedSpan;
import java.util.Map;

/**
 * X-Ray's outcome of an HTTP status, as the X-Ray integration modules record it and DESIGN §3 maps
 * it: 4xx is an error, 429 an error and a throttle, 5xx a fault. Each flag is an attribute only
 * when true.
 */
final class ErrorFlags {
  private ErrorFlags() {}

  static void assertFlagsFor(int status, ReceivedSpan span) {
    Map<String, Object> attributes = span.getAttributes();
    if (status >= 500) {
      assertThat(attributes).containsEntry("aws.xray.fault", true);
      assertThat(attributes).doesNotContainKeys("aws.xray.error", "aws.xray.throttle");
    } else if (status == 429) {
      assertThat(attributes)
          .containsEntry("aws.xray.error", true)
          .containsEntry("aws.xray.throttle", true)
          .doesNotContainKey("aws.xray.fault");
    } else if (status >= 400) {
      assertThat(attributes).containsEntry("aws.xray.error", true);
      assertThat(attributes).doesNotContainKeys("aws.xray.fault", "aws.xray.throttle");
    } else {
      assertThat(attributes).doesNotContainKeys("aws.xray.error", "aws.xray.throttle", "aws.xray.fault");
    }
  }
}
