package com.amazonaws.xray.contexts;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.listeners.SegmentListener;
import dev.tracekit.compat.core.internal.ThrottlingLogger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls a recorder's segment listeners; an exception a listener throws is logged, rate-limited, and
 * never reaches the app.
 */
final class Listeners {
  private static final ThrottlingLogger LOGGER =
      ThrottlingLogger.create(Logger.getLogger(SegmentListener.class.getName()));

  private Listeners() {}

  static void notifySet(AWSXRayRecorder recorder, Entity previous, Entity entity) {
    if (!recorder.getSegmentListeners().isEmpty()) {
      each(recorder, listener -> listener.onSetEntity(previous, entity));
    }
  }

  static void notifyClear(AWSXRayRecorder recorder, Entity previous) {
    if (!recorder.getSegmentListeners().isEmpty()) {
      each(recorder, listener -> listener.onClearEntity(previous));
    }
  }

  static void onBeginSubsegment(AWSXRayRecorder recorder, Subsegment subsegment) {
    if (!recorder.getSegmentListeners().isEmpty()) {
      each(recorder, listener -> listener.onBeginSubsegment(subsegment));
    }
  }

  static void beforeEndSubsegment(AWSXRayRecorder recorder, Subsegment subsegment) {
    if (!recorder.getSegmentListeners().isEmpty()) {
      each(recorder, listener -> listener.beforeEndSubsegment(subsegment));
    }
  }

  static void afterEndSubsegment(AWSXRayRecorder recorder, Subsegment subsegment) {
    if (!recorder.getSegmentListeners().isEmpty()) {
      each(recorder, listener -> listener.afterEndSubsegment(subsegment));
    }
  }

  /**
   * Calls {@code call} on each listener of {@code recorder}, isolating failures. The methods above
   * check for listeners first, so that a recorder without any allocates nothing for them.
   */
  static void each(AWSXRayRecorder recorder, Consumer<SegmentListener> call) {
    for (SegmentListener listener : recorder.getSegmentListeners()) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        LOGGER.log(Level.WARNING, "Segment listener " + listener.getClass().getName() + " threw " + e);
      }
    }
  }
}
