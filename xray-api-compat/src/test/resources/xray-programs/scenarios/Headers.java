package scenarios;

import com.amazonaws.xray.entities.SearchPattern;
import com.amazonaws.xray.entities.TraceHeader;
import com.amazonaws.xray.entities.TraceID;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses and formats trace headers and trace ids, and matches wildcards, reporting what it saw as
 * plain maps. Compiled against the real X-Ray SDK; run on the real SDK and on the shim. A trace id
 * that comes out different on two parses of the same input is random: it is reported by its shape
 * only.
 */
public final class Headers {
  private static final String ID_SHAPE = "1-[0-9a-f]{8}-[0-9a-f]{24}";

  private Headers() {}

  public static Map<String, Object> traceHeader(String input) {
    Map<String, Object> out = new LinkedHashMap<>();
    TraceHeader first;
    try {
      first = TraceHeader.fromString(input);
    } catch (RuntimeException e) {
      out.put("throws", e.getClass().getName());
      return out;
    }
    TraceHeader second = TraceHeader.fromString(input);
    String root = first.getRootTraceId() == null ? null : first.getRootTraceId().toString();
    String again = second.getRootTraceId() == null ? null : second.getRootTraceId().toString();
    String text = first.toString();
    if (root != null && !root.equals(again)) {
      text = text.replace(root, "<random>");
      root = "<random " + (root.matches(ID_SHAPE) ? "well-formed" : "MALFORMED: " + root) + ">";
    }
    out.put("toString", text);
    out.put("root", root);
    out.put("parent", first.getParentId());
    out.put("sampled", first.getSampled() == null ? null : first.getSampled().name());
    out.put("additional", new TreeMap<>(first.getAdditionalParams()));
    return out;
  }

  /** Formats a header built with the constructors and setters. */
  public static String builtHeader(String root, String parent, String decision) {
    TraceHeader header =
        new TraceHeader(
            root == null ? null : TraceID.fromString(root),
            parent,
            TraceHeader.SampleDecision.valueOf(decision));
    header.putAdditionalParam("Lineage", "a87bd80c:1");
    return header.toString();
  }

  public static String nullDecision() {
    try {
      return new TraceHeader(TraceID.create(), "53995c3f42cd8ad8", null).toString();
    } catch (RuntimeException e) {
      return "throws " + e;
    }
  }

  public static Map<String, Object> sampleDecision(String input) {
    Map<String, Object> out = new LinkedHashMap<>();
    TraceHeader.SampleDecision decision = TraceHeader.SampleDecision.fromString(input);
    out.put("decision", decision == null ? null : decision.name());
    out.put("toString", decision == null ? null : decision.toString());
    return out;
  }

  public static Map<String, Object> traceId(String input) {
    Map<String, Object> out = new LinkedHashMap<>();
    TraceID first;
    try {
      first = TraceID.fromString(input);
    } catch (RuntimeException e) {
      out.put("throws", e.getClass().getName());
      return out;
    }
    TraceID second = TraceID.fromString(input);
    boolean random = !first.equals(second);
    out.put("random", random);
    out.put("shape", first.toString().matches(ID_SHAPE));
    out.put("invalid", first.equals(TraceID.invalid()));
    if (!random) {
      out.put("toString", first.toString());
      out.put("startTime", first.getStartTime());
      out.put("startTimeAsHex", first.getStartTimeAsHex());
      out.put("numberAsHex", first.getNumberAsHex());
      out.put("number", first.getNumber().toString(16));
    } else {
      long now = System.currentTimeMillis() / 1000;
      out.put("startsNow", Math.abs(first.getStartTime() - now) < 600);
    }
    return out;
  }

  public static Map<String, Object> newTraceIds() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("invalid", TraceID.invalid().toString());
    out.put("createShape", TraceID.create().toString().matches(ID_SHAPE));
    out.put("constructorShape", new TraceID().toString().matches(ID_SHAPE));
    TraceID fixed = new TraceID(0x5759e988L);
    out.put("fixedStart", fixed.toString().substring(0, 11));
    out.put("createDiffers", !TraceID.create().equals(TraceID.create()));
    TraceID set = TraceID.fromString("1-5759e988-bd862e3fe1be46a994272793");
    set.setStartTime(0x1L);
    set.setNumber(java.math.BigInteger.valueOf(255));
    out.put("afterSetters", set.toString());
    out.put("equalsSame",
        TraceID.fromString("1-5759e988-bd862e3fe1be46a994272793")
            .equals(TraceID.fromString("1-5759e988-bd862e3fe1be46a994272793")));
    out.put("hashSame",
        TraceID.fromString("1-5759e988-bd862e3fe1be46a994272793").hashCode()
            == TraceID.fromString("1-5759e988-bd862e3fe1be46a994272793").hashCode());
    return out;
  }

  /** What the setters of a parsed id do with out-of-range and null values. */
  public static Map<String, Object> traceIdSetters() {
    Map<String, Object> out = new LinkedHashMap<>();
    String root = "1-5759e988-bd862e3fe1be46a994272793";
    TraceID wide = TraceID.fromString(root);
    wide.setNumber(java.math.BigInteger.ONE.shiftLeft(100).add(java.math.BigInteger.valueOf(5)));
    out.put("numberOver96Bits", describe(wide));
    TraceID negative = TraceID.fromString(root);
    negative.setNumber(java.math.BigInteger.valueOf(-5));
    out.put("negativeNumber", describe(negative));
    TraceID nullNumber = TraceID.fromString(root);
    nullNumber.setNumber(null);
    out.put("nullNumber", describe(nullNumber));
    TraceID wideStart = TraceID.fromString(root);
    wideStart.setStartTime(0x123456789L);
    out.put("startTimeOver32Bits", describe(wideStart));
    TraceID negativeStart = TraceID.fromString(root);
    negativeStart.setStartTime(-1L);
    out.put("negativeStartTime", describe(negativeStart));
    out.put("constructorStartOver32Bits", new TraceID(0x15759e988L).toString().substring(0, 11));
    TraceID reset = TraceID.fromString(root);
    reset.setNumber(reset.getNumber());
    out.put("sameNumberEquals", reset.equals(TraceID.fromString(root)));
    TraceID shifted = TraceID.fromString(root);
    shifted.setStartTime(0x5759e988L + (1L << 32));
    out.put("startPlus2To32Equals", shifted.equals(TraceID.fromString(root)));
    out.put("startPlus2To32HashSame", shifted.hashCode() == TraceID.fromString(root).hashCode());
    TraceID zero = TraceID.fromString("1-00000000-000000000000000000000000");
    out.put("zeroEqualsInvalid", zero.equals(TraceID.invalid()));
    out.put("zeroNumber", zero.getNumber().toString(16));
    TraceID reread = TraceID.fromString(root);
    String before = reread.getNumberAsHex();
    reread.setNumber(java.math.BigInteger.valueOf(0xabcL));
    out.put("numberAsHexAfterSet", before + " -> " + reread.getNumberAsHex() + " " + reread.getNumber());
    return out;
  }

  private static String describe(TraceID id) {
    return id + " start=" + id.getStartTime() + " startHex=" + id.getStartTimeAsHex()
        + " numberHex=" + id.getNumberAsHex() + " number=" + id.getNumber().toString(16);
  }

  public static Object wildcard(String pattern, String text, Boolean caseInsensitive) {
    try {
      return caseInsensitive == null
          ? SearchPattern.wildcardMatch(pattern, text)
          : SearchPattern.wildcardMatch(pattern, text, caseInsensitive);
    } catch (RuntimeException e) {
      return "throws " + e.getClass().getName();
    }
  }
}
