package dev.tracekit.compat.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;

/**
 * A stand-in for the X-Ray daemon's UDP port, for tests: it records each segment document an X-Ray
 * SDK sends (a datagram of a {@code {"format": "json", "version": 1}} header line and a JSON
 * document), so running existing tests against the real SDK captures the "before" trace shape.
 *
 * <p>Point the SDK at it with {@link #setDaemonAddressProperty()} (the system property {@value
 * #DAEMON_ADDRESS_PROPERTY}, read when a recorder is built) or the environment variable {@code
 * AWS_XRAY_DAEMON_ADDRESS} = {@link #getDaemonAddress()}; or start it on the daemon's default port
 * 2000. A datagram that is not a header plus a JSON object is counted and kept raw; the capture
 * keeps listening. Only UDP is served: the daemon's TCP sampling API is not.
 *
 * <p>Thread-safe; one daemon thread receives. {@link #close()} stops it.
 */
public final class XRayDaemonCapture implements AutoCloseable {
  /** The system property X-Ray SDKs read the daemon address from. */
  public static final String DAEMON_ADDRESS_PROPERTY = "com.amazonaws.xray.emitters.daemonAddress";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_DATAGRAM = 65_536;

  private final DatagramSocket socket;
  private final Object lock = new Object();
  private final List<String> documents = new ArrayList<>();
  private final List<JsonNode> trees = new ArrayList<>();
  private final List<String> malformed = new ArrayList<>();
  private final List<String> malformedReasons = new ArrayList<>();

  private XRayDaemonCapture(DatagramSocket socket) {
    this.socket = socket;
  }

  /** Starts a capture on a free UDP port of 127.0.0.1. */
  public static XRayDaemonCapture start() {
    return start(0);
  }

  /**
   * Starts a capture on UDP {@code port} of 127.0.0.1 (0 picks a free port; 2000 is the daemon's).
   *
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static XRayDaemonCapture start(int port) {
    DatagramSocket socket;
    try {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (SocketException e) {
      throw new UncheckedIOException("Cannot listen for X-Ray documents on UDP port " + port, e);
    }
    XRayDaemonCapture capture = new XRayDaemonCapture(socket);
    Thread receiver = new Thread(capture::receive, "xray-daemon-capture-" + socket.getLocalPort());
    receiver.setDaemon(true);
    receiver.setContextClassLoader(null);
    receiver.start();
    return capture;
  }

  /** Returns the UDP port listened on. */
  public int getPort() {
    return socket.getLocalPort();
  }

  /** Returns {@code 127.0.0.1:<port>}, the form {@code AWS_XRAY_DAEMON_ADDRESS} takes. */
  public String getDaemonAddress() {
    return "127.0.0.1:" + getPort();
  }

  /**
   * Sets {@value #DAEMON_ADDRESS_PROPERTY} to {@link #getDaemonAddress()} until the returned
   * override is closed. X-Ray recorders built meanwhile send here.
   */
  public PropertyOverride setDaemonAddressProperty() {
    return PropertyOverride.set(DAEMON_ADDRESS_PROPERTY, getDaemonAddress());
  }

  /** Returns the documents received so far (JSON text without the header), in arrival order. */
  public List<String> documents() {
    synchronized (lock) {
      return Collections.unmodifiableList(new ArrayList<>(documents));
    }
  }

  /** Returns the trace shape of the documents received so far, ids and times ignored. */
  public TraceShape shape() {
    return TraceShape.fromXRayDocuments(documents());
  }

  /** Returns the trace shape of the documents received so far. */
  public TraceShape shape(ShapeOptions options) {
    return TraceShape.fromXRayDocuments(documents(), options);
  }

  /** Returns the documents received so far, parsed; each call returns fresh copies. */
  public List<JsonNode> documentTrees() {
    synchronized (lock) {
      List<JsonNode> copies = new ArrayList<>();
      for (JsonNode tree : trees) {
        copies.add(tree.deepCopy());
      }
      return Collections.unmodifiableList(copies);
    }
  }

