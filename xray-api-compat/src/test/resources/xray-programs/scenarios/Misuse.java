package scenarios;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Misuses a recorder's lifecycle (entities ended twice, from another thread, segments ended with
 * subsegments open, very deep trees) and reports what the app saw and what a custom emitter
 * received (entity names), as plain maps and lists. Compiled against the real X-Ray SDK; run on
 * the real SDK and on the shim.
 */
public final class Misuse {
  private Misuse() {}

  /** Ends every entity twice, by each API, under the named context-missing strategy. */
  public static Map<String, Object> endTwice(String strategy) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> emitted = new ArrayList<>();
    AWSXRayRecorder recorder = BadInput.recorder(strategy, emitted);
    Segment segment = recorder.beginSegment("twice");
    Subsegment sub = recorder.beginSubsegment("twice-sub");
    out.put("endSubsegment", BadInput.outcome(() -> {
      recorder.endSubsegment();
      return null;
    }));
    out.put("endSubsegment again", BadInput.outcome(() -> {
      recorder.endSubsegment();
      return null;
    }));
    out.put("sub.end() again", BadInput.outcome(sub::end));
    out.put("sub.close() again", BadInput.outcome(() -> {
      sub.close();
      return null;
    }));
    out.put("endSubsegment(sub) again", BadInput.outcome(() -> {
      recorder.endSubsegment(sub);
      return null;
    }));
    out.put("endSegment", BadInput.outcome(() -> {
      recorder.endSegment();
      return null;
    }));
    out.put("endSegment again", BadInput.outcome(() -> {
      recorder.endSegment();
      return null;
    }));
    out.put("segment.end() again", BadInput.outcome(segment::end));
    out.put("segment.close() again", BadInput.outcome(() -> {
      segment.close();
      return null;
    }));
    out.put("endSubsegment(sub) after the segment was sent", BadInput.outcome(() -> {
      recorder.endSubsegment(sub);
      return null;
    }));
    recorder.clearTraceEntity();
    out.put("emitted", emitted);
    return out;
  }

  /** Ends a segment with {@code end()}, then again through the recorder. */
  public static Map<String, Object> endedDirectlyThenByTheRecorder(String strategy) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> emitted = new ArrayList<>();
    AWSXRayRecorder recorder = BadInput.recorder(strategy, emitted);
    Segment segment = recorder.beginSegment("direct");
    out.put("end()", BadInput.outcome(segment::end));
    out.put("isEmitted", segment.isEmitted());
    out.put("endSegment()", BadInput.outcome(() -> {
      recorder.endSegment();
      return null;
    }));
    recorder.clearTraceEntity();
    out.put("emitted", emitted);
    return out;
  }

  /** Ends a subsegment begun on this thread from another thread, each way there is. */
  public static Map<String, Object> endFromAnotherThread(String strategy) throws InterruptedException {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> emitted = new ArrayList<>();
    AWSXRayRecorder recorder = BadInput.recorder(strategy, emitted);
    recorder.beginSegment("threads");
    Subsegment first = recorder.beginSubsegment("by-reference");
    out.put("other thread: endSubsegment()", onAnotherThread(() -> {
      recorder.endSubsegment();
      return null;
    }));
    out.put("other thread: close()", onAnotherThread(() -> {
      first.close();
      return null;
    }));
    out.put("other thread: endSubsegment(sub)", onAnotherThread(() -> {
      recorder.endSubsegment(first);
      return null;
    }));
    out.put("after: in progress", first.isInProgress());
    out.put("after: current", BadInput.describe(recorder.getTraceEntity()));
    out.put("owner: endSubsegment()", BadInput.outcome(() -> {
      recorder.endSubsegment();
      return null;
    }));
    out.put("owner: current", BadInput.describe(recorder.getTraceEntity()));
    Subsegment second = recorder.beginSubsegment("handed-over");
    out.put("other thread: setTraceEntity + endSubsegment()", onAnotherThread(() -> {
      recorder.setTraceEntity(second);
      recorder.endSubsegment();
      return BadInput.describe(recorder.getTraceEntity());
    }));
    out.put("handed-over: in progress", second.isInProgress());
    out.put("owner: endSubsegment() of handed-over", BadInput.outcome(() -> {
      recorder.endSubsegment();
      return null;
    }));
    out.put("endSegment", BadInput.outcome(() -> {
      recorder.endSegment();
      return null;
    }));
    recorder.clearTraceEntity();
    out.put("emitted", emitted);
    return out;
  }

  /**
   * Ends a segment while one subsegment is open (ended later, from its reference) and, in a second
   * segment, while one is never ended.
   */
  public static Map<String, Object> openSubsegments() {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> emitted = new ArrayList<>();
    AWSXRayRecorder recorder = BadInput.recorder("LOG_ERROR", emitted);
    Segment segment = recorder.beginSegment("closed-early");
    Subsegment open = recorder.beginSubsegment("still-open");
    recorder.setTraceEntity(segment);
    recorder.beginSubsegment("done");
    recorder.endSubsegment();
    out.put("endSegment", BadInput.outcome(() -> {
      recorder.endSegment();
      return null;
    }));
    out.put("after endSegment", describeState(segment) + ", emitted " + emitted);
    out.put("endSubsegment(open)", BadInput.outcome(() -> {
      recorder.endSubsegment(open);
      return null;
    }));
    out.put("after the last end", describeState(segment) + ", emitted " + emitted);
    recorder.clearTraceEntity();
    Segment abandoned = recorder.beginSegment("abandoned-child");
    recorder.beginSubsegment("never-ended");
    recorder.setTraceEntity(abandoned);
    out.put("endSegment with a subsegment never ended", BadInput.outcome(() -> {
      recorder.endSegment();
      return null;
    }));
    out.put("abandoned", describeState(abandoned));
    recorder.clearTraceEntity();
    out.put("emitted", emitted);
    return out;
  }

  /**
   * Nests {@code depth} subsegments, each in the previous one: what {@code serialize()} gives at the
   * deepest point, then what the emitter receives once all end (the segment document's nesting).
   */
  public static Map<String, Object> deep(int depth) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> emitted = new ArrayList<>();
    AWSXRayRecorder recorder = BadInput.recorder("LOG_ERROR", emitted);
    Segment segment = recorder.beginSegment("deep");
    for (int i = 0; i < depth; i++) {
      recorder.beginSubsegment("level-" + i);
    }
    String open = segment.serialize();
    out.put("serialize at the deepest point", open.isEmpty() ? "empty" : "a document");
    out.put("endSubsegment at every level", BadInput.outcome(() -> {
      for (int i = 0; i < depth; i++) {
        recorder.endSubsegment();
      }
      return null;
    }));
    out.put("endSegment", BadInput.outcome(() -> {
      recorder.endSegment();
      return null;
    }));
    recorder.clearTraceEntity();
    out.put("emitted", emitted.size() <= 2000 ? emitted : summary(emitted));
    return out;
  }

  private static String summary(List<String> emitted) {
    return emitted.size() + " calls, first " + emitted.get(0) + ", last " + emitted.get(emitted.size() - 1);
  }

  private static String describeState(Segment segment) {
    return "in progress " + segment.isInProgress() + ", emitted " + segment.isEmitted()
        + ", reference count " + segment.getReferenceCount();
  }

  private static String onAnotherThread(final Callable<Object> call) throws InterruptedException {
    final String[] result = new String[1];
    Thread thread = new Thread(() -> result[0] = BadInput.outcome(call));
    thread.start();
    thread.join();
    return result[0];
  }
}
