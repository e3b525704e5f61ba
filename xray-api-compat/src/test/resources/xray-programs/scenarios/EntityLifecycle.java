package scenarios;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.SegmentImpl;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.SubsegmentImpl;
import com.amazonaws.xray.entities.TraceID;
import com.amazonaws.xray.strategy.ContextMissingStrategy;
import com.amazonaws.xray.strategy.DefaultStreamingStrategy;
import com.amazonaws.xray.strategy.RuntimeErrorContextMissingStrategy;
import com.amazonaws.xray.strategy.sampling.NoSamplingStrategy;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The life cycle of entities built and ended directly, without the recorder's begin and end calls:
 * which changes after an end are reported as "already emitted" to the context-missing strategy,
 * and what ending twice, or after streaming, does. Every public mutating method of {@code
 * SegmentImpl} and {@code SubsegmentImpl} is called, each on a fresh entity, in each state the
 * life cycle has. Compiled against the real X-Ray SDK; run on the real SDK and on the shim.
 */
public final class EntityLifecycle {
  private static final List<String> MUTATING_PREFIXES =
      Arrays.asList("set", "put", "add", "increment", "decrement", "remove", "compareAndSet", "end");

  private EntityLifecycle() {}

  /** The states {@link #mutators} knows, each named by how the entity got there. */
  public static List<String> states() {
    return Arrays.asList(
        "segment in progress",
        "segment ended",
        "segment ended with a subsegment open",
        "subsegment in progress",
        "subsegment ended, segment in progress",
        "subsegment ended after its segment",
        "subsegment ended before its segment ended",
        "subsegment streamed");
  }

  /**
   * For every public mutating method of the entity in {@code state} ({@code SegmentImpl} or {@code
   * SubsegmentImpl}): what the context-missing strategy was told, and whether the call threw. Key:
   * the method's name and parameter types; each call runs on a fresh entity in that state.
   */
  public static Map<String, String> mutators(String state) {
    Class<?> type = state.startsWith("segment") ? SegmentImpl.class : SubsegmentImpl.class;
    Map<String, String> out = new TreeMap<>();
    for (Method method : type.getMethods()) {
      if (!isMutator(method)) {
        continue;
      }
      Fixture fixture = new Fixture(new Recording());
      Entity entity = fixture.entityIn(state);
      Recording reports = (Recording) fixture.recorder.getContextMissingStrategy();
      reports.clear();
      String outcome;
      try {
        method.invoke(entity, fixture.arguments(method));
        outcome = "";
      } catch (InvocationTargetException e) {
        outcome = ", threw " + e.getCause().getClass().getSimpleName();
      } catch (IllegalAccessException e) {
        outcome = ", not accessible";
      }
      out.put(signature(method), "reported " + reports.messages() + outcome);
    }
    return out;
  }

  /**
   * The sequences the life cycle is known for, under {@code strategy} ({@code RECORDING}: every
   * report is kept and nothing throws; {@code RUNTIME_ERROR}: the real strategy that throws): per
   * step, what it returned or threw and what was reported, and where it leaves the entities.
   */
  public static Map<String, String> sequences(String strategy) {
    Map<String, String> out = new LinkedHashMap<>();
    endedTwice(new Fixture(strategy), out);
    endedAfterItsSegment(new Fixture(strategy), out);
    endedTwiceWhileItsSegmentIsOpen(new Fixture(strategy), out);
    endedAgainAfterManySiblings(new Fixture(strategy), out);
    endedAgainAfterStreaming(new Fixture(strategy), out);
    streamedTree(new Fixture(strategy), out);
    return out;
  }

  private static void endedTwice(Fixture f, Map<String, String> out) {
    Segment segment = f.segment("twice");
    f.step(out, "segment end()", segment::end);
    f.step(out, "segment end() again", segment::end);
    f.step(out, "segment putAnnotation after end", () -> {
      segment.putAnnotation("late", "value");
      return segment.getAnnotations().containsKey("late") ? "applied" : "not applied";
    });
  }

  private static void endedAfterItsSegment(Fixture f, Map<String, String> out) {
    Segment parent = f.segment("parent");
    Subsegment sub = f.subsegment("sub", parent);
    f.step(out, "ended after its segment: segment end()", parent::end);
    f.step(out, "ended after its segment: subsegment end()", sub::end);
    f.state(out, "ended after its segment: state", parent, sub);
    f.step(out, "ended after its segment: subsegment end() again", sub::end);
    f.step(out, "ended after its segment: segment end() again", parent::end);
  }

