package dev.tracekit.compat.xray.servlet;

import dev.tracekit.compat.core.secrets.TestSecrets;

/**
 * What the test servlet of each API does, by request path (the javax and jakarta servlets
 * implement the same list).
 */
final class Endpoints {
  /** 200, body {@code ok}. */
  static final String OK = "/ok";
  /** {@code /status/404}: that status. */
  static final String STATUS = "/status/";
  /** 200 with {@code Content-Length: 5}. */
  static final String LENGTH = "/length";
  /** Throws {@code IllegalStateException("boom")}. */
  static final String THROW = "/throw";
  /** A subsegment {@code work} holding a TraceKit span {@code tracekit-inner}. */
  static final String WORK = "/work";
  /** Goes asynchronous; another thread answers 202 and completes. */
  static final String ASYNC = "/async";
  /** Goes asynchronous and dispatches; the dispatch records subsegment {@code dispatched}. */
  static final String DISPATCH = "/dispatch";
  /** Goes asynchronous and never completes: the container times it out. */
  static final String TIMEOUT = "/timeout";
  /** 200 with {@code Set-Cookie: }{@link #SESSION_COOKIE}. */
  static final String SET_COOKIE = "/set-cookie";

  static final String BOOM = "boom";
  static final int ASYNC_STATUS = 202;
  static final long TIMEOUT_MILLIS = 200;
  static final String SESSION_COOKIE = "session=" + TestSecrets.secret("set-cookie") + "; HttpOnly";

  private Endpoints() {}
}
