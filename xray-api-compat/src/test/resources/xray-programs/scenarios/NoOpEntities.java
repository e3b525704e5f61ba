package scenarios;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.DummySegment;
import com.amazonaws.xray.entities.DummySubsegment;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.TraceHeader;
import com.amazonaws.xray.entities.TraceID;
import com.amazonaws.xray.strategy.IgnoreErrorContextMissingStrategy;
import com.amazonaws.xray.strategy.sampling.NoSamplingStrategy;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reports, getter by getter, what the entities that record nothing return: the no-op segment and
 * subsegment (unsampled requests, missing context) and the public dummy segment and subsegment.
 * Every public no-argument query method of {@code Entity}, {@code Segment} and {@code Subsegment}
 * is called and its value (or the exception it throws) rendered as a string; ids, times and
 * objects are rendered by what they are relative to the entity, so runs compare. Compiled against
 * the real X-Ray SDK; run on the real SDK and on the shim.
 */
public final class NoOpEntities {
  public static final String TRACE_ID = "1-5759e988-bd862e3fe1be46a994272793";

  private NoOpEntities() {}

  /** The kinds {@link #getters} and {@link #gettersAfterWrites} know. */
  public static List<String> kinds() {
    List<String> kinds = new ArrayList<>();
    kinds.add("noOpSegment");
    kinds.add("recorderNoOpSegment");
    kinds.add("unsampledSegment");
    kinds.add("noOpSubsegment");
    kinds.add("unsampledSubsegment");
    kinds.add("contextMissingSubsegment");
    kinds.add("dummySegment");
    kinds.add("dummySubsegment");
    return kinds;
  }

  /** Every query method of a fresh entity of {@code kind}: {@code name -> value}, sorted. */
  public static Map<String, String> getters(String kind) {
    Fixture fixture = new Fixture();
    Entity entity = fixture.create(kind);
    return queries(fixture, entity);
  }

  /**
   * What every setter and {@code put*} returns or throws on an entity of {@code kind}, then its
   * query methods and what writing into the maps and lists it returns does.
   */
  public static Map<String, String> gettersAfterWrites(String kind) {
    Fixture fixture = new Fixture();
    Entity entity = fixture.create(kind);
    Map<String, String> out = new TreeMap<>();
    out.put("write setId", attempt(() -> entity.setId("0123456789abcdef")));
    out.put("write setParentId", attempt(() -> entity.setParentId("0123456789abcdef")));
    out.put("write setNamespace", attempt(() -> entity.setNamespace("remote")));
    out.put("write setStartTime", attempt(() -> entity.setStartTime(1.5)));
    out.put("write setEndTime", attempt(() -> entity.setEndTime(2.5)));
    out.put("write setFault", attempt(() -> entity.setFault(true)));
    out.put("write setError", attempt(() -> entity.setError(true)));
    out.put("write setThrottle", attempt(() -> entity.setThrottle(true)));
    out.put("write setInProgress", attempt(() -> entity.setInProgress(true)));
    out.put("write putAnnotation", attempt(() -> entity.putAnnotation("putAnnotation", "v")));
    out.put("write putMetadata", attempt(() -> entity.putMetadata("ns", "putMetadata", "v")));
    out.put("write putHttp", attempt(() -> entity.putHttp("putHttp", "v")));
    out.put("write putAws", attempt(() -> entity.putAws("putAws", "v")));
    out.put("write putSql", attempt(() -> entity.putSql("putSql", "v")));
    out.put("write addException", attempt(() -> entity.addException(new IllegalStateException("x"))));
    out.put("write incrementReferenceCount", attempt(entity::incrementReferenceCount));
    out.put("write getSubsegmentsLock() lock then unlock", attempt(() -> {
      entity.getSubsegmentsLock().lock();
      entity.getSubsegmentsLock().unlock();
    }));
    out.put("write setAnnotations", attempt(() -> entity.setAnnotations(single("setAnnotations"))));
    out.put("write setHttp", attempt(() -> entity.setHttp(single("setHttp"))));
    out.put("write setMetadata", attempt(() -> entity.setMetadata(new TreeMap<>())));
    out.put("write getAnnotations().put", attempt(() -> entity.getAnnotations().put("annotations.put", "v")));
    out.put("write getMetadata().put", attempt(() -> entity.getMetadata().put("metadata.put", new TreeMap<>())));
    out.put("write getHttp().put", attempt(() -> entity.getHttp().put("http.put", "v")));
    out.put("write getSubsegments().add", attempt(() -> entity.getSubsegments().add(null)));
    if (entity instanceof Segment) {
      Segment segment = (Segment) entity;
      out.put("write setUser", attempt(() -> segment.setUser("alice")));
      out.put("write setOrigin", attempt(() -> segment.setOrigin("AWS::EC2::Instance")));
      out.put("write setResourceArn", attempt(() -> segment.setResourceArn("arn:aws:x")));
      out.put("write putService", attempt(() -> segment.putService("putService", "v")));
      out.put("write setSampled", attempt(() -> segment.setSampled(true)));
      out.put("write end", attempt(segment::end));
      out.put("write setService", attempt(() -> segment.setService(single("setService"))));
      out.put("write getService().put", attempt(() -> segment.getService().put("service.put", "v")));
    }
    if (entity instanceof Subsegment) {
      Subsegment subsegment = (Subsegment) entity;
      out.put("write addPrecursorId", attempt(() -> subsegment.addPrecursorId("0123456789abcdef")));
      out.put("write end", attempt(subsegment::end));
      out.put("write setPrecursorIds", attempt(() -> subsegment.setPrecursorIds(new TreeSet<>(single("setPrecursorIds").keySet()))));
      out.put("write getPrecursorIds().add", attempt(() -> subsegment.getPrecursorIds().add("precursorIds.add")));
    }
    out.putAll(queries(fixture, entity));
    return out;
  }