  private static void endedTwiceWhileItsSegmentIsOpen(Fixture f, Map<String, String> out) {
    Segment open = f.segment("open");
    Subsegment early = f.subsegment("early", open);
    f.step(out, "ended twice, segment open: subsegment end()", early::end);
    f.step(out, "ended twice, segment open: subsegment end() again", early::end);
    f.step(out, "ended twice, segment open: segment end()", open::end);
    f.state(out, "ended twice, segment open: state", open, early);
    f.step(out, "ended twice, segment open: subsegment end() a third time", early::end);
  }

  /** The real SDK's own test of ending after streaming: without a recorder, nothing streams. */
  private static void endedAgainAfterManySiblings(Fixture f, Map<String, String> out) {
    Segment segment = f.segment("streamed");
    Subsegment first = f.subsegment("first", segment);
    f.step(out, "many siblings: first subsegment end()", first::end);
    f.step(out, "many siblings: 100 more subsegments, each ended", () -> {
      for (int i = 0; i < 100; i++) {
        f.subsegment("more-" + i, segment).end();
      }
      return null;
    });
    f.step(out, "many siblings: segment end()", segment::end);
    f.step(out, "many siblings: first subsegment end() again", first::end);
  }

  private static void endedAgainAfterStreaming(Fixture f, Map<String, String> out) {
    Segment segment = f.segment("with-stream");
    Subsegment sent = f.subsegment("sent", segment);
    f.step(out, "streamSome: subsegment end()", sent::end);
    f.step(out, "streamSome: streamSome(segment)", () -> {
      new DefaultStreamingStrategy(1).streamSome(segment, f.recorder.getEmitter());
      return null;
    });
    f.state(out, "streamSome: state", segment, sent);
    f.step(out, "streamSome: subsegment putAnnotation", () -> {
      sent.putAnnotation("late", "value");
      return null;
    });
    f.step(out, "streamSome: subsegment end() again", sent::end);
    f.step(out, "streamSome: emitter", f::sent);
  }

  /**
   * Streaming a tree: finished leaves and finished subsegments whose own subsegments all went are
   * sent, children first, and leave their parents; the rest stays.
   */
  private static void streamedTree(Fixture f, Map<String, String> out) {
    Segment segment = f.segment("tree");
    Subsegment a = f.subsegment("a", segment);
    Subsegment b = f.subsegment("b", segment);
    Subsegment b1 = f.child("b1", segment, b);
    f.child("b2", segment, b);
    f.subsegment("c", segment);
    Subsegment d = f.subsegment("d", segment);
    Subsegment d1 = f.child("d1", segment, d);
    Subsegment d1x = f.child("d1x", segment, d1);
    Subsegment e = f.subsegment("e", segment);
    a.end();
    b1.end();
    b.end();
    d1x.end();
    d1.end();
    d.end();
    e.end();
    f.step(out, "tree: streamSome(segment)", () -> {
      new DefaultStreamingStrategy(1).streamSome(segment, f.recorder.getEmitter());
      return null;
    });
    out.put("tree: sent", String.valueOf(f.sent()));
    out.put("tree: left", tree(segment));
    out.put("tree: total size", String.valueOf(segment.getTotalSize().intValue()));
  }

  private static String tree(Entity entity) {
    StringBuilder sb = new StringBuilder(entity.getName());
    List<Subsegment> children = entity.getSubsegments();
    if (!children.isEmpty()) {
      sb.append('[');
      for (int i = 0; i < children.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(tree(children.get(i)));
      }
      sb.append(']');
    }
    return sb.toString();
  }

