package dev.tracekit.compat.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.testing.ReceivedSpan;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Checks X-Ray's outcome flags on a span ({@code aws.xray.error}, {@code .throttle}, {@code
 * .fault}, each an attribute only when true: {@code docs/mapping.md}, "Span attributes") and the
 * exception a module recorded.
 */
final class ErrorFlags {
  private ErrorFlags() {}

  static void assertFlags(ReceivedSpan span, boolean error, boolean throttle, boolean fault) {
    assertFlag(span.getAttributes(), "aws.xray.error", error);
    assertFlag(span.getAttributes(), "aws.xray.throttle", throttle);
    assertFlag(span.getAttributes(), "aws.xray.fault", fault);
  }

  /**
   * Asserts one {@code exception} event for {@code thrown}, marked {@code remote} or not as the
   * module marks it on the real core.
   */
  static void assertOneException(ReceivedSpan span, @Nullable Throwable thrown, boolean remote) {
    assertThat(thrown).isNotNull();
    assertThat(span.getEvents()).hasSize(1);
    ReceivedSpan.Event exception = span.getEvents().get(0);
    assertThat(exception.getName()).isEqualTo("exception");
    assertThat(exception.getAttributes())
        .containsEntry("exception.type", thrown.getClass().getName())
        .containsEntry("aws.xray.exception.remote", remote);
  }

  private static void assertFlag(Map<String, Object> attributes, String key, boolean expected) {
    if (expected) {
      assertThat(attributes).containsEntry(key, true);
    } else {
      assertThat(attributes).doesNotContainKey(key);
    }
  }
}
