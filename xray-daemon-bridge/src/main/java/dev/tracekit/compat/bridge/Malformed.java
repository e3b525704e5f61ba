package dev.tracekit.compat.bridge;

/** Why a datagram was dropped without becoming spans. Each has its own count. */
enum Malformed {
  /** The datagram does not start with the daemon's header line {@code {"format":"json","version":1}}. */
  NO_HEADER("no header"),
  /** What follows the header is not JSON (binary, or text that is not a JSON value). */
  NOT_JSON("not JSON"),
  /** The JSON ends before its document does (a datagram cut short). */
  TRUNCATED("truncated"),
  /** Valid JSON, but not a segment or subsegment (no name, id, trace id or start time). */
  NOT_A_SEGMENT("not a segment");

  private final String label;

  Malformed(String label) {
    this.label = label;
  }

  /** Returns the words the summary line uses. */
  String label() {
    return label;
  }
}
