package dev.tracekit.compat.bridge;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Relays each datagram, unchanged, to a real X-Ray daemon ({@code --forward-to}), for the time when
 * a team checks TraceKit against X-Ray. Never blocks the intake: a datagram the socket cannot take
 * at once is counted as not forwarded.
 */
final class DatagramForwarder implements Closeable {
  private final DatagramChannel channel;
  private final InetSocketAddress target;
  private final BridgeCounts counts;

  DatagramForwarder(InetSocketAddress target, BridgeCounts counts) throws IOException {
    this.target = target;
    this.counts = counts;
    this.channel = DatagramChannel.open();
    channel.configureBlocking(false);
  }

  /** Sends {@code length} bytes of {@code data} from {@code offset} to the daemon. */
  void forward(byte[] data, int offset, int length) {
    try {
      // A non-blocking send sends the whole datagram or nothing; an empty one returns 0 either way.
      if (channel.send(ByteBuffer.wrap(data, offset, length), target) == length) {
        counts.forwarded.increment();
      } else {
        counts.forwardFailed.increment();
      }
    } catch (IOException | RuntimeException e) {
      counts.forwardFailed.increment();
    }
  }

  InetSocketAddress target() {
    return target;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
