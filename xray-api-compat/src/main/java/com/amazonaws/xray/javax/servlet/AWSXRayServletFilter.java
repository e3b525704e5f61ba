package com.amazonaws.xray.javax.servlet;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.strategy.SegmentNamingStrategy;
import dev.tracekit.compat.xray.HttpSegmentRecorder;
import dev.tracekit.compat.xray.SegmentNames;
import java.io.IOException;
import javax.annotation.Nullable;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;

/**
 * Traces each HTTP request as an X-Ray segment, which becomes a SERVER span in TraceKit. It
 * continues the caller's trace from {@code X-Amzn-Trace-Id} (or W3C {@code traceparent}), answers
 * with {@code X-Amzn-Trace-Id}, records the request and response, marks 4xx as error, 429 as
 * throttle and 5xx as fault, records what the chain throws (and rethrows it), and ends the segment
 * when the request completes, asynchronous requests included.
 *
 * <p>Name segments with a constructor argument, or with the init parameters {@code fixedName}, or
 * {@code dynamicNamingFallbackName} and {@code dynamicNamingRecognizedHosts} (which win). Without a
 * recorder, the global one ({@link AWSXRay#getGlobalRecorder()}) is used. Thread-safe once
 * initialized.
 */
public class AWSXRayServletFilter implements Filter {
  @Nullable private String segmentOverrideName;
  @Nullable private String segmentDefaultName;
  @Nullable private SegmentNamingStrategy segmentNamingStrategy;
  @Nullable private final AWSXRayRecorder recorder;
  private final AWSXRayServletAsyncListener listener;

  /** A filter named by its init parameters, using the global recorder. */
  public AWSXRayServletFilter() {
    this((SegmentNamingStrategy) null, null);
  }

  /** A filter naming every segment {@code fixedSegmentName}. */
  public AWSXRayServletFilter(String fixedSegmentName) {
    this(SegmentNamingStrategy.fixed(fixedSegmentName));
  }

  /** A filter naming segments with {@code segmentNamingStrategy}, using the global recorder. */
  public AWSXRayServletFilter(SegmentNamingStrategy segmentNamingStrategy) {
    this(segmentNamingStrategy, null);
  }

  /** A filter naming segments with {@code segmentNamingStrategy} and recording with {@code recorder}. */
  public AWSXRayServletFilter(
      @Nullable SegmentNamingStrategy segmentNamingStrategy, @Nullable AWSXRayRecorder recorder) {
    this.segmentNamingStrategy = segmentNamingStrategy;
    this.recorder = recorder;
    this.listener = new AWSXRayServletAsyncListener(this, recorder);
  }

  /** Kept for compatibility; not used to name segments. */
  @Nullable
  public String getSegmentOverrideName() {
    return segmentOverrideName;
  }

  /** Kept for compatibility; not used to name segments. */
  public void setSegmentOverrideName(@Nullable String segmentOverrideName) {
    this.segmentOverrideName = segmentOverrideName;
  }

  /** Kept for compatibility; not used to name segments. */
  @Nullable
  public String getSegmentDefaultName() {
    return segmentDefaultName;
  }

  /** Kept for compatibility; not used to name segments. */
  public void setSegmentDefaultName(@Nullable String segmentDefaultName) {
    this.segmentDefaultName = segmentDefaultName;
  }

  /**
   * Reads the naming init parameters (they replace a strategy given to the constructor).
   *
   * @throws ServletException when neither the parameters nor the constructor name segments
   */
  @Override
  public void init(FilterConfig config) throws ServletException {
    segmentNamingStrategy =
        SegmentNames.strategyFromInitParameters(
            config::getInitParameter,
            segmentNamingStrategy,
            SegmentNamingStrategy::fixed,
            SegmentNamingStrategy::dynamic);
    if (segmentNamingStrategy == null) {
      throw new ServletException(SegmentNames.MISSING_NAME_MESSAGE);
    }
  }

  @Override
  public void destroy() {}

  /** Traces the request around the rest of the chain; see the class description. */
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    AWSXRayRecorder current = getRecorder();
    JavaxHttpExchange exchange = JavaxHttpExchange.of(request, response, listener);
    Entity resumed = HttpSegmentRecorder.resume(current, exchange);
    Entity entity = resumed != null ? resumed : preFilter(request, response);
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      HttpSegmentRecorder.recordThrowable(entity, e);
      throw e;
    } finally {
      if (HttpSegmentRecorder.afterChain(current, exchange, entity, resumed != null)) {
        postFilter(request, response);
      }
    }
  }

  /**
   * Begins the request's segment, makes it current and adds the {@code X-Amzn-Trace-Id} response
   * header. Unsampled requests get a segment that records nothing.
   */
  public Segment preFilter(ServletRequest request, ServletResponse response) {
    JavaxHttpExchange exchange = JavaxHttpExchange.of(request, response, listener);
    SegmentNamingStrategy strategy = segmentNamingStrategy;
    return HttpSegmentRecorder.begin(
        getRecorder(),
        () -> strategy == null || exchange == null ? null : strategy.nameForRequest(exchange.request()),
        exchange);
  }

  /** Records the response in the current segment and ends it. */
  public void postFilter(ServletRequest request, ServletResponse response) {
    HttpSegmentRecorder.end(getRecorder(), JavaxHttpExchange.of(request, response, listener));
  }

  private AWSXRayRecorder getRecorder() {
    return recorder != null ? recorder : AWSXRay.getGlobalRecorder();
  }
}
