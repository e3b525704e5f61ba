package com.amazonaws.xray.entities;

import com.amazonaws.xray.AWSXRayRecorder;
import java.math.BigInteger;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.annotation.Nullable;

/**
 * An X-Ray trace id, {@code 1-xxxxxxxx-yyyyyyyyyyyyyyyyyyyyyyyy}: version 1, the start time in epoch
 * seconds as 8 hex digits, and a 96-bit number as 24 hex digits. The same 128 bits are the trace id
 * of the TraceKit spans ({@code xxxxxxxxyyyy…}), so the two forms convert losslessly.
 *
 * <p>Parsing is strict, as in the X-Ray SDK: anything that is not exactly the lowercase form gives a
 * new random id.
 */
public class TraceID {
  private static final int TRACE_ID_LENGTH = 35;
  private static final BigInteger MAX_NUMBER = BigInteger.ONE.shiftLeft(96).subtract(BigInteger.ONE);
  private static final TraceID INVALID = new TraceID(BigInteger.ZERO, 0);

  private BigInteger number;
  private long startTime;

  /** A new id starting now. */
  public TraceID() {
    this(System.currentTimeMillis() / 1000);
  }

  /** A new id with the given start time (epoch seconds) and a random number. */
  public TraceID(long startTime) {
    this(randomNumber(), startTime);
  }

  private TraceID(BigInteger number, long startTime) {
    this.number = number;
    this.startTime = startTime;
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
    return new TraceID(INVALID.number, INVALID.startTime);
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
    return new TraceID(new BigInteger(id.substring(11), 16), Long.parseLong(id.substring(2, 10), 16));
  }

  /**
   * Returns the id built from the 32 hex digits of a TraceKit (W3C) trace id, or null when it is not
   * 32 hex digits. Not part of the X-Ray API.
   */
  @Nullable
  static TraceID fromHex(@Nullable String hex) {
    if (hex == null || hex.length() != 32 || !isLowerHex(hex.toLowerCase(java.util.Locale.ROOT), 0, 32)) {
      return null;
    }
    String h = hex.toLowerCase(java.util.Locale.ROOT);
    return new TraceID(new BigInteger(h.substring(8), 16), Long.parseLong(h.substring(0, 8), 16));
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

  private static BigInteger randomNumber() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    BigInteger value;
    do {
      byte[] bytes = new byte[12];
      random.nextBytes(bytes);
      value = new BigInteger(1, bytes);
    } while (value.signum() == 0);
    return value;
  }

  /** Returns {@code 1-xxxxxxxx-yyyyyyyyyyyyyyyyyyyyyyyy}. */
  @Override
  public String toString() {
    return "1-" + getStartTimeAsHex() + "-" + getNumberAsHex();
  }

  /** Returns the 128-bit id as 32 lowercase hex digits, the TraceKit form. Not part of the X-Ray API. */
  public String toTraceKitTraceId() {
    return getStartTimeAsHex() + getNumberAsHex();
  }

  /** Returns the 96-bit number. */
  public BigInteger getNumber() {
    return number;
  }

  /** Returns the number as 24 lowercase hex digits. */
  public String getNumberAsHex() {
    return pad(number.toString(16), 24);
  }

  /** Sets the number; only its low 96 bits are kept, and null gives a new random number. */
  public void setNumber(@Nullable BigInteger number) {
    this.number = number == null ? randomNumber() : number.and(MAX_NUMBER);
  }

  /** Returns the start time, in epoch seconds. */
  public long getStartTime() {
    return startTime;
  }

  /** Returns the start time as 8 lowercase hex digits. */
  public String getStartTimeAsHex() {
    return pad(Long.toHexString(startTime & 0xFFFFFFFFL), 8);
  }

  /** Sets the start time, in epoch seconds. */
  public void setStartTime(long startTime) {
    this.startTime = startTime;
  }

  private static String pad(String hex, int length) {
    if (hex.length() >= length) {
      return hex.substring(hex.length() - length);
    }
    StringBuilder sb = new StringBuilder(length);
    for (int i = hex.length(); i < length; i++) {
      sb.append('0');
    }
    return sb.append(hex).toString();
  }

  @Override
  public int hashCode() {
    return Objects.hash(number, startTime);
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
    return startTime == that.startTime && Objects.equals(number, that.number);
  }
}
