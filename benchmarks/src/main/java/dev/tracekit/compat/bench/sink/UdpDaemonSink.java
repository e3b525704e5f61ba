package dev.tracekit.compat.bench.sink;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * An X-Ray daemon stand-in on loopback UDP: reads each datagram into a reused buffer, counts the
 * entities in it and discards it. One daemon thread.
 */
final class UdpDaemonSink implements Closeable {
  private final DatagramChannel channel;
  private final SinkCounters counters;

  UdpDaemonSink(SinkCounters counters) throws IOException {
    this.counters = counters;
    this.channel = DatagramChannel.open();
    // The X-Ray SDK sends bursts (a streamed segment is one datagram per subsegment).
    channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 8 * 1024 * 1024);
    channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread reader = new Thread(this::readLoop, "xray-daemon-sink");
    reader.setDaemon(true);
    reader.start();
  }

  int port() throws IOException {
    return ((InetSocketAddress) channel.getLocalAddress()).getPort();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private void readLoop() {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    byte[] bytes = buffer.array();
    while (channel.isOpen()) {
      try {
        buffer.clear();
        if (channel.receive(buffer) == null) {
          continue;
        }
        int length = buffer.position();
        counters.onDatagram(SpanCounting.countXRayEntities(bytes, length), length);
      } catch (IOException e) {
        return;
      }
    }
  }
}
