package com.amazonaws.xray.jakarta.servlet;

import dev.tracekit.compat.xray.HttpExchange;
import javax.annotation.Nullable;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** A jakarta servlet request and response as an {@link HttpExchange}. */
final class JakartaHttpExchange implements HttpExchange {
  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final AsyncListener listener;

  private JakartaHttpExchange(
      HttpServletRequest request, HttpServletResponse response, AsyncListener listener) {
    this.request = request;
    this.response = response;
    this.listener = listener;
  }

  /** Returns the exchange, or null when the request or response is not HTTP. */
  @Nullable
  static JakartaHttpExchange of(
      @Nullable ServletRequest request, @Nullable ServletResponse response, AsyncListener listener) {
    if (request instanceof HttpServletRequest && response instanceof HttpServletResponse) {
      return new JakartaHttpExchange((HttpServletRequest) request, (HttpServletResponse) response, listener);
    }
    return null;
  }

  HttpServletRequest request() {
    return request;
  }

  @Override
  public String requestHeader(String name) {
    return request.getHeader(name);
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String url() {
    StringBuffer url = request.getRequestURL();
    return url == null ? null : url.toString();
  }

  @Override
  public String path() {
    return request.getRequestURI();
  }

  @Override
  public String remoteAddress() {
    return request.getRemoteAddr();
  }

  @Override
  public void addResponseHeader(String name, String value) {
    response.addHeader(name, value);
  }

  @Override
  public int status() {
    return response.getStatus();
  }

  @Override
  public String responseHeader(String name) {
    return response.getHeader(name);
  }

  @Override
  public boolean isAsyncDispatch() {
    return request.getDispatcherType() == DispatcherType.ASYNC;
  }

  @Override
  public boolean isAsyncStarted() {
    return request.isAsyncStarted();
  }

  @Override
  public Object attribute(String name) {
    return request.getAttribute(name);
  }

  @Override
  public void setAttribute(String name, @Nullable Object value) {
    if (value == null) {
      request.removeAttribute(name);
    } else {
      request.setAttribute(name, value);
    }
  }

  @Override
  public void listenForAsyncCompletion() {
    // The one-argument form, as the X-Ray filter: the listener finds the request and response
    // through the AsyncContext when the event does not carry them.
    request.getAsyncContext().addListener(listener);
  }
}
