package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

  private static PartialSuccess parse(String json) throws IOException {
    return PartialSuccess.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }
}
