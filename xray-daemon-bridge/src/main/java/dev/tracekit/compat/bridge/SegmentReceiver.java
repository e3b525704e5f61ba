package dev.tracekit.compat.bridge;

import dev.tracekit.compat.core.internal.LogText;
import dev.tracekit.compat.core.internal.ThrottlingLogger;
import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * The UDP side of the daemon. One thread receives datagrams (up to 64 KiB), relays them when asked
 * ({@link DatagramForwarder}) and queues a copy; it does nothing else, so the kernel's receive
 * buffer is emptied as fast as datagrams come, whatever the rest costs. A second thread, the only
 * one that touches {@link SegmentIntake} (which therefore needs no locks), decodes them and hands
 * the documents on. The queue between them holds at most {@value #MAX_QUEUED_BYTES} bytes; a
 * datagram that finds it full is dropped and counted. Malformed datagrams are counted and logged
 * (rate-limited, with their first bytes); nothing else is lost.
 */
final class SegmentReceiver implements Closeable {
  private static final ThrottlingLogger LOGGER =
      ThrottlingLogger.create(Logger.getLogger(SegmentReceiver.class.getName()));
  /** The largest UDP payload. */
  static final int MAX_DATAGRAM = 65_535;
  /** How often, at least, the intake wakes to let go of subsegments held too long. */
  private static final int WAKE_MILLIS = 1_000;
  /** The bound of the queue between receiving and decoding (about half a second at 20,000/s). */
  static final int MAX_QUEUED_BYTES = 8 * 1024 * 1024;

  private final DatagramSocket socket;
  private final DatagramDecoder decoder = new DatagramDecoder();
  private final SegmentIntake intake;
  private final StreamedSubsegments streamed;
  @Nullable private final DatagramForwarder forwarder;
  private final BridgeCounts counts;
  private final Thread receiving;
  private final Thread decoding;
  private final ArrayBlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(MAX_QUEUED_BYTES / 256);
  private final AtomicLong queuedBytes = new AtomicLong();
  private volatile boolean closed;

  /**
   * Binds {@code address} with a receive buffer of {@code receiveBufferBytes} asked for (the
   * kernel may give less: {@link #receiveBufferBytes()} says what it gave).
   *
   * @throws SocketException when the address cannot be bound (in use, not local)
   */
  SegmentReceiver(
      InetSocketAddress address,
      int receiveBufferBytes,
      SegmentIntake intake,
      StreamedSubsegments streamed,
      @Nullable DatagramForwarder forwarder,
      BridgeCounts counts)
      throws SocketException {
    DatagramSocket s = new DatagramSocket(null);
    try {
      s.setReceiveBufferSize(receiveBufferBytes);
      s.bind(address);
    } catch (SocketException e) {
      s.close();
      throw e;
    }
    this.socket = s;
    this.intake = intake;
    this.streamed = streamed;
    this.forwarder = forwarder;
    this.counts = counts;
    // Named within Linux's 15 characters, so the two stay apart in per-thread CPU readings.
    this.receiving = new Thread(this::receive, "xray-bridge-udp");
    this.decoding = new Thread(this::decode, "xray-bridge-intake");
    receiving.setDaemon(true);
    decoding.setDaemon(true);
  }

  void start() {
    decoding.start();
    receiving.start();
  }

  /** Returns the bound address (the port the system chose when 0 was asked for). */
  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** Returns the receive buffer the kernel gave. */
  int receiveBufferBytes() {
    try {
      return socket.getReceiveBufferSize();
    } catch (SocketException e) {
      return -1;
    }
  }

  private void receive() {
    byte[] buffer = new byte[MAX_DATAGRAM];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    while (!closed) {
      try {
        packet.setLength(buffer.length);
        socket.receive(packet);
        int length = packet.getLength();
        arrive(buffer, length);
        if (queuedBytes.get() + length > MAX_QUEUED_BYTES
            || !queue.offer(Arrays.copyOf(buffer, length))) {
          counts.droppedBusy.increment();
        } else {
          queuedBytes.addAndGet(length);
        }
      } catch (IOException e) {
        if (!closed) {
          LOGGER.log(Level.WARNING, "xray-daemon-bridge: receiving failed: " + e);
        }
      } catch (RuntimeException e) {
        // Never stop receiving.
        LOGGER.log(Level.WARNING, "xray-daemon-bridge: could not receive a datagram: " + e);
      }
    }
  }

  private void decode() {
    while (!closed || !queue.isEmpty()) {
      try {
        byte[] datagram = queue.poll(WAKE_MILLIS, TimeUnit.MILLISECONDS);
        if (datagram != null) {
          queuedBytes.addAndGet(-datagram.length);
          process(datagram, datagram.length);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // Never stop for one bad datagram.
        LOGGER.log(Level.WARNING, "xray-daemon-bridge: could not handle a datagram: " + e);
      }
      streamed.expire(System.nanoTime());
    }
  }

  /** Handles one datagram of {@code length} bytes at once, on this thread: for tests. */
  void handle(byte[] data, int length) {
    arrive(data, length);
    process(data, length);
  }

  /** Counts a datagram that arrived and relays it when asked. */
  private void arrive(byte[] data, int length) {
    counts.datagrams.increment();
    counts.bytes.add(length);
    if (forwarder != null) {
      forwarder.forward(data, 0, length);
    }
  }

  /** Decodes a datagram and hands its document to the intake. */
  private void process(byte[] data, int length) {
    DatagramDecoder.Result result = decoder.decode(data, 0, length);
    Malformed malformed = result.malformed;
    Map<String, Object> document = result.document;
    if (malformed == null && document != null) {
      malformed = intake.accept(document, System.nanoTime());
    }
    if (malformed != null) {
      counts.malformed(malformed);
      LOGGER.log(
          Level.WARNING,
          "xray-daemon-bridge: dropped a datagram (" + malformed.label() + ", " + length
              + " bytes): " + firstBytes(data, length));
    }
  }

  /** Returns the datagram's first bytes as text a log line can hold: ASCII, others as \xNN. */
  static String firstBytes(byte[] data, int length) {
    StringBuilder sb = new StringBuilder();
    int n = Math.min(length, LogText.MAX_CHARS);
    for (int i = 0; i < n && sb.length() < LogText.MAX_CHARS; i++) {
      int b = data[i] & 0xFF;
      if (b >= 0x20 && b < 0x7F) {
        sb.append((char) b);
      } else {
        sb.append(String.format("\\x%02X", b));
      }
    }
    if (length > n) {
      sb.append("… (").append(length).append(" bytes)");
    }
    return sb.toString();
  }

  /**
   * Stops receiving, lets the intake finish what is queued, and waits (bounded) for both threads
   * to end.
   */
  @Override
  public void close() {
    closed = true;
    socket.close();
    try {
      receiving.join(2_000);
      decoding.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
