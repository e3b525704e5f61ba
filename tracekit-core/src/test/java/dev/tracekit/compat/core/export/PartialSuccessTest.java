package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PartialSuccessTest {
  @Test
  void aShortMessageIsKeptWhole() throws IOException {
    PartialSuccess partial =
        parse("{\"partialSuccess\":{\"rejectedSpans\":\"1\",\"errorMessage\":\"too old\"}}");
    assertThat(partial.getRejectedSpans()).isEqualTo(1);
    assertThat(partial.getErrorMessage()).isEqualTo("too old");
  }

  @Test
  void aHugeMessageKeepsItsStartAndSaysHowMuchWasCut() throws IOException {
    StringBuilder message = new StringBuilder();
    for (int i = 0; i < PartialSuccess.MAX_MESSAGE_LENGTH + 500; i++) {
      message.append(i < PartialSuccess.MAX_MESSAGE_LENGTH ? 'a' : 'b');
    }
    PartialSuccess partial =
        parse("{\"partialSuccess\":{\"rejectedSpans\":2,\"errorMessage\":\"" + message + "\"}}");
    assertThat(partial.getRejectedSpans()).isEqualTo(2);
    assertThat(partial.getErrorMessage())
        .startsWith("aaaa")
        .doesNotContain("b")
        .endsWith("... (500 more characters)");
  }

  @Test
  void protobufResponsesAreReadWithTheSameLimits() throws IOException {
    StringBuilder message = new StringBuilder();
    for (int i = 0; i < PartialSuccess.MAX_MESSAGE_LENGTH + 500; i++) {
      message.append(i < PartialSuccess.MAX_MESSAGE_LENGTH ? 'a' : 'b');
    }
    PartialSuccess partial = parseProtobuf(response(7, message.toString()));
    assertThat(partial.getRejectedSpans()).isEqualTo(7);
    assertThat(partial.getErrorMessage()).startsWith("aaaa").endsWith("more characters)");

    assertThat(parseProtobuf(new byte[0])).isSameAs(PartialSuccess.NONE);
    assertThat(parseProtobuf(response(0, ""))).isSameAs(PartialSuccess.NONE);
    assertThat(parseProtobuf(response(1, "é")).getErrorMessage()).isEqualTo("é");
  }

  @Test
  void aTruncatedOrNonProtobufBodyIsAnError() {
    byte[] whole = response(3, "too old");
    byte[] truncated = Arrays.copyOf(whole, whole.length - 2);
    assertThatThrownBy(() -> parseProtobuf(truncated)).isInstanceOf(IOException.class);
    byte[] html = "<html>".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> parseProtobuf(html)).isInstanceOf(IOException.class);
  }

  private static byte[] response(long rejected, String message) {
    return ExportTraceServiceResponse.newBuilder()
        .setPartialSuccess(
            ExportTracePartialSuccess.newBuilder().setRejectedSpans(rejected).setErrorMessage(message))
        .build()
        .toByteArray();
  }

  private static PartialSuccess parseProtobuf(byte[] body) throws IOException {
    return PartialSuccess.parse(new ByteArrayInputStream(body), true);
  }

  private static PartialSuccess parse(String json) throws IOException {
    return PartialSuccess.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }
}
