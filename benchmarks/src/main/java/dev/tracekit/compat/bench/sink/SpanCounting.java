package dev.tracekit.compat.bench.sink;

import java.util.Arrays;

/**
 * Counts spans in a request body without decoding it: occurrences of the {@code "spanId"} key in
 * OTLP JSON, span entries in OTLP protobuf, and {@code "id":} keys in X-Ray segment documents. All
 * allocation-free, so that a sink can keep up with the exporters it measures.
 */
final class SpanCounting {
  private static final byte[] JSON_SPAN_ID = ascii("\"spanId\"");
  private static final byte[] XRAY_ID = ascii("\"id\":");
  private static final int[] JSON_SPAN_ID_SKIP = skipTable(JSON_SPAN_ID);
  private static final int[] XRAY_ID_SKIP = skipTable(XRAY_ID);

  // OTLP protobuf field numbers: ExportTraceServiceRequest.resource_spans = 1,
  // ResourceSpans.scope_spans = 2, ScopeSpans.spans = 2.
  private static final int LENGTH_DELIMITED = 2;

  private SpanCounting() {}

  /** Returns the number of spans in an OTLP JSON {@code ExportTraceServiceRequest}. */
  static int countJsonSpans(byte[] body, int length) {
    return countOccurrences(body, 0, length, JSON_SPAN_ID, JSON_SPAN_ID_SKIP);
  }

  /** Returns the number of entities (segment or subsegments) in one X-Ray daemon datagram. */
  static int countXRayEntities(byte[] datagram, int length) {
    return countOccurrences(datagram, 0, length, XRAY_ID, XRAY_ID_SKIP);
  }

  /**
   * Returns the number of spans in an OTLP protobuf {@code ExportTraceServiceRequest}, or -1 when
   * the bytes are not a well-formed message.
   */
  static int countProtobufSpans(byte[] body, int length) {
    long count = 0;
    int[] cursor = new int[1];
    // Walk resource_spans (field 1) -> scope_spans (field 2) -> spans (field 2).
    int position = 0;
    while (position < length) {
      cursor[0] = position;
      long tag = readVarint(body, cursor, length);
      if (tag < 0) {
        return -1;
      }
      int field = (int) (tag >>> 3);
      int wireType = (int) (tag & 7);
      if (field == 1 && wireType == LENGTH_DELIMITED) {
        long size = readVarint(body, cursor, length);
        if (size < 0 || cursor[0] + size > length) {
          return -1;
        }
        int start = cursor[0];
        int end = (int) (start + size);
        int spans = countInResourceSpans(body, start, end);
        if (spans < 0) {
          return -1;
        }
        count += spans;
        position = end;
      } else {
        position = skip(body, cursor, length, wireType);
        if (position < 0) {
          return -1;
        }
      }
    }
    return (int) count;
  }

  private static int countInResourceSpans(byte[] body, int start, int end) {
    return countNested(body, start, end, true);
  }

  /** Counts field-2 entries of a ScopeSpans, or sums them over the field-2 ScopeSpans of a ResourceSpans. */
  private static int countNested(byte[] body, int start, int end, boolean resourceLevel) {
    int count = 0;
    int[] cursor = new int[1];
    int position = start;
    while (position < end) {
      cursor[0] = position;
      long tag = readVarint(body, cursor, end);
      if (tag < 0) {
        return -1;
      }
      int field = (int) (tag >>> 3);
      int wireType = (int) (tag & 7);
      if (field == 2 && wireType == LENGTH_DELIMITED) {
        long size = readVarint(body, cursor, end);
        if (size < 0 || cursor[0] + size > end) {
          return -1;
        }
        int childStart = cursor[0];
        int childEnd = (int) (childStart + size);
        if (resourceLevel) {
          int spans = countNested(body, childStart, childEnd, false);
          if (spans < 0) {
            return -1;
          }
          count += spans;
        } else {
          count++;
        }
        position = childEnd;
      } else {
        position = skip(body, cursor, end, wireType);
        if (position < 0) {
          return -1;
        }
      }
    }
    return count;
  }

  /** Skips the value of a field whose tag {@code cursor} has just passed; returns the new position. */
  private static int skip(byte[] body, int[] cursor, int end, int wireType) {
    switch (wireType) {
      case 0:
        return readVarint(body, cursor, end) < 0 ? -1 : cursor[0];
      case 1:
        return cursor[0] + 8 <= end ? cursor[0] + 8 : -1;
      case LENGTH_DELIMITED:
        long size = readVarint(body, cursor, end);
        return size < 0 || cursor[0] + size > end ? -1 : (int) (cursor[0] + size);
      case 5:
        return cursor[0] + 4 <= end ? cursor[0] + 4 : -1;
      default:
        return -1;
    }
  }

  private static long readVarint(byte[] body, int[] cursor, int end) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (cursor[0] >= end) {
        return -1;
      }
      byte b = body[cursor[0]++];
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    return -1;
  }

  /**
   * Counts non-overlapping occurrences of {@code needle} in {@code haystack[from, to)} with
   * Horspool's skip table: a JSON body is scanned at several bytes per step, so that the sink keeps
   * up with half a million spans per second on one core.
   */
  static int countOccurrences(byte[] haystack, int from, int to, byte[] needle, int[] skip) {
    int m = needle.length;
    int count = 0;
    int i = from;
    int last = to - m;
    while (i <= last) {
      int j = m - 1;
      while (j >= 0 && haystack[i + j] == needle[j]) {
        j--;
      }
      if (j < 0) {
        count++;
        i += m;
      } else {
        i += skip[haystack[i + m - 1] & 0xff];
      }
    }
    return count;
  }

  /** Horspool's table: how far the window may move when its last byte is {@code b}. */
  private static int[] skipTable(byte[] needle) {
    int[] skip = new int[256];
    Arrays.fill(skip, needle.length);
    for (int k = 0; k < needle.length - 1; k++) {
      skip[needle[k] & 0xff] = needle.length - 1 - k;
    }
    return skip;
  }

  static byte[] ascii(String s) {
    byte[] bytes = new byte[s.length()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) s.charAt(i);
    }
    return bytes;
  }
}
