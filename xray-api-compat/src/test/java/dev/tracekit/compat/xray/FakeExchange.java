package dev.tracekit.compat.xray;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/** An in-memory {@link HttpExchange}: a GET of {@code http://h.example/p} from 192.0.2.1. */
final class FakeExchange implements HttpExchange {
  final Map<String, String> requestHeaders = new HashMap<>();
  final Map<String, String> responseHeaders = new LinkedHashMap<>();
  final Map<String, Object> attributes = new HashMap<>();
  int status = 200;
  boolean asyncStarted;
  boolean asyncDispatch;
  int listenerRegistrations;

  FakeExchange header(String name, String value) {
    requestHeaders.put(name.toLowerCase(Locale.ROOT), value);
    return this;
  }

  @Override
  public String requestHeader(String name) {
    return requestHeaders.get(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String url() {
    return "http://h.example/p";
  }

  @Override
  public String path() {
    return "/p";
  }

  @Override
  public String remoteAddress() {
    return "192.0.2.1";
  }

  @Override
  public void addResponseHeader(String name, String value) {
    responseHeaders.put(name, value);
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public String responseHeader(String name) {
    return responseHeaders.get(name);
  }

  @Override
  public boolean isAsyncDispatch() {
    return asyncDispatch;
  }

  @Override
  public boolean isAsyncStarted() {
    return asyncStarted;
  }

  @Override
  public Object attribute(String name) {
    return attributes.get(name);
  }

  @Override
  public void setAttribute(String name, @Nullable Object value) {
    if (value == null) {
      attributes.remove(name);
    } else {
      attributes.put(name, value);
    }
  }

  @Override
  public void listenForAsyncCompletion() {
    listenerRegistrations++;
  }
}
