package dev.tracekit.compat.bench.sink;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where every contender sends its traces: an OTLP/HTTP receiver ({@code /v1/traces} on a loopback
 * TCP port, JSON or protobuf) and an X-Ray daemon stand-in (a loopback UDP port), both counting what
 * they receive and discarding it.
 *
 * <p>In-process use (the end-to-end benchmark): {@link #start()}, read the counters, {@link
 * #close()}. As a program (for JMH, whose allocation profiler counts every thread of the measured
 * JVM, so the sink must live elsewhere): {@code LoopbackSink <port-file>} writes {@code
 * http=<port> udp=<port>} to the file and serves until its standard input closes, then prints its
 * counters.
 */
public final class LoopbackSink implements Closeable {
  private final SinkCounters counters = new SinkCounters();
  private final OtlpHttpSink http;
  private final UdpDaemonSink udp;

  private LoopbackSink(long idleCloseMillis) throws IOException {
    this.http = new OtlpHttpSink(counters, counters::toJson, idleCloseMillis);
    this.udp = new UdpDaemonSink(counters);
  }

  /** Starts both receivers on ephemeral loopback ports; HTTP connections stay open. */
  public static LoopbackSink start() throws IOException {
    return new LoopbackSink(0);
  }

  /**
   * As {@link #start()}, but the OTLP/HTTP receiver closes a kept-alive connection once it has
   * waited {@code idleCloseMillis} for the next request (about: checked every 20 ms).
   */
  public static LoopbackSink startClosingIdleConnections(long idleCloseMillis) throws IOException {
    if (idleCloseMillis <= 0) {
      throw new IllegalArgumentException("idleCloseMillis must be > 0, got " + idleCloseMillis);
    }
    return new LoopbackSink(idleCloseMillis);
  }

  /** Returns the OTLP/HTTP traces URL, {@code http://127.0.0.1:<port>/v1/traces}. */
  public String otlpEndpoint() {
    return "http://127.0.0.1:" + http.port() + "/v1/traces";
  }

  /** Returns the X-Ray daemon address, {@code 127.0.0.1:<port>}. */
  public String daemonAddress() throws IOException {
    return "127.0.0.1:" + udp.port();
  }

  /** Spans received over OTLP so far. */
  public long otlpSpans() {
    return counters.otlpSpans.get();
  }

  /** OTLP/HTTP connections accepted so far. */
  public long otlpConnections() {
    return counters.otlpConnections.get();
  }

  /** OTLP/HTTP connections the receiver closed because they had idled too long. */
  public long otlpIdleClosed() {
    return counters.otlpIdleClosed.get();
  }

  /** OTLP requests that could not be read as protobuf. */
  public long otlpMalformed() {
    return counters.otlpMalformed.get();
  }

  /** Bytes of OTLP request bodies received so far (as sent: compressed when gzipped). */
  public long otlpBytes() {
    return counters.otlpBytes.get();
  }

  /** Bytes of X-Ray datagrams received so far. */
  public long xrayBytes() {
    return counters.xrayBytes.get();
  }

  /** X-Ray entities (segments and subsegments) received over UDP so far. */
  public long xrayEntities() {
    return counters.xrayEntities.get();
  }

  /** Returns every counter as one JSON object. */
  public String statsJson() {
    return counters.toJson();
  }

  @Override
  public void close() throws IOException {
    http.close();
    udp.close();
  }

  /** Runs the sink as a program; see the class comment. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: LoopbackSink <port-file>");
      System.exit(2);
    }
    try (LoopbackSink sink = start()) {
      Path portFile = Paths.get(args[0]);
      Path tmp = Paths.get(args[0] + ".tmp");
      Files.write(
          tmp,
          ("http=" + sink.http.port() + " udp=" + sink.udp.port() + "\n")
              .getBytes(StandardCharsets.US_ASCII));
      Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      InputStream in = System.in;
      byte[] discard = new byte[256];
      while (in.read(discard) >= 0) {
        // Serve until the parent closes our standard input (or kills us).
      }
      System.out.println("sink: " + sink.statsJson());
    }
  }
}
