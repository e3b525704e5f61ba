package dev.tracekit.compat.xray;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.ThrowableDescription;
import com.amazonaws.xray.entities.TraceHeader.SampleDecision;
import com.amazonaws.xray.entities.TraceHeader;
import com.amazonaws.xray.entities.TraceID;
import com.amazonaws.xray.strategy.sampling.SamplingRequest;
import com.amazonaws.xray.strategy.sampling.SamplingResponse;
import dev.tracekit.compat.core.api.SpanContext;
import dev.tracekit.compat.core.internal.ThrottlingLogger;
import dev.tracekit.compat.core.propagation.AwsTraceHeader;
import dev.tracekit.compat.core.propagation.W3CTraceparent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * What the javax and jakarta {@code AWSXRayServletFilter}s do for each request, written once over
 * {@link HttpExchange}:
 *
 * <ol>
 *   <li>{@link #begin}: continue the incoming {@code X-Amzn-Trace-Id} (or, without one, a W3C
 *       {@code traceparent}); decide sampling as the X-Ray filter does (the caller's {@code
 *       Sampled=1}/{@code 0} wins, otherwise the recorder's sampling strategy decides on service
 *       name, host, path and method); begin the segment; record {@code http.request}; answer with
 *       {@code X-Amzn-Trace-Id: Root=…;} (plus the decision when the caller sent {@code
 *       Sampled=?}).
 *   <li>{@link #recordThrowable} for what the chain throws.
 *   <li>{@link #afterChain}: a request that went asynchronous hands its segment to the request and
 *       the async listener ({@link #complete}) ends it when the request completes; otherwise
 *       {@link #end} records {@code http.response} (status, content length; error for 4xx,
 *       throttle for 429, fault for 5xx) and ends the segment.
 * </ol>
 *
 * <p>Nothing here throws into the application, except what the recorder's context-missing strategy
 * throws by design. Not API: public only for the filters' packages.
 */
public final class HttpSegmentRecorder {
  /** The request attribute that carries the segment of an asynchronous request. */
  public static final String ENTITY_ATTRIBUTE_KEY = "com.amazonaws.xray.entities.Entity";

  private static final String X_FORWARDED_FOR = "X-Forwarded-For";
  private static final String USER_AGENT = "User-Agent";
  private static final String CONTENT_LENGTH = "Content-Length";
  private static final int TOO_MANY_REQUESTS = 429;

  private static final ThrottlingLogger LOGGER =
      ThrottlingLogger.create(Logger.getLogger(HttpSegmentRecorder.class.getName()));

  private HttpSegmentRecorder() {}

  /**
   * Begins the segment of a request and makes it current (the filter's {@code preFilter}). {@code
   * name} runs the naming strategy; when it fails or gives a blank name, or when {@code exchange} is
   * null (not an HTTP request), the request gets a segment that records nothing, and a warning is
   * logged (rate-limited).
   */
  public static Segment begin(
      AWSXRayRecorder recorder, Supplier<String> name, @Nullable HttpExchange exchange) {
    if (exchange == null) {
      LOGGER.log(Level.WARNING, "AWSXRayServletFilter saw a request that is not HTTP; not tracing it.");
      return recorder.beginNoOpSegment();
    }
    String segmentName = segmentName(name);
    if (SegmentNames.isBlank(segmentName)) {
      LOGGER.log(
          Level.WARNING,
          "AWSXRayServletFilter has no segment name for " + exchange.url()
              + " (no naming strategy, or it returned a blank name); not tracing it. "
              + SegmentNames.MISSING_NAME_MESSAGE);
      return recorder.beginNoOpSegment();
    }
    TraceHeader incoming = incomingHeader(exchange);
    SamplingResponse decision = sample(recorder, segmentName, exchange);
    TraceID traceId = incoming == null ? null : incoming.getRootTraceId();
    // A Parent without a Root is dropped, as the X-Ray filter does.
    String parentId = traceId == null ? null : incoming.getParentId();
    Segment segment;
    if (isSampled(incoming, decision)) {
      segment = recorder.beginSegment(segmentName, traceId, parentId);
      decision.getRuleName().ifPresent(segment::setRuleName);
    } else if (recorder.getSamplingStrategy().isForcedSamplingSupported()) {
      segment = recorder.beginSegment(segmentName, traceId, parentId);
      segment.setSampled(false);
    } else {
      segment = traceId == null ? recorder.beginNoOpSegment() : recorder.beginNoOpSegment(traceId);
    }
    segment.putHttp("request", requestFields(exchange));
    exchange.addResponseHeader(TraceHeader.HEADER_KEY, responseHeader(incoming, segment).toString());
    return segment;
  }

  /**
   * Ends the current segment (the filter's {@code postFilter}): records the response of {@code
   * exchange} (when there is one) and ends the segment through the recorder, which clears the
   * context. Without a current segment, the recorder's context-missing strategy reports it.
   */
  public static void end(AWSXRayRecorder recorder, @Nullable HttpExchange exchange) {
    Segment segment = recorder.getCurrentSegment();
    if (segment == null) {
      return;
    }
    if (exchange != null) {
      recordResponse(segment, exchange.status(), exchange.responseHeader(CONTENT_LENGTH));
    }
    recorder.endSegment();
  }

  /** Records {@code thrown} on {@code entity} (which sets its fault flag), unless already there. */
  public static void recordThrowable(@Nullable Entity entity, @Nullable Throwable thrown) {
    if (entity == null || thrown == null) {
      return;
    }
    try {
      for (ThrowableDescription description : entity.getCause().getExceptions()) {
        if (description.getThrowable() == thrown) {
          return;
        }
      }
      entity.addException(thrown);
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "Could not record an exception on segment " + entity.getName() + ": " + e);
    }
  }

  /**
   * On an {@code ASYNC} dispatch of a request whose segment awaits completion, makes that segment
   * current on this thread and returns it, so that the dispatch continues the request's segment
   * instead of beginning another. Returns null otherwise.
   */
  @Nullable
  public static Entity resume(AWSXRayRecorder recorder, @Nullable HttpExchange exchange) {
    if (exchange == null || !exchange.isAsyncDispatch()) {
      return null;
    }
    Object entity = exchange.attribute(ENTITY_ATTRIBUTE_KEY);
    if (!(entity instanceof Entity)) {
      return null;
    }
    recorder.setTraceEntity((Entity) entity);
    return (Entity) entity;
  }

  /**
   * Runs after the filter chain returned or threw. Returns true when the filter must end the
   * segment now ({@code postFilter}). Returns false when the request went asynchronous (the segment
   * now travels with the request, and the async listener ends it when the request completes) or
   * when this pass {@linkplain #resume resumed} a segment; this thread's context is then cleared.
   */
  public static boolean afterChain(
      AWSXRayRecorder recorder, @Nullable HttpExchange exchange, Entity entity, boolean resumed) {
    if (exchange != null && exchange.isAsyncStarted()) {
      exchange.setAttribute(ENTITY_ATTRIBUTE_KEY, entity);
      try {
        exchange.listenForAsyncCompletion();
      } catch (RuntimeException e) {
        // The async cycle ended meanwhile: no listener will run, so end the segment here.
        exchange.setAttribute(ENTITY_ATTRIBUTE_KEY, null);
        return true;
      }
      recorder.clearTraceEntity();
      return false;
    }
    if (resumed) {
      recorder.clearTraceEntity();
      return false;
    }
    return true;
  }

  /**
   * The asynchronous request of {@code exchange} completed: ends its segment once (later calls do
   * nothing) by making it current on this thread and running {@code postFilter}; then restores
   * what was current here before.
   */
  public static void complete(AWSXRayRecorder recorder, HttpExchange exchange, Runnable postFilter) {
    Object attribute = exchange.attribute(ENTITY_ATTRIBUTE_KEY);
    if (!(attribute instanceof Entity)) {
      return;
    }
    exchange.setAttribute(ENTITY_ATTRIBUTE_KEY, null);
    Entity entity = (Entity) attribute;
    Entity previous = recorder.getTraceEntity();
    recorder.setTraceEntity(entity);
    try {
      postFilter.run();
    } finally {
      if (previous != null && previous.getParentSegment() != entity.getParentSegment()) {
        recorder.setTraceEntity(previous);
      } else {
        recorder.clearTraceEntity();
      }
    }
  }

  /** An asynchronous request of {@code exchange} failed with {@code thrown}: records it. */
  public static void failed(HttpExchange exchange, @Nullable Throwable thrown) {
    Object attribute = exchange.attribute(ENTITY_ATTRIBUTE_KEY);
    if (attribute instanceof Entity) {
      recordThrowable((Entity) attribute, thrown);
    }
  }

  /** Records {@code http.response} and the error, throttle and fault flags of {@code status}. */
  static void recordResponse(Segment segment, int status, @Nullable String contentLength) {
    Map<String, Object> response = new LinkedHashMap<>();
    Integer length = parseContentLength(contentLength);
    if (length != null) {
      response.put("content_length", length);
    }
    response.put("status", status);
    if (status >= 400 && status < 500) {
      segment.setError(true);
      if (status == TOO_MANY_REQUESTS) {
        segment.setThrottle(true);
      }
    } else if (status >= 500 && status < 600) {
      segment.setFault(true);
    }
    segment.putHttp("response", response);
  }

  @Nullable
  private static Integer parseContentLength(@Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Nullable
  private static String segmentName(Supplier<String> name) {
    try {
      return name.get();
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "The segment naming strategy failed: " + e);
      return null;
    }
  }

  /**
   * Returns the trace context the caller sent: {@code X-Amzn-Trace-Id} when it has a {@code Root};
   * else a valid {@code traceparent} (its sampled flag as {@code Sampled=1}/{@code 0}); else
   * whatever the {@code X-Amzn-Trace-Id} header held; else null.
   */
  @Nullable
  static TraceHeader incomingHeader(HttpExchange exchange) {
    String aws = exchange.requestHeader(TraceHeader.HEADER_KEY);
    TraceHeader header = aws == null || aws.isEmpty() ? null : TraceHeader.fromString(aws);
    if (header != null && header.getRootTraceId() != null) {
      return header;
    }
    SpanContext w3c = W3CTraceparent.parse(exchange.requestHeader(W3CTraceparent.HEADER_NAME));
    String awsTraceId = w3c.isValid() ? AwsTraceHeader.formatTraceId(w3c.getTraceId()) : null;
    if (awsTraceId != null) {
      return new TraceHeader(
          TraceID.fromString(awsTraceId),
          w3c.getSpanId(),
          w3c.isSampled() ? SampleDecision.SAMPLED : SampleDecision.NOT_SAMPLED);
    }
    return header;
  }

  private static SamplingResponse sample(
      AWSXRayRecorder recorder, String name, HttpExchange exchange) {
    SamplingRequest request =
        new SamplingRequest(
            name,
            exchange.requestHeader(SegmentNames.HOST_HEADER),
            exchange.path(),
            exchange.method(),
            recorder.getOrigin());
    try {
      SamplingResponse response = recorder.getSamplingStrategy().shouldTrace(request);
      return response == null ? new SamplingResponse(false) : response;
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "Sampling strategy failed; not sampling the request: " + e);
      return new SamplingResponse(false);
    }
  }

  private static boolean isSampled(@Nullable TraceHeader incoming, SamplingResponse decision) {
    SampleDecision sent = incoming == null ? SampleDecision.UNKNOWN : incoming.getSampled();
    switch (sent) {
      case SAMPLED:
        return true;
      case NOT_SAMPLED:
        return false;
      default:
        return decision.isSampled();
    }
  }

  private static Map<String, Object> requestFields(HttpExchange exchange) {
    Map<String, Object> request = new LinkedHashMap<>();
    putIfPresent(request, "method", exchange.method());
    String forwardedFor = exchange.requestHeader(X_FORWARDED_FOR);
    // The first X-Forwarded-For address is the client; the peer is then a proxy.
    putIfPresent(
        request,
        "client_ip",
        forwardedFor != null ? forwardedFor.split(",", -1)[0].trim() : exchange.remoteAddress());
    putIfPresent(request, "url", exchange.url());
    putIfPresent(request, "user_agent", exchange.requestHeader(USER_AGENT));
    if (forwardedFor != null) {
      request.put("x_forwarded_for", true);
    }
    return request;
  }

  private static void putIfPresent(Map<String, Object> map, String key, @Nullable Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  /**
   * Returns the {@code X-Amzn-Trace-Id} answer: the segment's trace id, and the sampling decision
   * only when the caller asked for it with {@code Sampled=?}.
   */
  static TraceHeader responseHeader(@Nullable TraceHeader incoming, Segment segment) {
    TraceHeader header = new TraceHeader(segment.getTraceId());
    if (incoming != null && incoming.getSampled() == SampleDecision.REQUESTED) {
      header.setSampled(segment.isSampled() ? SampleDecision.SAMPLED : SampleDecision.NOT_SAMPLED);
    }
    return header;
  }
}
