package scenarios;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.ThrowableDescription;
import com.amazonaws.xray.listeners.SegmentListener;
import com.amazonaws.xray.strategy.ContextMissingStrategy;
import com.amazonaws.xray.strategy.IgnoreErrorContextMissingStrategy;
import com.amazonaws.xray.strategy.LogErrorContextMissingStrategy;
import com.amazonaws.xray.strategy.RuntimeErrorContextMissingStrategy;
import com.amazonaws.xray.strategy.sampling.AllSamplingStrategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Drives a recorder and reports what its listeners, emitter and context-missing strategy saw, as
 * lists and maps of strings. Compiled against the real X-Ray SDK; run on the real SDK and on the
 * shim.
 */
public final class Recorders {
  private Recorders() {}

  /** The callbacks a segment listener receives, in order, for a typical request. */
  public static List<String> listenerCallbacks() {
    final List<String> events = new ArrayList<>();
    final AWSXRayRecorder[] holder = new AWSXRayRecorder[1];
    AWSXRayRecorder recorder =
        AWSXRayRecorderBuilder.standard()
            .withSamplingStrategy(new AllSamplingStrategy())
            .withEmitter(new Emitter() {
              @Override
              public boolean sendSegment(Segment segment) {
                events.add("emitter.sendSegment " + segment.getName() + current(holder));
                return true;
              }

              @Override
              public boolean sendSubsegment(Subsegment subsegment) {
                events.add("emitter.sendSubsegment " + subsegment.getName());
                return true;
              }
            })
            .withSegmentListener(new SegmentListener() {
              @Override
              public void onBeginSegment(Segment segment) {
                events.add("onBeginSegment " + name(segment) + current(holder));
              }

              @Override
              public void onBeginSubsegment(Subsegment subsegment) {
                events.add("onBeginSubsegment " + name(subsegment) + current(holder));
              }

              @Override
              public void beforeEndSegment(Segment segment) {
                events.add("beforeEndSegment " + name(segment) + " inProgress=" + segment.isInProgress() + current(holder));
              }

              @Override
              public void afterEndSegment(Segment segment) {
                events.add("afterEndSegment " + name(segment) + " inProgress=" + segment.isInProgress() + current(holder));
              }

              @Override
              public void beforeEndSubsegment(Subsegment subsegment) {
                events.add("beforeEndSubsegment " + name(subsegment) + " inProgress=" + subsegment.isInProgress() + current(holder));
              }

              @Override
              public void afterEndSubsegment(Subsegment subsegment) {
                events.add("afterEndSubsegment " + name(subsegment) + " inProgress=" + subsegment.isInProgress() + current(holder));
              }

              @Override
              public void onSetEntity(Entity previous, Entity next) {
                events.add("onSetEntity " + name(previous) + " -> " + name(next) + current(holder));
              }

              @Override
              public void onClearEntity(Entity previous) {
                events.add("onClearEntity " + name(previous) + current(holder));
              }
            })
            .build();
    holder[0] = recorder;
    recorder.clearTraceEntity();
    events.clear();
    recorder.beginSegment("request");
    recorder.beginSubsegment("outer");
    recorder.beginSubsegment("inner");
    recorder.endSubsegment();
    recorder.endSubsegment();
    events.add("-- hand-off");
    Entity current = recorder.getTraceEntity();
    recorder.clearTraceEntity();
    recorder.setTraceEntity(current);
    events.add("-- subsegment ended by reference");
    Subsegment byReference = recorder.beginSubsegment("by-reference");
    recorder.endSubsegment(byReference);
    events.add("-- try-with-resources");
    try (Subsegment closed = recorder.beginSubsegment("closed")) {
      closed.putAnnotation("k", "v");
    }
    recorder.endSegment();
    recorder.clearTraceEntity();
    return events;
  }

  /**
   * What a custom emitter receives for a segment with {@code count} sequential subsegments: the
   * segment once when it ends, with the subsegments it still holds, and, past the streaming
   * threshold (100), streamed subsegments.
   */
  public static List<String> emitterCalls(int count) {
    final List<String> calls = new ArrayList<>();
    AWSXRayRecorder recorder =
        AWSXRayRecorderBuilder.standard()
            .withSamplingStrategy(new AllSamplingStrategy())
            .withEmitter(new Emitter() {
              @Override
              public boolean sendSegment(Segment segment) {
                calls.add("segment " + segment.getName() + " holding "
                    + segment.getSubsegmentsCopy().size() + " subsegments, emitted=" + segment.isEmitted());
                return true;
              }

              @Override
              public boolean sendSubsegment(Subsegment subsegment) {
                calls.add("subsegment " + subsegment.getName());
                return true;
              }
            })
            .build();
    recorder.beginSegment("batch");
    for (int i = 0; i < count; i++) {
      recorder.beginSubsegment("item-" + i);
      recorder.endSubsegment();
      if (i == count - 1) {
        calls.add("-- last subsegment ended");
      }
    }
    recorder.endSegment();
    recorder.clearTraceEntity();
    return calls;
  }

