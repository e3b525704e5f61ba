package dev.tracekit.compat.xray;

import javax.annotation.Nullable;

/**
 * One HTTP request and its response as a servlet filter sees them, in plain strings and ints, so
 * that {@link HttpSegmentRecorder} serves the javax and the jakarta servlet APIs alike: each filter
 * package implements this once over its own {@code HttpServletRequest} and {@code
 * HttpServletResponse}. Methods may be called on any thread the container allows. Not API.
 */
public interface HttpExchange {
  /** Returns the request header {@code name} (matched case-insensitively), or null. */
  @Nullable
  String requestHeader(String name);

  /** Returns the request method, such as {@code GET}. */
  @Nullable
  String method();

  /** Returns the request URL without its query string ({@code getRequestURL()}). */
  @Nullable
  String url();

  /** Returns the request path, the part that sampling rules match ({@code getRequestURI()}). */
  @Nullable
  String path();

  /** Returns the address of the peer that sent the request. */
  @Nullable
  String remoteAddress();

  /** Adds a response header. */
  void addResponseHeader(String name, String value);

  /** Returns the response status as set so far. */
  int status();

  /** Returns the response header {@code name}, or null. */
  @Nullable
  String responseHeader(String name);

  /** Returns true when this pass through the filter is an {@code ASYNC} dispatch. */
  boolean isAsyncDispatch();

  /** Returns true when the request was put into asynchronous mode and is not complete yet. */
  boolean isAsyncStarted();

  /** Returns the request attribute {@code name}, or null. */
  @Nullable
  Object attribute(String name);

  /** Sets the request attribute {@code name}; null removes it. */
  void setAttribute(String name, @Nullable Object value);

  /** Registers the filter's async listener with the request's current async context. */
  void listenForAsyncCompletion();
}
