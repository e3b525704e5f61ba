package com.amazonaws.xray.entities;

import com.amazonaws.xray.AWSXRayRecorder;
import dev.tracekit.compat.xray.TraceKitIds;
import java.math.BigInteger;
import java.util.concurrent.ThreadLocalRandom;
import javax.annotation.Nullable;

/**
 * An X-Ray trace id, {@code 1-xxxxxxxx-yyyyyyyyyyyyyyyyyyyyyyyy}: version 1, the start time in epoch
 * seconds as 8 hex digits, and a 96-bit number as 24 hex digits. The same 128 bits are the trace id
 * of the TraceKit spans ({@code xxxxxxxxyyyy…}), so the two forms convert losslessly.
 *
 * <p>Parsing is strict, as in the X-Ray SDK: anything that is not exactly the lowercase form gives a
 * new random id. As in the X-Ray SDK, the start time keeps its low 32 bits (the 8 hex digits) and a
 * null number is ignored.
 *
 * <p>The id is held as numbers; its hex forms and its {@link BigInteger} are made when first asked
 * for and kept until a setter changes the id, so that an id read for every span costs nothing after
 * the first read. The TraceKit form is not part of the X-Ray API: it is read through {@link
 * TraceKitIds}, never through a public method here.
 */
public class TraceID {
  private static final int TRACE_ID_LENGTH = 35;
  private static final long LOW_32_BITS = 0xFFFFFFFFL;
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  static {
    TraceKitIds.setReader(new TraceKitReader());
  }

  // The start time (32 bits) and the number: its high 32 bits and its low 64 bits.
  private long startTime;
  private long numberHigh;
  private long numberLow;
  // Made on first use, cleared by the setters. Strings and BigIntegers are immutable, so a racing
  // reader sees either null or a complete value.
  @Nullable private String numberHex;
  @Nullable private String traceKitHex;
  @Nullable private BigInteger number;

  /** A new id starting now. */
  @Deprecated
  public TraceID() {
    this(System.currentTimeMillis() / 1000);
  }

  /** A new id with the given start time (epoch seconds) and a random number. */
  @Deprecated
  public TraceID(long startTime) {
    this.startTime = startTime & LOW_32_BITS;
    ThreadLocalRandom random = ThreadLocalRandom.current();
    do {
      numberHigh = random.nextInt() & LOW_32_BITS;
      numberLow = random.nextLong();
    } while (numberHigh == 0 && numberLow == 0);
  }

  private TraceID(long startTime, long numberHigh, long numberLow) {
    this.startTime = startTime;
    this.numberHigh = numberHigh;
    this.numberLow = numberLow;
  }

  /** Returns a new id starting now. */
  public static TraceID create() {
    return new TraceID();
  }

  /** Returns a new id starting now; the recorder is accepted for compatibility. */
  public static TraceID create(@Nullable AWSXRayRecorder creator) {
    return new TraceID();
  }

  /** Returns the all-zero id that X-Ray uses for "no trace". */
  public static TraceID invalid() {
    return new TraceID(0, 0, 0);
  }

  /**
   * Parses {@code 1-xxxxxxxx-yyyyyyyyyyyyyyyyyyyyyyyy} (lowercase hex). Returns a new random id for
   * anything else, including null.
   */
  public static TraceID fromString(@Nullable String xrayTraceId) {
    if (xrayTraceId == null) {
      return create();
    }
    String id = xrayTraceId.trim();
    if (id.length() != TRACE_ID_LENGTH
        || id.charAt(0) != '1'
        || id.charAt(1) != '-'
        || id.charAt(10) != '-'
        || !isLowerHex(id, 2, 10)
        || !isLowerHex(id, 11, TRACE_ID_LENGTH)) {
      return create();
    }
    return new TraceID(parseHex(id, 2, 10), parseHex(id, 11, 19), parseHex(id, 19, TRACE_ID_LENGTH));
  }

