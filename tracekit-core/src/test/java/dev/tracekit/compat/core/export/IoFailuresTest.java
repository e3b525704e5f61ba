package dev.tracekit.compat.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Each failure a request can meet is named in the words a user searches a log for. */
class IoFailuresTest {
  @Test
  void eachCauseIsNamed() {
    assertThat(IoFailures.describe(new ConnectException("Failed to connect to /127.0.0.1:9")))
        .isEqualTo("connection refused (Failed to connect to /127.0.0.1:9)");
    assertThat(IoFailures.describe(new UnknownHostException("x.invalid: Name or service not known")))
        .isEqualTo("unknown host (x.invalid: Name or service not known)");
    assertThat(IoFailures.describe(new SSLHandshakeException("PKIX path building failed")))
        .isEqualTo("TLS failure (PKIX path building failed)");
    assertThat(IoFailures.describe(new IOException("unexpected end of stream on http://h/...")))
        .startsWith("the receiver closed the connection without answering");
    assertThat(IoFailures.describe(new SocketTimeoutException("Read timed out")))
        .isEqualTo("timeout (no answer in time: Read timed out)");
    assertThat(IoFailures.describe(new IOException("something else")))
        .isEqualTo("java.io.IOException: something else");
  }

  @Test
  void onlyAnAnswerThatDidNotComeInTimeIsATimeout() {
    assertThat(IoFailures.isTimeout(new SocketTimeoutException("connect timed out"))).isTrue();
    assertThat(IoFailures.isTimeout(new InterruptedIOException("timeout"))).isTrue();
    assertThat(IoFailures.isTimeout(new InterruptedIOException("interrupted"))).isFalse();
    assertThat(IoFailures.isTimeout(new ConnectException("refused"))).isFalse();
  }
}