  /** Returns the number of datagrams that were not a header line plus a JSON object. */
  public int malformedCount() {
    synchronized (lock) {
      return malformed.size();
    }
  }

  /** Returns the malformed datagrams as received (decoded as UTF-8), in arrival order. */
  public List<String> malformedDatagrams() {
    synchronized (lock) {
      return Collections.unmodifiableList(new ArrayList<>(malformed));
    }
  }

  /**
   * Blocks until at least {@code count} documents have arrived, for at most {@code timeout}.
   *
   * @return the documents received by then
   * @throws AssertionError on timeout or interrupt, describing what was received
   */
  public List<String> awaitDocuments(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (documents.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "Timed out after " + timeout.toMillis() + " ms waiting for " + count
                  + " X-Ray documents on " + getDaemonAddress() + "; " + describeLocked());
        }
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("Interrupted while waiting for X-Ray documents; " + describeLocked());
        }
      }
      return Collections.unmodifiableList(new ArrayList<>(documents));
    }
  }

  /** Forgets every document and malformed datagram received so far. */
  public void clear() {
    synchronized (lock) {
      documents.clear();
      trees.clear();
      malformed.clear();
      malformedReasons.clear();
    }
  }

  /** Stops listening; queries still work on what was received. */
  @Override
  public void close() {
    socket.close();
  }

  @Override
  public String toString() {
    return "XRayDaemonCapture{" + getDaemonAddress() + "}";
  }

  private void receive() {
    byte[] buffer = new byte[MAX_DATAGRAM];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (IOException e) {
        return; // closed
      }
      accept(new String(packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8));
    }
  }

  private void accept(String datagram) {
    String problem = null;
    JsonNode tree = null;
    String document = null;
    int newline = datagram.indexOf('\n');
    if (newline < 0) {
      problem = "no header line";
    } else {
      try {
        JsonNode header = readWhole(datagram.substring(0, newline));
        if (header == null
            || !"json".equals(header.path("format").asText(null))
            || header.path("version").asInt(-1) != 1) {
          problem = "header is not {\"format\": \"json\", \"version\": 1}";
        } else {
          document = datagram.substring(newline + 1);
          tree = readWhole(document);
          if (tree == null || !tree.isObject()) {
            problem = "document is not a JSON object";
          }
        }
      } catch (IOException e) {
        problem = "not JSON: " + e.getMessage();
      }
    }
    synchronized (lock) {
      if (problem == null) {
        documents.add(document);
        trees.add(tree);
      } else {
        malformed.add(datagram);
        malformedReasons.add(problem);
      }
      lock.notifyAll();
    }
  }

  /**
   * Returns the one JSON value {@code text} holds (null for none), or throws when anything but
   * white space follows it; written out because Jackson's own switch for that came in 2.9.
   */
  @Nullable
  private static JsonNode readWhole(String text) throws IOException {
    try (JsonParser parser = MAPPER.getFactory().createParser(text)) {
      if (parser.nextToken() == null) {
        return null;
      }
      JsonNode tree = MAPPER.readTree(parser);
      JsonToken after = parser.nextToken();
      if (after != null) {
        throw new IOException("trailing token after the JSON value: " + after);
      }
      return tree;
    }
  }

  private String describeLocked() {
    StringBuilder sb = new StringBuilder("received ").append(documents.size()).append(" documents");
    for (JsonNode tree : trees) {
      sb.append("\n  '").append(tree.path("name").asText()).append("' ")
          .append(tree.path("type").asText("segment")).append(' ').append(tree.path("id").asText());
    }
    if (!malformed.isEmpty()) {
      sb.append("\nand ").append(malformed.size()).append(" malformed datagrams");
      for (String reason : malformedReasons) {
        sb.append("\n  ").append(reason);
      }
    }
    return sb.toString();
  }
}
