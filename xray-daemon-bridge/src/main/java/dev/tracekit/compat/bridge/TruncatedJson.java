package dev.tracekit.compat.bridge;

import java.util.regex.Pattern;

/**
 * Tells a datagram cut short from one that is not JSON: true when the bytes are a proper beginning
 * of some JSON value (nothing, or a value whose end is missing: inside a string, a number, a {@code
 * true}/{@code false}/{@code null}, or between the entries of an object or array). Run only on what
 * the parser refused, whose exceptions do not say this reliably (a cut {@code tr}ue is an
 * "unrecognized token", a cut after a comma an "end-of-input" of either kind).
 */
final class TruncatedJson {
  private static final Pattern NUMBER_PREFIX =
      Pattern.compile("-?((0|[1-9][0-9]*)(\\.[0-9]*|\\.[0-9]+[eE][+-]?[0-9]*|[eE][+-]?[0-9]*)?)?");
  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  private static final String[] LITERALS = {"true", "false", "null"};

  private enum Expect {
    VALUE,
    /** After '{': a key or '}'. */
    KEY_OR_END,
    /** After ',' in an object. */
    KEY,
    COLON,
    /** After a value: ',' or the container's end, or nothing at the top. */
    NEXT,
    /** After '[': a value or ']'. */
    VALUE_OR_END
  }

  private TruncatedJson() {}

  /** True when {@code length} bytes of {@code data} from {@code offset} are JSON cut short. */
  static boolean isTruncated(byte[] data, int offset, int length) {
    int end = offset + length;
    StringBuilder containers = new StringBuilder();
    Expect expect = Expect.VALUE;
    int i = offset;
    while (true) {
      while (i < end && isSpace(data[i])) {
        i++;
      }
      if (i == end) {
        return !(expect == Expect.NEXT && containers.length() == 0);
      }
      byte b = data[i];
      switch (expect) {
        case NEXT:
          if (containers.length() == 0) {
            return false; // Something after a whole value.
          }
          char open = containers.charAt(containers.length() - 1);
          if (b == ',') {
            expect = open == '{' ? Expect.KEY : Expect.VALUE;
          } else if ((b == '}' && open == '{') || (b == ']' && open == '[')) {
            containers.setLength(containers.length() - 1);
            expect = Expect.NEXT;
          } else {
            return false;
          }
          i++;
          continue;
        case COLON:
          if (b != ':') {
            return false;
          }
          expect = Expect.VALUE;
          i++;
          continue;
        case KEY_OR_END:
        case KEY:
          if (b == '}' && expect == Expect.KEY_OR_END) {
            containers.setLength(containers.length() - 1);
            expect = Expect.NEXT;
            i++;
            continue;
          }
          if (b != '"') {
            return false;
          }
          i = string(data, i + 1, end);
          if (i < 0) {
            return false;
          }
          if (i == end) {
            return true;
          }
          expect = Expect.COLON;
          continue;
        case VALUE_OR_END:
          if (b == ']') {
            containers.setLength(containers.length() - 1);
            expect = Expect.NEXT;
            i++;
            continue;
          }
          // A value, below.
          break;
        default:
          break;
      }
      // A value.
      if (b == '{' || b == '[') {
        containers.append((char) b);
        expect = b == '{' ? Expect.KEY_OR_END : Expect.VALUE_OR_END;
        i++;
      } else if (b == '"') {
        i = string(data, i + 1, end);
        if (i < 0) {
          return false;
        }
        if (i == end) {
          return true;
        }
        expect = Expect.NEXT;
      } else if (b == '-' || (b >= '0' && b <= '9')) {
        int from = i;
        while (i < end && isNumberByte(data[i])) {
          i++;
        }
        String number = new String(data, from, i - from, java.nio.charset.StandardCharsets.US_ASCII);
        if (i == end) {
          return NUMBER_PREFIX.matcher(number).matches();
        }
        if (!NUMBER.matcher(number).matches()) {
          return false;
        }
        expect = Expect.NEXT;
      } else {
        int matched = literal(data, i, end);
        if (matched < 0) {
          return false;
        }
        if (matched == 0) {
          return true; // The literal was cut.
        }
        i += matched;
        expect = Expect.NEXT;
      }
    }
  }

  /**
   * Returns the length of the literal at {@code i}, 0 when the bytes end inside one, or -1 when
   * there is none.
   */
  private static int literal(byte[] data, int i, int end) {
    for (String literal : LITERALS) {
      int j = 0;
      while (j < literal.length() && i + j < end && data[i + j] == literal.charAt(j)) {
        j++;
      }
      if (j == literal.length()) {
        return j;
      }
      if (i + j == end && j > 0) {
        return 0;
      }
    }
    return -1;
  }

  /**
   * Skips a string whose opening quote is before {@code i}: returns the index after its closing
   * quote, {@code end} when the bytes end inside it, or -1 when it cannot be a JSON string.
   */
  private static int string(byte[] data, int i, int end) {
    while (i < end) {
      int b = data[i] & 0xFF;
      if (b == '"') {
        return i + 1;
      }
      if (b < 0x20) {
        return -1;
      }
      if (b == '\\') {
        if (i + 1 == end) {
          return end;
        }
        byte escaped = data[i + 1];
        if (escaped == 'u') {
          for (int k = i + 2; k < i + 6; k++) {
            if (k == end) {
              return end;
            }
            if (Character.digit((char) (data[k] & 0xFF), 16) < 0) {
              return -1;
            }
          }
          i += 6;
          continue;
        }
        if ("\"\\/bfnrt".indexOf((char) escaped) < 0) {
          return -1;
        }
        i += 2;
        continue;
      }
      i++;
    }
    return end;
  }

  private static boolean isNumberByte(byte b) {
    return (b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E';
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }
}
