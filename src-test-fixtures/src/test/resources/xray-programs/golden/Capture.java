package golden;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import com.amazonaws.xray.strategy.sampling.SamplingStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * An emitter that keeps every document the recorder hands it (segments whole, streamed subsegments
 * as stand-alone documents), optionally forwards them to a second emitter, and the recorder that uses it: no plugins, no daemon, no network.
 */
final class Capture extends Emitter {
  /** When set (by {@link Scenarios#viaDaemon}), every entity also goes to this emitter. */
  static volatile Emitter forward;

  private final List<String> documents = new ArrayList<>();
  final AWSXRayRecorder recorder;

  Capture() {
    this(new AllSamplingStrategy());
  }

  Capture(SamplingStrategy sampling) {
    recorder = AWSXRayRecorderBuilder.standard().withSamplingStrategy(sampling).withEmitter(this).build();
  }

  @Override
  public synchronized boolean sendSegment(Segment segment) {
    documents.add(segment.serialize());
    Emitter next = forward;
    return next == null || next.sendSegment(segment);
  }

  @Override
  public synchronized boolean sendSubsegment(Subsegment subsegment) {
    documents.add(subsegment.streamSerialize());
    Emitter next = forward;
    return next == null || next.sendSubsegment(subsegment);
  }

  /** The documents emitted so far; clears the thread's trace entity. */
  synchronized List<String> documents() {
    recorder.clearTraceEntity();
    return new ArrayList<>(documents);
  }
}
