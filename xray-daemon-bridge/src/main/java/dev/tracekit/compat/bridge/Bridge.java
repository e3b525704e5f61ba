package dev.tracekit.compat.bridge;

import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.internal.DaemonThreadFactory;
import dev.tracekit.compat.core.trace.PipelineStats;
import dev.tracekit.compat.core.trace.Tracer;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * One running bridge: the UDP receiver, the TCP sampling API ({@link SamplingServer}), the spans'
 * pipeline to TraceKit, the forwarder when asked, and the summary line (a minute apart when anything changed, and when it stops). {@link #close()}
 * stops receiving, lets held subsegments go, and flushes within {@link #FLUSH_SECONDS} s.
 */
final class Bridge implements Closeable {
  private static final Logger LOGGER = Logger.getLogger(Bridge.class.getName());
  static final int FLUSH_SECONDS = 10;
  static final long SUMMARY_SECONDS = 60;

  private final Tracer tracer;
  private final BridgeCounts counts = new BridgeCounts();
  private final StreamedSubsegments streamed;
  private final SegmentReceiver receiver;
  @Nullable private final DatagramForwarder forwarder;
  private final SamplingServer sampling;
  private final ScheduledExecutorService summaries =
      Executors.newSingleThreadScheduledExecutor(new DaemonThreadFactory("tracekit-xray-bridge-summary"));
  private String lastSummary = "";
  private boolean closed;

  /**
   * Binds the bridge's sockets and builds its pipeline from {@code config}.
   *
   * @throws ListenException when an address cannot be bound (its message names which)
   * @throws IOException when the forwarder's socket cannot be opened
   */
  Bridge(BridgeOptions options, TraceKitConfig config, SamplingRules rules) throws IOException {
    this.tracer = TraceKit.create(config);
    ServiceResources resources = new ServiceResources(tracer.getResource());
    this.streamed = new StreamedSubsegments(resources.unknown(), counts);
    SegmentIntake intake = new SegmentIntake(tracer, resources, streamed, counts);
    DatagramForwarder relay = null;
    try {
      relay = options.forwardTo == null ? null : new DatagramForwarder(options.forwardTo, counts);
      this.receiver =
          new SegmentReceiver(options.udp, options.receiveBufferBytes, intake, streamed, relay, counts);
    } catch (IOException | RuntimeException e) {
      if (relay != null) {
        relay.close();
      }
      tracer.shutdown(1, TimeUnit.SECONDS);
      throw new ListenException("UDP " + options.udp, e);
    }
    this.sampling = new SamplingServer(options.tcp, rules);
    try {
      sampling.start();
    } catch (IOException | RuntimeException e) {
      receiver.close();
      if (relay != null) {
        relay.close();
      }
      tracer.shutdown(1, TimeUnit.SECONDS);
      throw new ListenException("TCP " + options.tcp, e);
    }
    this.forwarder = relay;
  }

  /** An address of the bridge could not be bound; the message names it, the cause says why. */
  static final class ListenException extends IOException {
    final boolean inUse;

    ListenException(String address, Exception cause) {
      super(address + ": " + cause.getMessage(), cause);
      this.inUse = cause instanceof java.net.BindException;
    }
  }

  /** Returns the bound TCP address of the sampling API. */
  InetSocketAddress tcpAddress() {
    return sampling.address();
  }

  SamplingCounts samplingCounts() {
    return sampling.counts();
  }

  /** Starts receiving and the minute's summary. */
  void start() {
    receiver.start();
    summaries.scheduleAtFixedRate(
        this::logSummaryIfChanged, SUMMARY_SECONDS, SUMMARY_SECONDS, TimeUnit.SECONDS);
  }

  InetSocketAddress udpAddress() {
    return receiver.address();
  }

  int receiveBufferBytes() {
    return receiver.receiveBufferBytes();
  }

  BridgeCounts counts() {
    return counts;
  }

  PipelineStats pipelineStats() {
    return tracer.getStats();
  }

  /** Logs the summary line when it changed since the last one (the last one: {@link #stop()}). */
  synchronized void logSummaryIfChanged() {
    String line = summaryLine(counts, tracer.getStats(), streamed.heldSpans(), sampling.counts());
    if (!line.equals(lastSummary)) {
      LOGGER.log(Level.INFO, line);
    }
    lastSummary = line;
  }

  /**
   * The summary: what came in (each datagram is a segment, a subsegment sent alone, an in-progress
   * document, dropped with the intake behind, or malformed, so those add up to the datagrams), what
   * the pipeline did with the spans that ended (exported, dropped, failed, still queued, or in a
   * request being sent, which add up to them), what waits.
   */
  static String summaryLine(
      BridgeCounts counts, PipelineStats pipeline, int held, SamplingCounts sampling) {
    StringBuilder sb = new StringBuilder("xray-daemon-bridge: ");
    sb.append(counts.datagrams.sum()).append(" datagrams (")
        .append(counts.segments.sum()).append(" segments, ")
        .append(counts.streamed.sum()).append(" subsegments sent alone, ")
        .append(counts.inProgress.sum()).append(" in progress, ")
        .append(counts.droppedBusy.sum()).append(" dropped with the intake behind, ")
        .append(counts.malformedTotal()).append(" malformed: ");
    boolean first = true;
    for (Malformed reason : Malformed.values()) {
      sb.append(first ? "" : ", ").append(reason.label()).append(' ').append(counts.malformedCount(reason));
      first = false;
    }
    sb.append("); spans ended ").append(pipeline.getSpansEnded())
        .append(": exported ").append(pipeline.getSpansExported())
        .append(", dropped ").append(pipeline.getSpansDropped())
        .append(", failed ").append(pipeline.getSpansFailed())
        .append(", queued ").append(pipeline.getSpansQueued())
        .append(", in flight ").append(Math.max(0, pipeline.getSpansEnded() - pipeline.getSpansExported()
            - pipeline.getSpansDropped() - pipeline.getSpansFailed() - pipeline.getSpansQueued()));
    String failure = pipeline.getLastFailure();
    if (failure != null && !failure.isEmpty()) {
      sb.append(" (last failure: ").append(failure).append(')');
    }
    sb.append("; subsegments waiting for their segment ").append(held)
        .append(", sent as ").append(ServiceResources.UNKNOWN_SERVICE).append(' ')
        .append(counts.unknownService.sum());
    sb.append("; sampling requests: rules ").append(sampling.rulesRequests())
        .append(", targets ").append(sampling.targetsRequests())
        .append(", rejected ").append(sampling.rejectedRequests());
    if (counts.forwarded.sum() > 0 || counts.forwardFailed.sum() > 0) {
      sb.append("; forwarded ").append(counts.forwarded.sum())
          .append(" (not forwarded ").append(counts.forwardFailed.sum()).append(')');
    }
    return sb.toString();
  }

  /**
   * Stops receiving, lets held subsegments go (as of unknown service), flushes the pipeline within
   * {@link #FLUSH_SECONDS} s and logs the last summary. Idempotent.
   */
  @Override
  public synchronized void close() {
    String last = stop();
    if (last != null) {
      LOGGER.log(Level.INFO, last);
    }
  }

  /**
   * Stops as {@link #close()} does but returns the last summary line instead of logging it (null
   * when already stopped): at JVM shutdown java.util.logging's own hook may have closed its
   * handlers already, so the caller writes the line itself.
   */
  synchronized String stop() {
    if (closed) {
      return null;
    }
    closed = true;
    sampling.close();
    receiver.close();
    streamed.releaseAll();
    summaries.shutdownNow();
    tracer.shutdown(FLUSH_SECONDS, TimeUnit.SECONDS);
    if (forwarder != null) {
      try {
        forwarder.close();
      } catch (IOException e) {
        // Closing.
      }
    }
    lastSummary = summaryLine(counts, tracer.getStats(), streamed.heldSpans(), sampling.counts());
    return lastSummary;
  }
}