  /** A segment ended while its subsegment is still open on another thread. */
  public static List<String> segmentEndedBeforeItsSubsegment() throws Exception {
    final List<String> calls = new ArrayList<>();
    final AWSXRayRecorder recorder =
        AWSXRayRecorderBuilder.standard()
            .withSamplingStrategy(new AllSamplingStrategy())
            .withEmitter(new NameRecordingEmitter(calls))
            .build();
    Segment segment = recorder.beginSegment("async");
    final Subsegment[] open = new Subsegment[1];
    Thread worker = new Thread(() -> {
      recorder.setTraceEntity(segment);
      open[0] = recorder.beginSubsegment("background");
    });
    worker.start();
    worker.join();
    recorder.endSegment();
    calls.add("-- segment ended");
    recorder.endSubsegment(open[0]);
    calls.add("-- subsegment ended");
    recorder.clearTraceEntity();
    return calls;
  }

  /** What each call does without an entity in context, under the named strategy. */
  public static Map<String, String> contextMissing(String strategy) {
    ContextMissingStrategy chosen;
    if ("RUNTIME_ERROR".equals(strategy)) {
      chosen = new RuntimeErrorContextMissingStrategy();
    } else if ("IGNORE_ERROR".equals(strategy)) {
      chosen = new IgnoreErrorContextMissingStrategy();
    } else {
      chosen = new LogErrorContextMissingStrategy();
    }
    final AWSXRayRecorder recorder =
        AWSXRayRecorderBuilder.standard()
            .withSamplingStrategy(new AllSamplingStrategy())
            .withContextMissingStrategy(chosen)
            .build();
    Map<String, String> out = new LinkedHashMap<>();
    recorder.clearTraceEntity();
    out.put("beginSubsegment", outcome(() -> recorder.beginSubsegment("orphan")));
    recorder.clearTraceEntity();
    out.put("endSubsegment", outcome(() -> {
      recorder.endSubsegment();
      return null;
    }));
    out.put("endSubsegment(null)", outcome(() -> {
      recorder.endSubsegment(null);
      return null;
    }));
    out.put("endSegment", outcome(() -> {
      recorder.endSegment();
      return null;
    }));
    out.put("getCurrentSegment", outcome(recorder::getCurrentSegment));
    out.put("getCurrentSubsegment", outcome(recorder::getCurrentSubsegment));
    out.put("getCurrentSegmentOptional", outcome(() -> recorder.getCurrentSegmentOptional().isPresent()));
    out.put("getTraceEntity", outcome(recorder::getTraceEntity));
    out.put("currentTraceId", outcome(recorder::currentTraceId));
    out.put("currentEntityId", outcome(recorder::currentEntityId));
    out.put("currentFormattedId", outcome(recorder::currentFormattedId));
    out.put("beginSubsegmentWithoutSampling", outcome(() -> recorder.beginSubsegmentWithoutSampling("unsampled")));
    recorder.clearTraceEntity();
    recorder.beginSegment("has-no-subsegment");
    out.put("getCurrentSubsegment under a segment", outcome(recorder::getCurrentSubsegment));
    out.put("endSubsegment under a segment", outcome(() -> {
      recorder.endSubsegment();
      return null;
    }));
    Segment segment = recorder.getCurrentSegment();
    recorder.endSegment();
    out.put("putAnnotation after emit", outcome(() -> {
      segment.putAnnotation("late", "value");
      return segment.getAnnotations().containsKey("late");
    }));
    out.put("setFault after emit", outcome(() -> {
      segment.setFault(true);
      return segment.isFault();
    }));
    recorder.clearTraceEntity();
    return out;
  }

  /**
   * Gives the current segment a new id, then begins and ends a subsegment under it: where the
   * subsegment's document and the trace header sent downstream from it point, and what the emitter
   * receives.
   */
  public static Map<String, String> setIdOnTheCurrentSegment() {
    final String newId = "0123456789abcdef";
    List<String> calls = new ArrayList<>();
    AWSXRayRecorder recorder = AWSXRayRecorderBuilder.standard()
        .withSamplingStrategy(new AllSamplingStrategy())
        .withEmitter(new NameRecordingEmitter(calls))
        .build();
    Segment segment = recorder.beginSegment("renamed");
    segment.setId(newId);
    Subsegment subsegment = recorder.beginSubsegment("after-set-id");
    Map<String, String> out = new LinkedHashMap<>();
    out.put("segment id", segment.getId().equals(newId) ? "the new id" : segment.getId());
    out.put("subsegment's parent", subsegment.getParent() == segment ? "the segment" : "another entity");
    out.put("subsegment document names the new id as parent",
        String.valueOf(subsegment.streamSerialize().contains("\"parent_id\":\"" + newId + "\"")));
    out.put("current segment id", String.valueOf(recorder.getCurrentSegment().getId().equals(newId)));
    recorder.endSubsegment();
    recorder.endSegment();
    out.put("emitter", calls.toString());
    return out;
  }

