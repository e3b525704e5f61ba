package com.amazonaws.xray;

import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.TraceID;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The static entry point of the X-Ray API: every method delegates to the global recorder, which is
 * {@link AWSXRayRecorderBuilder#defaultRecorder()} until {@link #setGlobalRecorder} replaces it.
 * Segments and subsegments go to TraceKit as spans; see the module README for the mapping.
 */
public class AWSXRay {
  private static volatile AWSXRayRecorder globalRecorder = AWSXRayRecorderBuilder.defaultRecorder();

  public static AWSXRayRecorder getGlobalRecorder() {
    return globalRecorder;
  }

  public static void setGlobalRecorder(AWSXRayRecorder globalRecorder) {
    if (globalRecorder != null) {
      AWSXRay.globalRecorder = globalRecorder;
    }
  }

  public static <R> R createSegment(String name, Function<Segment, R> function) {
    return globalRecorder.createSegment(name, function);
  }

  public static void createSegment(String name, Consumer<Segment> consumer) {
    globalRecorder.createSegment(name, consumer);
  }

  public static <R> R createSegment(String name, Supplier<R> supplier) {
    return globalRecorder.createSegment(name, supplier);
  }

  public static void createSegment(String name, Runnable runnable) {
    globalRecorder.createSegment(name, runnable);
  }

  public static <R> R createSubsegment(String name, Function<Subsegment, R> function) {
    return globalRecorder.createSubsegment(name, function);
  }

  public static void createSubsegment(String name, Consumer<Subsegment> consumer) {
    globalRecorder.createSubsegment(name, consumer);
  }

  public static <R> R createSubsegment(String name, Supplier<R> supplier) {
    return globalRecorder.createSubsegment(name, supplier);
  }

  public static void createSubsegment(String name, Runnable runnable) {
    globalRecorder.createSubsegment(name, runnable);
  }

  public static Segment beginSegmentWithSampling(String name) {
    return globalRecorder.beginSegmentWithSampling(name);
  }

  public static Segment beginSegment(String name) {
    return globalRecorder.beginSegment(name);
  }

  public static Segment beginSegment(String name, TraceID traceId, String parentId) {
    return globalRecorder.beginSegment(name, traceId, parentId);
  }

  @Deprecated
  public static Segment beginDummySegment() {
    return globalRecorder.beginDummySegment();
  }

  public static void endSegment() {
    globalRecorder.endSegment();
  }

  public static Subsegment beginSubsegment(String name) {
    return globalRecorder.beginSubsegment(name);
  }

  public static Subsegment beginSubsegmentWithoutSampling(String name) {
    return globalRecorder.beginSubsegmentWithoutSampling(name);
  }

  public static void endSubsegment() {
    globalRecorder.endSubsegment();
  }

  public static void endSubsegment(Subsegment subsegment) {
    globalRecorder.endSubsegment(subsegment);
  }

  /** An instance method in the X-Ray SDK too; kept as it is. */
  public String currentEntityId() {
    return globalRecorder.currentEntityId();
  }

  /** An instance method in the X-Ray SDK too; kept as it is. */
  public TraceID currentTraceId() {
    return globalRecorder.currentTraceId();
  }

  public static String currentFormattedId() {
    return globalRecorder.currentFormattedId();
  }

  public static Segment getCurrentSegment() {
    return globalRecorder.getCurrentSegment();
  }

  public static Optional<Segment> getCurrentSegmentOptional() {
    return globalRecorder.getCurrentSegmentOptional();
  }

  public static Subsegment getCurrentSubsegment() {
    return globalRecorder.getCurrentSubsegment();
  }

  public static Optional<Subsegment> getCurrentSubsegmentOptional() {
    return globalRecorder.getCurrentSubsegmentOptional();
  }

  /** @deprecated use {@link #setTraceEntity(Entity)} */
  @Deprecated
  public static void injectThreadLocal(Entity entity) {
    globalRecorder.setTraceEntity(entity);
  }

  /** @deprecated use {@link #getTraceEntity()} */
  @Deprecated
  public static Entity getThreadLocal() {
    return globalRecorder.getTraceEntity();
  }

  /** @deprecated use {@link #clearTraceEntity()} */
  @Deprecated
  public static void clearThreadLocal() {
    globalRecorder.clearTraceEntity();
  }

  @Deprecated
  public static void setTraceEntity(Entity entity) {
    globalRecorder.setTraceEntity(entity);
  }

  public static Entity getTraceEntity() {
    return globalRecorder.getTraceEntity();
  }

  public static void clearTraceEntity() {
    globalRecorder.clearTraceEntity();
  }

  public static boolean sendSegment(Segment segment) {
    return globalRecorder.sendSegment(segment);
  }

  /** The X-Ray SDK's misspelled name, kept. */
  @Deprecated
  public static boolean sendSubegment(Subsegment subsegment) {
    return globalRecorder.sendSubsegment(subsegment);
  }

  public static boolean sendSubsegment(Subsegment subsegment) {
    return globalRecorder.sendSubsegment(subsegment);
  }
}