  /**
   * The trace header that continues the trace of an entity of {@code kind} (what instrumented
   * clients send downstream), and the recorder's ids for it while it is current.
   */
  public static Map<String, String> propagation(String kind) {
    Fixture fixture = new Fixture();
    Entity entity = fixture.create(kind);
    Map<String, String> out = new TreeMap<>();
    out.put("header", TraceHeader.fromEntity(entity).toString().replace(TRACE_ID, "<trace id>"));
    fixture.recorder.setTraceEntity(entity);
    out.put("currentEntityId", String.valueOf(fixture.recorder.currentEntityId()));
    String own = entity.getTraceId().toString();
    String segments = entity.getParentSegment().getTraceId().toString();
    out.put("its trace id and its segment's", own.equals(segments) ? "same" : "differ");
    out.put("currentTraceId", String.valueOf(fixture.recorder.currentTraceId())
        .replace(own, "<its trace id>").replace(segments, "<its segment's trace id>"));
    out.put("currentFormattedId", String.valueOf(fixture.recorder.currentFormattedId())
        .replace(own, "<its trace id>").replace(segments, "<its segment's trace id>"));
    fixture.recorder.clearTraceEntity();
    return out;
  }

  private static Map<String, String> queries(Fixture fixture, Entity entity) {
    Map<String, String> out = new TreeMap<>();
    for (Method method : queryMethods(entity)) {
      String value;
      try {
        value = fixture.render(entity, method.getName(), method.invoke(entity));
      } catch (InvocationTargetException e) {
        value = "threw " + e.getCause().getClass().getName();
      } catch (ReflectiveOperationException e) {
        value = "cannot call: " + e;
      }
      out.put(method.getName(), value);
    }
    return out;
  }

  /** Public no-argument query methods the X-Ray interfaces declare that {@code entity} implements. */
  private static List<Method> queryMethods(Entity entity) {
    List<Class<?>> types = new ArrayList<>();
    types.add(Entity.class);
    if (entity instanceof Segment) {
      types.add(Segment.class);
    }
    if (entity instanceof Subsegment) {
      types.add(Subsegment.class);
    }
    Map<String, Method> methods = new TreeMap<>();
    for (Class<?> type : types) {
      for (Method method : type.getMethods()) {
        if (method.getParameterCount() == 0
            && !Modifier.isStatic(method.getModifiers())
            && isQuery(method.getName())) {
          methods.put(method.getName(), method);
        }
      }
    }
    return new ArrayList<>(methods.values());
  }

