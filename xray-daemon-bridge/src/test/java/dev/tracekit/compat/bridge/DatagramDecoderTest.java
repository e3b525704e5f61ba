package dev.tracekit.compat.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The daemon's datagram format: every captured or hand-written datagram decodes to its document,
 * the header however it is spaced or ended, and each kind of malformed datagram is refused for its
 * own reason.
 */
class DatagramDecoderTest {
  private static final String DOCUMENT =
      "{\"trace_id\":\"1-5f84c7a1-3a2b1c0d9e8f7a6b5c4d3e2f\",\"id\":\"70de5b6f19ff9a0a\","
          + "\"name\":\"checkout\",\"start_time\":1602537377.1,\"end_time\":1602537377.2}";

  private final DatagramDecoder decoder = new DatagramDecoder();

  static List<String> fixtures() {
    return Fixtures.ALL;
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void everyFixtureDecodesToItsDocument(String name) {
    byte[] datagram = Fixtures.bytes(name);

    DatagramDecoder.Result result = decoder.decode(datagram, 0, datagram.length);

    assertThat(result.malformed).isNull();
    assertThat(result.document).containsKeys("id", "name", "start_time");
  }

  @Test
  void decodesFromAnOffsetWithinALargerBuffer() {
    byte[] datagram = Fixtures.bytes("node-segment.json");
    byte[] buffer = new byte[datagram.length + 20];
    System.arraycopy(datagram, 0, buffer, 7, datagram.length);
    buffer[6] = 'x';
    buffer[7 + datagram.length] = '}';

    DatagramDecoder.Result result = decoder.decode(buffer, 7, datagram.length);

    assertThat(result.malformed).isNull();
    assertThat(result.document).containsEntry("name", "node-checkout");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"format\":\"json\",\"version\":1}\n", // compact, as the Node and Java SDKs send it
        "{\"format\": \"json\", \"version\": 1}\n", // spaced, as the Python and Go SDKs send it
        "{\"format\":\"json\",\"version\":1}\r\n", // CRLF
        "{ \"version\" : 1 , \"format\" : \"json\" }\n", // keys the other way round
        "  \t{\"format\":\"json\",\"version\":1}\n", // leading whitespace
        "{\"format\":\"json\",\"version\":1}  \t\n", // trailing whitespace
      })
  void acceptsTheHeaderHoweverItIsSpacedOrEnded(String header) {
    byte[] datagram = (header + DOCUMENT).getBytes(StandardCharsets.UTF_8);

    DatagramDecoder.Result result = decoder.decode(datagram, 0, datagram.length);

    assertThat(result.malformed).as("header %s", header).isNull();
    assertThat(result.document).containsEntry("name", "checkout");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", // nothing at all
        "{\"trace_id\":\"1-5f84c7a1-3a2b1c0d9e8f7a6b5c4d3e2f\",\"id\":\"70de5b6f19ff9a0a\"}", // a document alone
        "not a header\n{}",
        "{\"format\":\"json\",\"version\":2}\n{}", // another version
        "{\"format\":\"xml\",\"version\":1}\n{}", // another format
        "{\"format\":\"json\",\"version\":\"1\"}\n{}", // version as text
        "{\"format\":\"json\"}\n{}", // no version
        "[\"json\",1]\n{}",
      })
  void refusesDatagramsWithoutTheDaemonsHeaderAsNoHeader(String text) {
    assertThat(reason(text.getBytes(StandardCharsets.UTF_8))).as("datagram %s", text).isEqualTo(Malformed.NO_HEADER);
  }

  @Test
  void refusesBinaryGarbageAsNoHeaderOrNotJson() {
    byte[] garbage = new byte[512];
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = (byte) (i * 131 + 7);
    }
    assertThat(reason(garbage)).isEqualTo(Malformed.NO_HEADER);

    byte[] header = (Fixtures.HEADER + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] afterHeader = new byte[header.length + garbage.length];
    System.arraycopy(header, 0, afterHeader, 0, header.length);
    System.arraycopy(garbage, 0, afterHeader, header.length, garbage.length);
    assertThat(reason(afterHeader)).isEqualTo(Malformed.NOT_JSON);

    byte[] nulls = new byte[header.length + 64];
    System.arraycopy(header, 0, nulls, 0, header.length);
    assertThat(reason(nulls)).as("zero bytes after the header").isEqualTo(Malformed.NOT_JSON);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "hello",
        "{name: 'checkout'}",
        "{\"name\":\"checkout\"}}",
        "{\"name\":\"checkout\"} {\"name\":\"other\"}",
        "{\"name\":tx}",
        "{\"name\":tx", // a word that no literal begins with, at the end
        "{\"start_time\":1.2.3", // no number, even cut
        "{\"start_time\":01",
        "{\"name\":\"a\\q", // no such escape
        "{\"name\":\"a\\u00g", // not hex
        "{\"name\" \"a\"",
        "{\"name\":\"a\"]",
        "[1}",
      })
  void refusesTextThatIsNotJsonAsNotJson(String body) {
    assertThat(reason(Fixtures.datagram(body))).as("body %s", body).isEqualTo(Malformed.NOT_JSON);
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void aDocumentCutAnywhereIsTruncated(String name) {
    byte[] datagram = Fixtures.bytes(name);
    int body = Fixtures.bodyStart(datagram);
    List<String> wrong = new ArrayList<>();
    for (int length = body + 1; length < datagram.length; length++) {
      Malformed reason = reason(Fixtures.cut(datagram, length));
      if (reason != Malformed.TRUNCATED) {
        wrong.add(
            reason + " when cut after "
                + new String(datagram, Math.max(body, length - 20), length - Math.max(body, length - 20), StandardCharsets.UTF_8));
      }
    }
    assertThat(wrong).as("cuts of %s not counted as truncated", name).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"start_time\":-",
        "{\"start_time\":1.",
        "{\"start_time\":1e",
        "{\"start_time\":1.5E+",
        "{\"name\":\"a\\",
        "{\"name\":\"a\\u00",
        "{\"name\":\"caf\u00e9",
        "{\"subsegments\":[{},",
        "{\"subsegments\":[[],[",
        "{\"in_progress\":f",
        "{\"parent_id\":nu",
        "{\"a\":{}",
      })
  void jsonCutInAnyValueIsTruncated(String body) {
    assertThat(reason(Fixtures.datagram(body))).as("body %s", body).isEqualTo(Malformed.TRUNCATED);
  }

  @Test
  void aMultiByteCharacterCutInTheMiddleIsTruncated() {
    byte[] datagram = Fixtures.datagram("{\"name\":\"caf\u00e9\"}");
    int cut = datagram.length - 3; // inside the two bytes of \u00e9

    assertThat(reason(Fixtures.cut(datagram, cut))).isEqualTo(Malformed.TRUNCATED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n", "\r\n", " \t "})
  void anEmptyBodyIsTruncated(String body) {
    assertThat(reason(Fixtures.datagram(body))).isEqualTo(Malformed.TRUNCATED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "[{\"name\":\"checkout\"}]", "\"checkout\"", "42", "true", "null"})
  void jsonThatIsNotAnObjectIsNotASegment(String body) {
    assertThat(reason(Fixtures.datagram(body))).as("body %s", body).isEqualTo(Malformed.NOT_A_SEGMENT);
  }

  private Malformed reason(byte[] datagram) {
    DatagramDecoder.Result result = decoder.decode(datagram, 0, datagram.length);
    assertThat(result.document).isNull();
    return result.malformed;
  }
}
