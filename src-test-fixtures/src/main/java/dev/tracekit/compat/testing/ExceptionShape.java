package dev.tracekit.compat.testing;

import java.util.Objects;
import javax.annotation.Nullable;

/**
 * One recorded exception of a {@link ShapeNode}: its type and message, whether it was remote, and
 * its id when ids are kept ({@link ShapeOptions#keepIds()}). Stack frames are not part of a shape.
 * Immutable.
 */
public final class ExceptionShape {
  @Nullable private final String type;
  @Nullable private final String message;
  private final boolean remote;
  @Nullable private final String id;

  ExceptionShape(@Nullable String type, @Nullable String message, boolean remote, @Nullable String id) {
    this.type = type;
    this.message = message;
    this.remote = remote;
    this.id = id;
  }

  /** The exception's class name, or null when none was recorded. */
  @Nullable
  public String getType() {
    return type;
  }

  /** The exception's message, or null when none was recorded. */
  @Nullable
  public String getMessage() {
    return message;
  }

  /** True when the exception was recorded as remote (thrown by a downstream service). */
  public boolean isRemote() {
    return remote;
  }

  /** The exception's X-Ray id, or null unless ids are kept. */
  @Nullable
  public String getId() {
    return id;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ExceptionShape)) {
      return false;
    }
    ExceptionShape that = (ExceptionShape) o;
    return remote == that.remote
        && Objects.equals(type, that.type)
        && Objects.equals(message, that.message)
        && Objects.equals(id, that.id);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, message, remote, id);
  }

  @Override
  public String toString() {
    return (type == null ? "<no type>" : type) + (message == null ? "" : ": " + message)
        + (remote ? " (remote)" : "");
  }
}