  private static boolean isQuery(String name) {
    return name.startsWith("get")
        || name.startsWith("is")
        || name.startsWith("has")
        || name.startsWith("should")
        || name.endsWith("erialize");
  }

  private static Map<String, Object> single(String key) {
    Map<String, Object> map = new TreeMap<>();
    map.put(key, "v");
    return map;
  }

  private static String attempt(Runnable write) {
    try {
      write.run();
      return "ok";
    } catch (RuntimeException e) {
      return "threw " + e.getClass().getName();
    }
  }

  /** A recorder and the entities of each kind, and how to render what their getters return. */
  private static final class Fixture {
    final TraceID traceId = TraceID.fromString(TRACE_ID);
    final AWSXRayRecorder recorder =
        AWSXRayRecorderBuilder.standard()
            .withSamplingStrategy(new NoSamplingStrategy())
            .withContextMissingStrategy(new IgnoreErrorContextMissingStrategy())
            .build();
    Segment segment;

    Entity create(String kind) {
      switch (kind) {
        case "noOpSegment":
          return segment = Segment.noOp(traceId, recorder);
        case "recorderNoOpSegment":
          return segment = recorder.beginNoOpSegment(traceId);
        case "unsampledSegment":
          return segment = recorder.beginSegmentWithSampling("request");
        case "noOpSubsegment":
          segment = Segment.noOp(traceId, recorder);
          return Subsegment.noOp(segment, recorder);
        case "unsampledSubsegment":
          segment = recorder.beginSegmentWithSampling("request");
          return recorder.beginSubsegment("child");
        case "contextMissingSubsegment":
          return recorder.beginSubsegment("orphan");
        case "dummySegment":
          return segment = new DummySegment(recorder, "dummy", traceId);
        case "dummySubsegment":
          return new DummySubsegment(recorder, traceId);
        default:
          throw new IllegalArgumentException(kind);
      }
    }

    String render(Entity entity, String name, Object value) {
      if (value == null) {
        return "null";
      }
      if (name.endsWith("Id") && value instanceof String) {
        String id = (String) value;
        return id.isEmpty() ? "\"\"" : "id of length " + id.length();
      }
      if (name.endsWith("Time") && value instanceof Double) {
        double time = (Double) value;
        return time == 0 || time == 1.5 || time == 2.5 ? String.valueOf(time) : "clock time";
      }
      if (value instanceof String) {
        return "\"" + value + "\"";
      }
      if (value == entity) {
        return "itself";
      }
      if (value == segment) {
        return "its segment";
      }
      if (value == recorder) {
        return "the recorder";
      }
      if (value instanceof TraceID) {
        return value.equals(traceId) ? "the trace id" : "TraceID " + (value.toString().startsWith("1-00000000-") ? "invalid" : "other");
      }
      if (value instanceof Entity) {
        Entity other = (Entity) value;
        return "another " + other.getClass().getSimpleName()
            + " named \"" + other.getName() + "\" sampled=" + other.isSampled();
      }
      if (value instanceof Map) {
        return "map " + new TreeMap<>((Map<?, ?>) value);
      }
      if (value instanceof Collection) {
        return "collection " + new TreeSet<>(stringsOf((Collection<?>) value));
      }
      if (value instanceof Enum) {
        return "enum " + ((Enum<?>) value).name();
      }
      if (value instanceof Number || value instanceof Boolean) {
        return String.valueOf(value);
      }
      if (value instanceof java.util.concurrent.locks.ReentrantLock) {
        return "a lock";
      }
      if (value instanceof com.amazonaws.xray.entities.Cause) {
        com.amazonaws.xray.entities.Cause cause = (com.amazonaws.xray.entities.Cause) value;
        return "Cause exceptions=" + cause.getExceptions().size()
            + " paths=" + cause.getPaths().size() + " id=" + cause.getId()
            + " message=" + cause.getMessage()
            + " workingDirectory=" + (cause.getWorkingDirectory() == null ? "null" : "set");
      }
      return "a " + value.getClass().getName();
    }

    private static List<String> stringsOf(Collection<?> values) {
      List<String> out = new ArrayList<>();
      for (Object v : values) {
        out.add(String.valueOf(v));
      }
      return out;
    }
  }
}
