package dev.tracekit.compat.bridge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The datagrams of {@code src/test/resources/documents}, as bytes, and datagrams made from text. */
final class Fixtures {
  /** Every fixture: real Node.js and Python SDK datagrams, hand-written Go ones. */
  static final List<String> ALL =
      Arrays.asList(
          "go-segment.json",
          "go-subsegment-streamed.json",
          "node-segment.json",
          "node-streamed-1-validate-cart.json",
          "node-streamed-2-remote-http.json",
          "node-streamed-3-reserve-inventory.json",
          "node-streamed-4-segment.json",
          "python-segment.json",
          "python-streamed-1-validate-cart.json",
          "python-streamed-2-remote-http.json",
          "python-streamed-3-reserve-inventory.json",
          "python-streamed-4-process-order.json",
          "python-streamed-5-segment.json");

  static final String HEADER = "{\"format\":\"json\",\"version\":1}";

  private Fixtures() {}

  /** Returns the bytes of the fixture {@code name}, a whole datagram. */
  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/documents/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) != -1; ) {
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns where the document of {@code datagram} starts: after the first newline. */
  static int bodyStart(byte[] datagram) {
    for (int i = 0; i < datagram.length; i++) {
      if (datagram[i] == '\n') {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no newline");
  }

  /** The compact header, a newline, and {@code document}. */
  static byte[] datagram(String document) {
    return (HEADER + "\n" + document).getBytes(StandardCharsets.UTF_8);
  }

  /** The first {@code length} bytes of {@code data}. */
  static byte[] cut(byte[] data, int length) {
    return Arrays.copyOf(data, length);
  }
}
