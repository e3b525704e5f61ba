package dev.tracekit.compat.core.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import okio.BufferedSink;

/**
 * A growable byte buffer that the exporter reuses for every request body, so that steady exports
 * allocate no new arrays. Not thread-safe: only the export worker touches it.
 */
final class RequestBuffer extends ByteArrayOutputStream {
  private static final int INITIAL_CAPACITY = 64 * 1024;

  /** Capacity kept between exports; a buffer grown past it by one huge batch shrinks back. */
  private final int retainedCapacity;

  RequestBuffer(int retainedCapacity) {
    super(Math.min(INITIAL_CAPACITY, retainedCapacity));
    this.retainedCapacity = retainedCapacity;
  }

  /** Writes the bytes written so far to {@code sink}. */
  void writeTo(BufferedSink sink) throws IOException {
    sink.write(buf, 0, count);
  }

  /** Empties the buffer and gives back memory beyond the retained capacity. */
  void release() {
    reset();
    if (buf.length > retainedCapacity) {
      buf = new byte[retainedCapacity];
    }
  }
}
