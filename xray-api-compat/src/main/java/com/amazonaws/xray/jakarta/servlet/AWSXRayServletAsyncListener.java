package com.amazonaws.xray.jakarta.servlet;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorder;
import dev.tracekit.compat.xray.HttpSegmentRecorder;
import java.io.IOException;
import javax.annotation.Nullable;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * Ends the segment of an asynchronous request when the request completes: the filter leaves the
 * segment in the request attribute {@link #ENTITY_ATTRIBUTE_KEY}. A timeout or error is followed by
 * the container's completion, so the segment ends then, with the final status; an error's
 * exception is recorded. The listener follows the request into any new async cycle.
 */
class AWSXRayServletAsyncListener implements AsyncListener {
  public static final String ENTITY_ATTRIBUTE_KEY = HttpSegmentRecorder.ENTITY_ATTRIBUTE_KEY;

  @Nullable private final AWSXRayRecorder recorder;
  private final AWSXRayServletFilter filter;

  AWSXRayServletAsyncListener(AWSXRayServletFilter filter, @Nullable AWSXRayRecorder recorder) {
    this.filter = filter;
    this.recorder = recorder;
  }

  @Override
  public void onComplete(AsyncEvent event) throws IOException {
    ServletRequest request = requestOf(event);
    ServletResponse response = responseOf(event);
    JakartaHttpExchange exchange = JakartaHttpExchange.of(request, response, this);
    if (exchange != null) {
      HttpSegmentRecorder.complete(
          recorder != null ? recorder : AWSXRay.getGlobalRecorder(),
          exchange,
          () -> filter.postFilter(request, response));
    }
  }

  @Override
  public void onTimeout(AsyncEvent event) throws IOException {
    // The container completes the request next (with an error status); the segment ends then.
  }

  @Override
  public void onError(AsyncEvent event) throws IOException {
    JakartaHttpExchange exchange = JakartaHttpExchange.of(requestOf(event), responseOf(event), this);
    if (exchange != null) {
      HttpSegmentRecorder.failed(exchange, event.getThrowable());
    }
  }

  @Override
  public void onStartAsync(AsyncEvent event) throws IOException {
    // A new async cycle forgets its listeners; stay registered so the segment still ends (the
    // X-Ray listener does not), with the one-argument form the X-Ray filter uses.
    event.getAsyncContext().addListener(this);
  }

  @Nullable
  private static ServletRequest requestOf(AsyncEvent event) {
    return event.getSuppliedRequest() != null
        ? event.getSuppliedRequest()
        : event.getAsyncContext().getRequest();
  }

  @Nullable
  private static ServletResponse responseOf(AsyncEvent event) {
    return event.getSuppliedResponse() != null
        ? event.getSuppliedResponse()
        : event.getAsyncContext().getResponse();
  }
}