  private static boolean isMutator(Method method) {
    if (Modifier.isStatic(method.getModifiers()) || method.getName().equals("setCreator")) {
      // setCreator would take the recording strategy away (the real SDK's own test skips it too).
      return false;
    }
    for (String prefix : MUTATING_PREFIXES) {
      if (method.getName().startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static String signature(Method method) {
    StringBuilder out = new StringBuilder(method.getName()).append('(');
    Class<?>[] parameters = method.getParameterTypes();
    for (int i = 0; i < parameters.length; i++) {
      out.append(i == 0 ? "" : ", ").append(parameters[i].getSimpleName());
    }
    return out.append(')').toString();
  }

  /** A context-missing strategy that keeps what it is told and throws nothing. */
  static final class Recording implements ContextMissingStrategy {
    private final List<String> messages = new ArrayList<>();

    @Override
    public void contextMissing(String message, Class<? extends RuntimeException> exceptionClass) {
      messages.add(exceptionClass.getSimpleName() + " " + message);
    }

    synchronized List<String> messages() {
      return new ArrayList<>(messages);
    }

    synchronized void clear() {
      messages.clear();
    }
  }

  /** A recorder (never sampling, as the real SDK's own tests have it) and entities built on it. */
  static final class Fixture {
    final AWSXRayRecorder recorder;
    private final List<String> sent = new ArrayList<>();

    Fixture(String strategy) {
      this("RUNTIME_ERROR".equals(strategy) ? new RuntimeErrorContextMissingStrategy() : new Recording());
    }

    Fixture(ContextMissingStrategy strategy) {
      recorder = AWSXRayRecorderBuilder.standard()
          .withSamplingStrategy(new NoSamplingStrategy())
          .withContextMissingStrategy(strategy)
          .withEmitter(new NameRecordingEmitter(sent))
          .build();
    }

    Segment segment(String name) {
      return new SegmentImpl(recorder, name);
    }

    Subsegment subsegment(String name, Segment parent) {
      Subsegment subsegment = new SubsegmentImpl(recorder, name, parent);
      parent.addSubsegment(subsegment);
      return subsegment;
    }

    /** A subsegment of {@code segment} under {@code parent}, another subsegment of it. */
    Subsegment child(String name, Segment segment, Subsegment parent) {
      Subsegment subsegment = new SubsegmentImpl(recorder, name, segment);
      subsegment.setParent(parent);
      parent.addSubsegment(subsegment);
      return subsegment;
    }

    List<String> sent() {
      return new ArrayList<>(sent);
    }

    Entity entityIn(String state) {
      Segment segment = segment("segment");
      switch (state) {
        case "segment in progress":
          return segment;
        case "segment ended":
          segment.end();
          return segment;
        case "segment ended with a subsegment open":
          subsegment("open", segment);
          segment.end();
          return segment;
        default:
          break;
      }
      Subsegment subsegment = subsegment("subsegment", segment);
      switch (state) {
        case "subsegment in progress":
          return subsegment;
        case "subsegment ended, segment in progress":
          subsegment.end();
          return subsegment;
        case "subsegment ended after its segment":
          segment.end();
          subsegment.end();
          return subsegment;
        case "subsegment ended before its segment ended":
          subsegment.end();
          segment.end();
          return subsegment;
        case "subsegment streamed":
          subsegment.end();
          new DefaultStreamingStrategy(1).streamSome(segment, recorder.getEmitter());
          return subsegment;
        default:
          throw new IllegalArgumentException("Unknown state: " + state);
      }
    }

    /** Arguments of the right types that are valid, so that only the life cycle decides. */
    Object[] arguments(Method method) {
      Class<?>[] types = method.getParameterTypes();
      Object[] out = new Object[types.length];
      for (int i = 0; i < types.length; i++) {
        out[i] = argument(types[i]);
      }
      return out;
    }

    private Object argument(Class<?> type) {
      if (type == boolean.class || type == Boolean.class) {
        return false;
      } else if (type == double.class) {
        return 1.5;
      } else if (type == String.class || type == Object.class) {
        return "value";
      } else if (type == Number.class) {
        return 1;
      } else if (type == java.util.Map.class) {
        return new HashMap<String, Object>();
      } else if (type == java.util.Set.class) {
        return new HashSet<String>();
      } else if (type == Throwable.class) {
        return new IllegalStateException("argument");
      } else if (type == ReentrantLock.class) {
        return new ReentrantLock();
      } else if (type == TraceID.class) {
        return TraceID.create(recorder);
      } else if (type == AWSXRayRecorder.class) {
        return recorder;
      } else if (type == Subsegment.class) {
        return new SubsegmentImpl(recorder, "argument", segment("argument-parent"));
      } else if (type == Segment.class || type == Entity.class) {
        return segment("argument");
      }
      throw new IllegalArgumentException("No argument for " + type);
    }

    void step(Map<String, String> out, String name, java.util.concurrent.Callable<Object> call) {
      ContextMissingStrategy strategy = recorder.getContextMissingStrategy();
      if (strategy instanceof Recording) {
        ((Recording) strategy).clear();
      }
      String outcome;
      try {
        Object result = call.call();
        outcome = "returned " + result;
      } catch (Throwable t) {
        outcome = "threw " + t.getClass().getSimpleName() + ": " + t.getMessage();
      }
      if (strategy instanceof Recording) {
        outcome += ", reported " + ((Recording) strategy).messages();
      }
      out.put(name, outcome);
    }

    void state(Map<String, String> out, String name, Segment segment, Subsegment subsegment) {
      out.put(name, "segment emitted " + segment.isEmitted() + ", subsegment emitted "
          + subsegment.isEmitted() + ", segment's subsegments " + segment.getSubsegments().size()
          + ", segment's reference count " + segment.getReferenceCount());
    }
  }
}