  private static boolean isLowerHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** Parses at most 16 lowercase hex digits, already checked. */
  private static long parseHex(String s, int from, int to) {
    long value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      value = (value << 4) | (c <= '9' ? c - '0' : c - 'a' + 10);
    }
    return value;
  }

  /** Returns {@code 1-xxxxxxxx-yyyyyyyyyyyyyyyyyyyyyyyy}. */
  @Override
  public String toString() {
    char[] chars = new char[TRACE_ID_LENGTH];
    chars[0] = '1';
    chars[1] = '-';
    appendHex(startTime, 8, chars, 2);
    chars[10] = '-';
    appendHex(numberHigh, 8, chars, 11);
    appendHex(numberLow, 16, chars, 19);
    return new String(chars);
  }

  /** Returns the 128-bit id as 32 lowercase hex digits, the TraceKit form. */
  final String toTraceKitTraceId() {
    String hex = traceKitHex;
    if (hex == null) {
      char[] chars = new char[32];
      appendHex(startTime, 8, chars, 0);
      appendHex(numberHigh, 8, chars, 8);
      appendHex(numberLow, 16, chars, 16);
      hex = new String(chars);
      traceKitHex = hex;
    }
    return hex;
  }

  /** Returns the first 64 bits of the TraceKit form: the start time, the number's high 32 bits. */
  final long getTraceKitIdHigh() {
    return (startTime << 32) | numberHigh;
  }

  /** Returns the last 64 bits of the TraceKit form: the number's low 64 bits. */
  final long getTraceKitIdLow() {
    return numberLow;
  }

  /** How {@link TraceKitIds} reads the TraceKit form, which has no public method here. */
  private static final class TraceKitReader implements TraceKitIds.Reader {
    TraceKitReader() {}

    @Override
    public long high(TraceID id) {
      return id.getTraceKitIdHigh();
    }

    @Override
    public long low(TraceID id) {
      return id.getTraceKitIdLow();
    }

    @Override
    public String hex(TraceID id) {
      return id.toTraceKitTraceId();
    }
  }

  /** Returns the 96-bit number. */
  @Deprecated
  public BigInteger getNumber() {
    BigInteger value = number;
    if (value == null) {
      byte[] bytes = new byte[12];
      for (int i = 0; i < 4; i++) {
        bytes[i] = (byte) (numberHigh >>> (24 - 8 * i));
      }
      for (int i = 0; i < 8; i++) {
        bytes[4 + i] = (byte) (numberLow >>> (56 - 8 * i));
      }
      value = new BigInteger(1, bytes);
      number = value;
    }
    return value;
  }

  /** Returns the number as 24 lowercase hex digits. */
  public String getNumberAsHex() {
    String hex = numberHex;
    if (hex == null) {
      char[] chars = new char[24];
      appendHex(numberHigh, 8, chars, 0);
      appendHex(numberLow, 16, chars, 8);
      hex = new String(chars);
      numberHex = hex;
    }
    return hex;
  }

  /** Sets the number; only its low 96 bits are kept, and null is ignored, as in the X-Ray SDK. */
  @Deprecated
  public void setNumber(@Nullable BigInteger number) {
    if (number == null) {
      return;
    }
    // Two's complement low bits: a negative number keeps its low 96 bits, as its hex form would.
    numberLow = number.longValue();
    numberHigh = number.shiftRight(64).intValue() & LOW_32_BITS;
    clearCaches();
  }

  /** Returns the start time, in epoch seconds. */
  public long getStartTime() {
    return startTime;
  }

  /** Returns the start time as 8 lowercase hex digits. */
  public String getStartTimeAsHex() {
    char[] chars = new char[8];
    appendHex(startTime, 8, chars, 0);
    return new String(chars);
  }

  /** Sets the start time, in epoch seconds; only its low 32 bits are kept, as in the X-Ray SDK. */
  @Deprecated
  public void setStartTime(long startTime) {
    this.startTime = startTime & LOW_32_BITS;
    clearCaches();
  }

  private void clearCaches() {
    numberHex = null;
    traceKitHex = null;
    number = null;
  }

  /** Writes the low {@code digits} hex digits of {@code value} into {@code dest} at {@code offset}. */
  private static void appendHex(long value, int digits, char[] dest, int offset) {
    for (int i = digits - 1; i >= 0; i--) {
      dest[offset + i] = DIGITS[(int) (value & 0xF)];
      value >>>= 4;
    }
  }

  @Override
  public int hashCode() {
    int h = Long.hashCode(startTime);
    h = 31 * h + Long.hashCode(numberHigh);
    return 31 * h + Long.hashCode(numberLow);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof TraceID)) {
      return false;
    }
    TraceID that = (TraceID) o;
    return startTime == that.startTime && numberHigh == that.numberHigh && numberLow == that.numberLow;
  }
}
