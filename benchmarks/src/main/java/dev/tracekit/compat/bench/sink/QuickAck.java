package dev.tracekit.compat.bench.sink;

import java.io.IOException;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;

/**
 * Makes a receiving socket acknowledge every segment at once (Linux {@code TCP_QUICKACK}), so that
 * the sink never sets an exporter's pace. Without it, a client with Nagle's algorithm on holds the
 * last partial segment of each request body until the ACK that Linux delays by ~40 ms: every request
 * stalled ~42 ms on loopback here, whatever the receiver (the same stall the JDK's HTTP server
 * showed). {@code TCP_QUICKACK} is not sticky, so it is set again before each read. The option is
 * looked up reflectively ({@code jdk.net.ExtendedSocketOptions}, JDK 10+, Linux); a no-op where
 * missing.
 */
final class QuickAck {
  private static final SocketOption<Boolean> TCP_QUICKACK = lookup();

  private QuickAck() {}

  /** Asks {@code channel} to acknowledge what it receives next at once. */
  static void arm(SocketChannel channel) {
    if (TCP_QUICKACK == null) {
      return;
    }
    try {
      channel.setOption(TCP_QUICKACK, Boolean.TRUE);
    } catch (IOException | UnsupportedOperationException e) {
      // The read still works, only maybe slower.
    }
  }

  /** Whether quick ACKs are available on this JDK and OS. */
  static boolean isAvailable() {
    return TCP_QUICKACK != null;
  }

  @SuppressWarnings("unchecked")
  private static SocketOption<Boolean> lookup() {
    try {
      Object option = Class.forName("jdk.net.ExtendedSocketOptions").getField("TCP_QUICKACK").get(null);
      try (SocketChannel probe = SocketChannel.open()) {
        return probe.supportedOptions().contains(option) ? (SocketOption<Boolean>) option : null;
      }
    } catch (ReflectiveOperationException | IOException | RuntimeException e) {
      return null;
    }
  }
}
