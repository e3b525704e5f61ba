package dev.tracekit.compat.core.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import okio.BufferedSink;

/**
 * A growable byte buffer that the exporter reuses for request bodies, with the protobuf writer's
 * table of lengths, so that steady exports allocate no new arrays. Not thread-safe: one export uses
 * it at a time, taken from a {@link Pool}.
 */
final class RequestBuffer extends ByteArrayOutputStream {
  private static final int INITIAL_CAPACITY = 64 * 1024;
  // Okio's segment size.
  private static final int WRITE_CHUNK = 8192;

  private static final int[] NO_LENGTHS = new int[0];

  /** Capacity kept between exports; a buffer grown past it by one huge batch shrinks back. */
  private final int retainedCapacity;
  // The lengths OtlpProtoMarshaler computes in its first pass (48 KiB for a 512-span batch, made
  // per request before: 96 B of garbage per span). Kept up to a sixteenth of the retained capacity.
  private int[] lengths = NO_LENGTHS;

  RequestBuffer(int retainedCapacity) {
    super(Math.min(INITIAL_CAPACITY, retainedCapacity));
    this.retainedCapacity = retainedCapacity;
  }

  /**
   * Writes the bytes written so far to {@code sink}, one Okio segment's worth at a time: each write
   * hands its complete segments on (to the socket) and they return to Okio's pool, so a body larger
   * than the pool does not allocate new segments on every export.
   */
  void writeTo(BufferedSink sink) throws IOException {
    for (int offset = 0; offset < count; offset += WRITE_CHUNK) {
      sink.write(buf, offset, Math.min(WRITE_CHUNK, count - offset));
    }
  }

  /** Returns a table of at least {@code size} lengths, its contents undefined. */
  int[] lengths(int size) {
    if (lengths.length < size) {
      lengths = new int[size];
    }
    return lengths;
  }

  /** Keeps {@code grown}, a larger table of lengths made from the one {@link #lengths} gave. */
  void keepLengths(int[] grown) {
    lengths = grown;
  }

  /** Empties the buffer and gives back memory beyond the retained capacity. */
  void release() {
    reset();
    if (buf.length > retainedCapacity) {
      buf = new byte[retainedCapacity];
    }
    if (lengths.length > retainedCapacity / 16 / Integer.BYTES) {
      lengths = NO_LENGTHS;
    }
  }

  /**
   * The buffers of one exporter: each export in flight takes one and gives it back, so there are
   * never more than the most exports that were ever in flight at once. Thread-safe.
   */
  static final class Pool {
    private final int retainedCapacity;
    private final ConcurrentLinkedQueue<RequestBuffer> idle = new ConcurrentLinkedQueue<>();

    Pool(int retainedCapacity) {
      this.retainedCapacity = retainedCapacity;
    }

    /** Returns an empty buffer, an idle one when there is one. */
    RequestBuffer take() {
      RequestBuffer buffer = idle.poll();
      return buffer != null ? buffer : new RequestBuffer(retainedCapacity);
    }

    /** Empties {@code buffer} (see {@link #release()}) and keeps it for the next export. */
    void give(RequestBuffer buffer) {
      buffer.release();
      idle.add(buffer);
    }
  }
}
