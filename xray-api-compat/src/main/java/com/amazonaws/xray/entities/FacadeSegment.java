package com.amazonaws.xray.entities;

import com.amazonaws.xray.AWSXRayRecorder;
import dev.tracekit.compat.xray.LambdaInvocations;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import javax.annotation.Nullable;

/**
 * The stand-in for a segment this process does not own: in Lambda, the function segment the Lambda
 * service records, known only from the trace header. Its id is the header's {@code Parent}, its
 * trace id the header's {@code Root}; subsegments hang under it. As in the X-Ray SDK it cannot be
 * changed: every setter, {@code put*}, {@code addException}, {@code end} and {@code close} throws
 * {@link UnsupportedOperationException}, and so do {@link #getResourceArn()}, {@link #getUser()},
 * {@link #getOrigin()} and {@link #getService()}, which it cannot know.
 *
 * <p>Its subsegments are exported under a span for the invocation, see {@link LambdaInvocations}.
 */
public class FacadeSegment extends EntityImpl implements Segment {
  private static final String MUTATION_UNSUPPORTED_MESSAGE = "FacadeSegments cannot be mutated.";
  private static final String INFORMATION_UNAVAILABLE_MESSAGE = "This information is unavailable.";

  @Nullable protected String resourceArn;
  @Nullable protected String user;
  @Nullable protected String origin;
  @Nullable protected Map<String, Object> service;

  private final boolean sampled;
  @Nullable private final LambdaInvocations.Invocation invocation;

  /**
   * A facade for the segment {@code parentId} of trace {@code traceId}; it is sampled only when
   * {@code sampledDecision} is {@link TraceHeader.SampleDecision#SAMPLED}. A null {@code parentId}
   * gives a random id.
   */
  public FacadeSegment(
      AWSXRayRecorder recorder,
      TraceID traceId,
      String parentId,
      TraceHeader.SampleDecision sampledDecision) {
    super(recorder, "facade");
    if (parentId != null) {
      super.setId(parentId);
    }
    super.setTraceId(traceId);
    this.sampled = sampledDecision == TraceHeader.SampleDecision.SAMPLED;
    this.invocation = LambdaInvocations.join(this, parentId != null);
  }

  private static UnsupportedOperationException mutationUnsupported() {
    return new UnsupportedOperationException(MUTATION_UNSUPPORTED_MESSAGE);
  }

  private static UnsupportedOperationException informationUnavailable() {
    return new UnsupportedOperationException(INFORMATION_UNAVAILABLE_MESSAGE);
  }

  /** Counts a subsegment begun under this facade, for its invocation's span. */
  @Override
  public void incrementReferenceCount() {
    super.incrementReferenceCount();
    if (invocation != null) {
      invocation.subsegmentBegan();
    }
  }

  /**
   * Counts a subsegment ended; when it was the invocation's last open one, the invocation span is
   * exported and the pipeline flushed. Returns false: a facade is never sent.
   */
  @Override
  public boolean decrementReferenceCount() {
    boolean result = super.decrementReferenceCount();
    if (invocation != null) {
      invocation.subsegmentEnded(this);
    }
    return result;
  }

  @Override
  public void close() {
    throw mutationUnsupported();
  }

  @Override
  public boolean end() {
    throw mutationUnsupported();
  }

  @Override
  public boolean isRecording() {
    return true;
  }

  @Override
  public void putService(String key, Object object) {
    throw mutationUnsupported();
  }

  @Override
  public LongAdder getTotalSize() {
    return totalSize;
  }

  @Override
  public boolean isSampled() {
    return sampled;
  }

  @Override
  public void setSampled(boolean sampled) {
    throw mutationUnsupported();
  }

  @Override
  public String getResourceArn() {
    throw informationUnavailable();
  }

  @Override
  public void setResourceArn(String resourceArn) {
    throw mutationUnsupported();
  }

  @Override
  public String getUser() {
    throw informationUnavailable();
  }

  @Override
  public void setUser(String user) {
    throw mutationUnsupported();
  }

  @Override
  public String getOrigin() {
    throw informationUnavailable();
  }

  @Override
  public void setOrigin(String origin) {
    throw mutationUnsupported();
  }

  @Override
  public Map<String, Object> getService() {
    throw informationUnavailable();
  }

  @Override
  public Segment getParentSegment() {
    return this;
  }

  @Override
  public void setId(String id) {
    throw mutationUnsupported();
  }

  @Override
  public void setStartTime(double startTime) {
    throw mutationUnsupported();
  }

  @Override
  public void setEndTime(double endTime) {
    throw mutationUnsupported();
  }

  @Override
  public void setFault(boolean fault) {
    throw mutationUnsupported();
  }

  @Override
  public void setError(boolean error) {
    throw mutationUnsupported();
  }

  @Override
  public void setNamespace(String namespace) {
    throw mutationUnsupported();
  }

  @Override
  public void setHttp(Map<String, Object> http) {
    throw mutationUnsupported();
  }

  @Override
  public void setAws(Map<String, Object> aws) {
    throw mutationUnsupported();
  }

  @Override
  public void setSql(Map<String, Object> sql) {
    throw mutationUnsupported();
  }

  @Override
  public void setMetadata(Map<String, Map<String, Object>> metadata) {
    throw mutationUnsupported();
  }

  @Override
  public void setAnnotations(Map<String, Object> annotations) {
    throw mutationUnsupported();
  }

  @Override
  public void setParent(Entity parent) {
    throw mutationUnsupported();
  }

  @Override
  public void setCreator(AWSXRayRecorder creator) {
    throw mutationUnsupported();
  }

  @Override
  public void setThrottle(boolean throttle) {
    throw mutationUnsupported();
  }

  @Override
  public void setInProgress(boolean inProgress) {
    throw mutationUnsupported();
  }

  @Override
  public void setTraceId(TraceID traceId) {
    throw mutationUnsupported();
  }

  @Override
  public void setParentId(String parentId) {
    throw mutationUnsupported();
  }

  @Override
  public void addException(Throwable exception) {
    throw mutationUnsupported();
  }

  @Override
  public void putHttp(String key, Object value) {
    throw mutationUnsupported();
  }

  @Override
  public void putAllHttp(Map<String, Object> all) {
    throw mutationUnsupported();
  }

  @Override
  public void putAws(String key, Object value) {
    throw mutationUnsupported();
  }

  @Override
  public void putAllAws(Map<String, Object> all) {
    throw mutationUnsupported();
  }

  @Override
  public void putSql(String key, Object value) {
    throw mutationUnsupported();
  }

  @Override
  public void putAllSql(Map<String, Object> all) {
    throw mutationUnsupported();
  }

  @Override
  public void putAnnotation(String key, String value) {
    throw mutationUnsupported();
  }

  @Override
  public void putAnnotation(String key, Number value) {
    throw mutationUnsupported();
  }

  @Override
  public void putAnnotation(String key, Boolean value) {
    throw mutationUnsupported();
  }

  @Override
  public void putMetadata(String key, Object object) {
    throw mutationUnsupported();
  }

  @Override
  public void putMetadata(String namespace, String key, Object object) {
    throw mutationUnsupported();
  }

  @Override
  public void putAllService(Map<String, Object> all) {
    throw mutationUnsupported();
  }

  @Override
  public void setService(Map<String, Object> service) {
    throw mutationUnsupported();
  }

  @Override
  public void setRuleName(String ruleName) {
    throw mutationUnsupported();
  }
}
