package dev.tracekit.compat.bench.sink;

import java.util.concurrent.atomic.AtomicLong;

/** What a {@link LoopbackSink} has received so far. Thread-safe. */
final class SinkCounters {
  final AtomicLong otlpSpans = new AtomicLong();
  final AtomicLong otlpRequests = new AtomicLong();
  final AtomicLong otlpBytes = new AtomicLong();
  final AtomicLong otlpMalformed = new AtomicLong();
  final AtomicLong otlpConnections = new AtomicLong();
  final AtomicLong otlpIdleClosed = new AtomicLong();
  final AtomicLong xrayEntities = new AtomicLong();
  final AtomicLong xrayDatagrams = new AtomicLong();
  final AtomicLong xrayBytes = new AtomicLong();

  void onOtlpRequest(int spans, int bytes) {
    if (spans < 0) {
      otlpMalformed.incrementAndGet();
    } else {
      otlpSpans.addAndGet(spans);
    }
    otlpRequests.incrementAndGet();
    otlpBytes.addAndGet(bytes);
  }

  void onDatagram(int entities, int bytes) {
    xrayEntities.addAndGet(entities);
    xrayDatagrams.incrementAndGet();
    xrayBytes.addAndGet(bytes);
  }

  String toJson() {
    return "{\"otlpSpans\":" + otlpSpans.get()
        + ",\"otlpRequests\":" + otlpRequests.get()
        + ",\"otlpBytes\":" + otlpBytes.get()
        + ",\"otlpMalformed\":" + otlpMalformed.get()
        + ",\"otlpConnections\":" + otlpConnections.get()
        + ",\"otlpIdleClosed\":" + otlpIdleClosed.get()
        + ",\"xrayEntities\":" + xrayEntities.get()
        + ",\"xrayDatagrams\":" + xrayDatagrams.get()
        + ",\"xrayBytes\":" + xrayBytes.get()
        + "}";
  }
}
