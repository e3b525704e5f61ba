package dev.tracekit.compat.core.export;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** Names the cause of a failed request in the words a user looks for in a log. */
final class IoFailures {
  private IoFailures() {}

  /**
   * Returns what went wrong: connection refused, unknown host, TLS failure, connection closed
   * without an answer, timeout, or the exception itself. The messages name hosts and certificates, never request headers.
   */
  static String describe(IOException e) {
    if (e instanceof ConnectException) {
      return "connection refused (" + e.getMessage() + ")";
    }
    if (e instanceof NoRouteToHostException) {
      return "no route to host (" + e.getMessage() + ")";
    }
    if (e instanceof UnknownHostException) {
      return "unknown host (" + e.getMessage() + ")";
    }
    if (e instanceof SSLException) {
      return "TLS failure (" + e.getMessage() + ")";
    }
    if (String.valueOf(e.getMessage()).startsWith("unexpected end of stream")) {
      return "the receiver closed the connection without answering (" + e.getMessage() + ")";
    }
    if (isTimeout(e)) {
      return "timeout (no answer in time: " + e.getMessage() + ")";
    }
    return e.toString();
  }

  /** True when the receiver was reached but did not answer in time. */
  static boolean isTimeout(IOException e) {
    return e instanceof SocketTimeoutException
        || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()));
  }
}
