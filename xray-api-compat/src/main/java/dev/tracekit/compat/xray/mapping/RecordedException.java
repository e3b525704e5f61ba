package dev.tracekit.compat.xray.mapping;

import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;

/**
 * One exception of an entity's {@code cause}, as its document holds it: id, type, message, whether
 * it came from a remote call, its stack frames, and how many frames were cut ({@code truncated}) or
 * left out ({@code skipped}); {@code cause} is the id of the exception that caused it. Immutable.
 */
public final class RecordedException {
  @Nullable private final String id;
  @Nullable private final String type;
  @Nullable private final String message;
  private final boolean remote;
  private final List<StackFrame> stack;
  private final int truncated;
  private final int skipped;
  @Nullable private final String cause;

  /** Takes the fields as the document holds them; {@code stack} is not copied: do not change it. */
  public RecordedException(
      @Nullable String id,
      @Nullable String type,
      @Nullable String message,
      boolean remote,
      @Nullable List<StackFrame> stack,
      int truncated,
      int skipped,
      @Nullable String cause) {
    this.id = id;
    this.type = type;
    this.message = message;
    this.remote = remote;
    this.stack = stack == null ? Collections.<StackFrame>emptyList() : Collections.unmodifiableList(stack);
    this.truncated = truncated;
    this.skipped = skipped;
    this.cause = cause;
  }

  @Nullable
  public String id() {
    return id;
  }

  @Nullable
  public String type() {
    return type;
  }

  @Nullable
  public String message() {
    return message;
  }

  public boolean isRemote() {
    return remote;
  }

  /** Returns the frames, innermost first; empty when the document has none. */
  public List<StackFrame> stack() {
    return stack;
  }

  public int truncated() {
    return truncated;
  }

  public int skipped() {
    return skipped;
  }

  @Nullable
  public String cause() {
    return cause;
  }

  /**
   * One stack frame as X-Ray documents write it: {@code label} (for Java, class and method), {@code
   * path} (the file) and {@code line}. Immutable.
   */
  public static final class StackFrame {
    @Nullable private final String label;
    @Nullable private final String path;
    private final int line;

    public StackFrame(@Nullable String label, @Nullable String path, int line) {
      this.label = label;
      this.path = path;
      this.line = line;
    }

    @Nullable
    public String label() {
      return label;
    }

    @Nullable
    public String path() {
      return path;
    }

    public int line() {
      return line;
    }

    /**
     * Returns the frame as Java prints one: {@code label(path:line)}, {@code (Native Method)} for
     * line -2, {@code (Unknown Source)} without a path.
     */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      sb.append(label == null ? "" : label).append('(');
      if (line == -2) {
        sb.append("Native Method");
      } else if (path == null) {
        sb.append("Unknown Source");
      } else {
        sb.append(path);
        if (line >= 0) {
          sb.append(':').append(line);
        }
      }
      return sb.append(')').toString();
    }
  }
}