  /** What the create* helpers record when the code they run throws, overload by overload. */
  public static Map<String, String> createHelpers() {
    final AWSXRayRecorder recorder =
        AWSXRayRecorderBuilder.standard()
            .withSamplingStrategy(new AllSamplingStrategy())
            .withEmitter(new Emitter() {
              @Override
              public boolean sendSegment(Segment segment) {
                return true;
              }

              @Override
              public boolean sendSubsegment(Subsegment subsegment) {
                return true;
              }
            })
            .build();
    Map<String, String> out = new LinkedHashMap<>();
    final Entity[] seen = new Entity[1];
    out.put("createSegment Function", afterThrow(seen, () -> recorder.createSegment("f",
        (Function<Segment, Object>) s -> {
          seen[0] = s;
          throw new IllegalStateException("function failed");
        })));
    out.put("createSegment Consumer", afterThrow(seen, () -> {
      recorder.createSegment("c", (Consumer<Segment>) s -> {
        seen[0] = s;
        throw new IllegalArgumentException("consumer failed");
      });
      return null;
    }));
    out.put("createSegment Supplier", afterThrow(seen, () -> recorder.createSegment("s",
        (Supplier<Object>) () -> {
          seen[0] = recorder.getTraceEntity();
          throw new UnsupportedOperationException("supplier failed");
        })));
    out.put("createSegment Runnable", afterThrow(seen, () -> {
      recorder.createSegment("r", (Runnable) () -> {
        seen[0] = recorder.getTraceEntity();
        throw new AssertionError("runnable failed");
      });
      return null;
    }));
    out.put("createSegment returns", String.valueOf(
        recorder.createSegment("ok", (Function<Segment, Object>) s -> "value")));
    recorder.beginSegment("parent");
    out.put("createSubsegment Function", afterThrow(seen, () -> recorder.createSubsegment("f",
        (Function<Subsegment, Object>) s -> {
          seen[0] = s;
          throw new IllegalStateException("function failed");
        })));
    out.put("createSubsegment Consumer", afterThrow(seen, () -> {
      recorder.createSubsegment("c", (Consumer<Subsegment>) s -> {
        seen[0] = s;
        throw new IllegalArgumentException("consumer failed");
      });
      return null;
    }));
    out.put("createSubsegment Supplier", afterThrow(seen, () -> recorder.createSubsegment("s",
        (Supplier<Object>) () -> {
          seen[0] = recorder.getTraceEntity();
          throw new UnsupportedOperationException("supplier failed");
        })));
    out.put("createSubsegment Runnable", afterThrow(seen, () -> {
      recorder.createSubsegment("r", (Runnable) () -> {
        seen[0] = recorder.getTraceEntity();
        throw new AssertionError("runnable failed");
      });
      return null;
    }));
    out.put("current after createSubsegment", name(recorder.getTraceEntity()));
    recorder.endSegment();
    recorder.clearTraceEntity();
    return out;
  }

  private static String afterThrow(Entity[] seen, Callable<Object> call) {
    seen[0] = null;
    String thrown;
    try {
      call.call();
      thrown = "nothing thrown";
    } catch (Throwable t) {
      thrown = "rethrew " + t.getClass().getName() + ": " + t.getMessage();
    }
    Entity entity = seen[0];
    if (entity == null) {
      return thrown + "; no entity";
    }
    StringBuilder sb = new StringBuilder(thrown);
    sb.append("; ").append(entity.getName())
        .append(" fault=").append(entity.isFault())
        .append(" error=").append(entity.isError())
        .append(" inProgress=").append(entity.isInProgress());
    for (ThrowableDescription d : entity.getCause().getExceptions()) {
      sb.append(" [").append(d.getType()).append(": ").append(d.getMessage()).append("]");
    }
    return sb.toString();
  }

  private static String outcome(Callable<Object> call) {
    try {
      Object result = call.call();
      if (result instanceof Entity) {
        return "returned an entity named " + ((Entity) result).getName()
            + " of type " + result.getClass().getSimpleName();
      }
      return "returned " + result;
    } catch (Throwable t) {
      return "threw " + t.getClass().getName() + ": " + t.getMessage();
    }
  }

  private static String current(AWSXRayRecorder[] holder) {
    return holder[0] == null ? "" : " (current: " + name(holder[0].getTraceEntity()) + ")";
  }

  private static String name(Entity entity) {
    return entity == null ? "null" : entity.getName();
  }
}
