package com.amazonaws.xray.contexts;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Entity;
import com.amazonaws.xray.entities.FacadeSegment;
import com.amazonaws.xray.entities.NoOpSegment;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.entities.TraceHeader;
import com.amazonaws.xray.entities.TraceID;
import dev.tracekit.compat.core.TraceKit;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.api.AttributeKey;
import dev.tracekit.compat.core.api.Span;
import dev.tracekit.compat.core.api.SpanKind;
import dev.tracekit.compat.core.trace.RecordingExporter;
import dev.tracekit.compat.core.trace.SpanData;
import dev.tracekit.compat.xray.TraceKitIds;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaSegmentContextTest {
  private final RecordingExporter exporter = new RecordingExporter();
  private final Map<String, String> environment = new ConcurrentHashMap<>();
  private final Map<String, String> properties = new ConcurrentHashMap<>();
  private final ThreadLocal<String> runtimeHeader = new ThreadLocal<>();
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private AWSXRayRecorder recorder;

  @BeforeEach
  void init() {
    // A schedule delay far beyond the test: spans arrive only because something flushed.
    TraceKit.init(
        TraceKitConfig.builder()
            .setSpanExporter(exporter)
            .setScheduleDelay(1, TimeUnit.HOURS)
            .setShutdownHook(false)
            .build());
    environment.put(LambdaEnvironment.TASK_ROOT_KEY, "/var/task");
    SegmentContextResolverChain chain = new SegmentContextResolverChain();
    chain.addResolver(new LambdaSegmentContextResolver(lambdaEnvironment(null)));
    chain.addResolver(new ThreadLocalSegmentContextResolver());
    recorder = AWSXRayRecorderBuilder.standard().build();
    recorder.setSegmentContextResolverChain(chain);
  }

  @AfterEach
  void shutdown() {
    pool.shutdownNow();
    recorder.clearTraceEntity();
    TraceKit.shutdown();
  }

  private LambdaEnvironment lambdaEnvironment(File initializedFile) {
    return new LambdaEnvironment(
        environment::get, properties::get, key -> runtimeHeader.get(), initializedFile);
  }

  /** Sets {@code _X_AMZN_TRACE_ID} to a new sampled invocation and returns its header. */
  private TraceHeader newInvocation(TraceHeader.SampleDecision decision) {
    TraceHeader header = new TraceHeader(TraceID.create(), Entity.generateId(), decision);
    environment.put(LambdaEnvironment.TRACE_HEADER_KEY, header.toString());
    return header;
  }

  private List<SpanData> serverSpans() {
    return exporter.spans().stream()
        .filter(span -> span.getKind() == SpanKind.SERVER)
        .collect(Collectors.toList());
  }

  private SpanData invocationSpanOf(TraceHeader header) {
    List<SpanData> matching =
        serverSpans().stream()
            .filter(
                span ->
                    span.getSpanContext()
                        .getTraceId()
                        .equals(TraceKitIds.hex(header.getRootTraceId())))
            .collect(Collectors.toList());
    assertThat(matching).as("invocation spans of %s", header).hasSize(1);
    return matching.get(0);
  }

  @Test
  void subsegmentsAreChildrenOfAnInvocationSpanThatContinuesTheHeader() {
    TraceHeader header = newInvocation(TraceHeader.SampleDecision.SAMPLED);

    Subsegment work = recorder.beginSubsegment("handler-work");
    Subsegment query = recorder.beginSubsegment("query");
    query.putAnnotation("table", "orders");
    recorder.endSubsegment();
    recorder.endSubsegment();

    // No flush here: ending the invocation's last subsegment flushed.
    assertThat(exporter.spans()).hasSize(3);
    SpanData invocation = invocationSpanOf(header);
    SpanData workSpan = exporter.byName("handler-work");
    SpanData querySpan = exporter.byName("query");
    String traceId = TraceKitIds.hex(header.getRootTraceId());

    assertThat(invocation.getSpanContext().getTraceId()).isEqualTo(traceId);
    assertThat(invocation.getParentSpanContext().getSpanId()).isEqualTo(header.getParentId());
    assertThat(invocation.getParentSpanContext().isRemote()).isTrue();
    assertThat(invocation.getSpanContext().getSpanId()).isNotEqualTo(header.getParentId());
    assertThat(invocation.getAttributes().get(AttributeKey.stringKey("cloud.provider"))).isEqualTo("aws");

    assertThat(workSpan.getSpanContext().getTraceId()).isEqualTo(traceId);
    assertThat(workSpan.getParentSpanContext().getSpanId())
        .isEqualTo(invocation.getSpanContext().getSpanId());
    assertThat(querySpan.getParentSpanContext().getSpanId()).isEqualTo(work.getId());
    assertThat(querySpan.getAttributes().get(AttributeKey.stringKey("table"))).isEqualTo("orders");
    assertThat(invocation.getStartEpochNanos()).isLessThanOrEqualTo(workSpan.getStartEpochNanos());
    assertThat(invocation.getEndEpochNanos()).isGreaterThanOrEqualTo(workSpan.getEndEpochNanos());

    // The X-Ray view is the SDK's: the subsegment hangs under the Lambda segment of the header.
    assertThat(work.getParentSegment()).isInstanceOf(FacadeSegment.class);
    assertThat(work.getParentSegment().getId()).isEqualTo(header.getParentId());
    assertThat(work.streamSerialize()).contains("\"parent_id\":\"" + header.getParentId() + "\"");
    assertThat(recorder.getTraceEntity()).isNull();
    assertThat(TraceKit.currentSpan()).isSameAs(Span.invalid());
  }

  @Test
  void invocationSpanIsExportedOnceWhenTheInvocationBeginsSubsegmentsAgain() {
    TraceHeader header = newInvocation(TraceHeader.SampleDecision.SAMPLED);

    recorder.beginSubsegment("first");
    recorder.endSubsegment();
    assertThat(exporter.spans()).extracting(SpanData::getName).contains("first");
    assertThat(serverSpans()).hasSize(1);

    Subsegment second = recorder.beginSubsegment("second");
    recorder.endSubsegment();

    SpanData invocation = invocationSpanOf(header);
    assertThat(serverSpans()).hasSize(1);
    assertThat(exporter.byName("second").getParentSpanContext().getSpanId())
        .isEqualTo(invocation.getSpanContext().getSpanId());
    assertThat(second.getParentSegment().getId()).isEqualTo(header.getParentId());
  }

  @Test
  void anAsyncSubsegmentEndingLastEndsTheInvocation() throws Exception {
    TraceHeader header = newInvocation(TraceHeader.SampleDecision.SAMPLED);
    Subsegment handler = recorder.beginSubsegment("handler");
    CountDownLatch begun = new CountDownLatch(1);
    CountDownLatch handlerEnded = new CountDownLatch(1);
    Future<Subsegment> async =
        pool.submit(
            () -> {
              recorder.setTraceEntity(handler);
              Subsegment sub = recorder.beginSubsegment("async");
              begun.countDown();
              handlerEnded.await(10, TimeUnit.SECONDS);
              recorder.endSubsegment();
              recorder.clearTraceEntity();
              return sub;
            });
    assertThat(begun.await(10, TimeUnit.SECONDS)).isTrue();
    recorder.endSubsegment();
    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(serverSpans()).isEmpty();

    handlerEnded.countDown();
    Subsegment asyncSubsegment = async.get(10, TimeUnit.SECONDS);

    SpanData invocation = invocationSpanOf(header);
    SpanData asyncSpan = exporter.byName("async");
    assertThat(asyncSpan.getParentSpanContext().getSpanId()).isEqualTo(handler.getId());
    assertThat(asyncSubsegment.getParentSegment()).isSameAs(handler.getParentSegment());
    assertThat(invocation.getEndEpochNanos()).isGreaterThanOrEqualTo(asyncSpan.getEndEpochNanos());
  }

  @Test
  void unsampledHeaderExportsNothing() {
    TraceHeader header = newInvocation(TraceHeader.SampleDecision.NOT_SAMPLED);

    Subsegment work = recorder.beginSubsegment("work");
    Subsegment nested = recorder.beginSubsegment("nested");
    TraceKit.startSpan("tracekit-inside").end();
    recorder.endSubsegment();
    recorder.endSubsegment();

    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(exporter.spans()).isEmpty();
    assertThat(work.isSampled()).isFalse();
    assertThat(nested.isSampled()).isFalse();
    assertThat(work.getTraceId()).isEqualTo(header.getRootTraceId());
    assertThat(work.getParentSegment()).isInstanceOf(FacadeSegment.class);
    assertThat(recorder.getTraceEntity()).isNull();
  }

  @Test
  void incompleteHeaderRecordsNothing() {
    TraceID root = TraceID.create();
    environment.put(LambdaEnvironment.TRACE_HEADER_KEY, new TraceHeader(root).toString());

    Subsegment work = recorder.beginSubsegment("work");
    recorder.endSubsegment();

    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(exporter.spans()).isEmpty();
    assertThat(work.isSampled()).isFalse();
    assertThat(work.getParentSegment()).isInstanceOf(NoOpSegment.class);
    assertThat(work.getTraceId()).isEqualTo(root);
    assertThat(recorder.getTraceEntity()).isNull();
  }

  @Test
  void aNewTraceHeaderStartsANewInvocation() {
    TraceHeader first = newInvocation(TraceHeader.SampleDecision.SAMPLED);
    recorder.beginSubsegment("first-work");
    recorder.endSubsegment();
    TraceHeader second = newInvocation(TraceHeader.SampleDecision.SAMPLED);
    recorder.beginSubsegment("second-work");
    recorder.endSubsegment();

    assertThat(serverSpans()).hasSize(2);
    SpanData firstInvocation = invocationSpanOf(first);
    SpanData secondInvocation = invocationSpanOf(second);
    assertThat(firstInvocation.getParentSpanContext().getSpanId()).isEqualTo(first.getParentId());
    assertThat(secondInvocation.getParentSpanContext().getSpanId()).isEqualTo(second.getParentId());
    assertThat(exporter.byName("first-work").getParentSpanContext())
        .isEqualTo(firstInvocation.getSpanContext());
    assertThat(exporter.byName("second-work").getParentSpanContext())
        .isEqualTo(secondInvocation.getSpanContext());
  }

  @Test
  void aNewTraceHeaderEndsAnInvocationWhoseSubsegmentWasLeftOpen() {
    TraceHeader first = newInvocation(TraceHeader.SampleDecision.SAMPLED);
    Subsegment leaked = recorder.beginSubsegment("leaked");
    TraceHeader second = newInvocation(TraceHeader.SampleDecision.SAMPLED);

    Subsegment next = recorder.beginSubsegment("next");
    recorder.endSubsegment();

    assertThat(next.getTraceId()).isEqualTo(second.getRootTraceId());
    assertThat(next.getParent()).isNotSameAs(leaked);
    SpanData firstInvocation = invocationSpanOf(first);
    assertThat(firstInvocation.getAttributes().get(AttributeKey.longKey("aws.xray.lambda.open_subsegments")))
        .isEqualTo(1L);
    assertThat(invocationSpanOf(second).getAttributes().get(AttributeKey.longKey("aws.xray.lambda.open_subsegments")))
        .isNull();
    assertThat(exporter.spans()).extracting(SpanData::getName).doesNotContain("leaked");
  }

  @Test
  void concurrentInvocationsWithPerThreadHeadersDoNotEndEachOther() throws Exception {
    TraceHeader a = new TraceHeader(TraceID.create(), Entity.generateId(), TraceHeader.SampleDecision.SAMPLED);
    TraceHeader b = new TraceHeader(TraceID.create(), Entity.generateId(), TraceHeader.SampleDecision.SAMPLED);
    CountDownLatch aBegun = new CountDownLatch(1);
    CountDownLatch bEnded = new CountDownLatch(1);
    Future<?> invocationA =
        pool.submit(
            () -> {
              runtimeHeader.set(a.toString());
              recorder.beginSubsegment("a-work");
              aBegun.countDown();
              bEnded.await(10, TimeUnit.SECONDS);
              recorder.endSubsegment();
              return null;
            });
    assertThat(aBegun.await(10, TimeUnit.SECONDS)).isTrue();
    Future<?> invocationB =
        pool.submit(
            () -> {
              runtimeHeader.set(b.toString());
              recorder.beginSubsegment("b-work");
              recorder.endSubsegment();
              return null;
            });
    invocationB.get(10, TimeUnit.SECONDS);
    assertThat(serverSpans()).hasSize(1);
    invocationSpanOf(b);

    bEnded.countDown();
    invocationA.get(10, TimeUnit.SECONDS);
    assertThat(serverSpans()).hasSize(2);
    assertThat(exporter.byName("a-work").getParentSpanContext())
        .isEqualTo(invocationSpanOf(a).getSpanContext());
    assertThat(invocationSpanOf(a).getAttributes().get(AttributeKey.longKey("aws.xray.lambda.open_subsegments")))
        .isNull();
  }

  @Test
  void workHandedOffWithTheFacadeJoinsTheInvocation() {
    TraceHeader header = newInvocation(TraceHeader.SampleDecision.SAMPLED);
    Subsegment handler = recorder.beginSubsegment("handler");
    Segment facade = recorder.getCurrentSegment();
    assertThat(facade).isInstanceOf(FacadeSegment.class);

    SegmentContextExecutors.newSegmentContextExecutor(recorder, facade)
        .execute(
            () -> {
              TraceKit.startSpan("tracekit-under-facade").end();
              recorder.beginSubsegment("via-executor");
              recorder.endSubsegment();
            });
    assertThat(recorder.getTraceEntity()).isSameAs(handler);
    recorder.endSubsegment();

    String invocationId = invocationSpanOf(header).getSpanContext().getSpanId();
    assertThat(exporter.byName("tracekit-under-facade").getParentSpanContext().getSpanId())
        .isEqualTo(invocationId);
    assertThat(exporter.byName("via-executor").getParentSpanContext().getSpanId())
        .isEqualTo(invocationId);
    assertThat(exporter.byName("handler").getParentSpanContext().getSpanId())
        .isEqualTo(invocationId);
  }

  @Test
  void endSegmentWithTheFacadeCurrentChangesNothing() {
    newInvocation(TraceHeader.SampleDecision.SAMPLED);
    Subsegment handler = recorder.beginSubsegment("handler");
    Segment facade = handler.getParentSegment();
    recorder.setTraceEntity(facade);

    recorder.endSegment();

    assertThat(recorder.getTraceEntity()).isSameAs(facade);
    recorder.setTraceEntity(handler);
    recorder.endSubsegment();
  }

  @Test
  void userSegmentInLambdaWorksAsElsewhere() {
    newInvocation(TraceHeader.SampleDecision.SAMPLED);
    Segment own = recorder.beginSegment("own");
    Subsegment child = recorder.beginSubsegment("child");
    recorder.endSubsegment();
    assertThat(recorder.getTraceEntity()).isSameAs(own);
    recorder.endSegment();

    assertThat(TraceKit.flush(10, TimeUnit.SECONDS)).isTrue();
    assertThat(exporter.byName("child").getParentSpanContext().getSpanId()).isEqualTo(own.getId());
    assertThat(child.getParentSegment()).isSameAs(own);
    assertThat(serverSpans()).extracting(SpanData::getName).containsExactly("own");
  }

  @Test
  void traceHeaderComesFromTheRuntimeThenTheEnvironmentThenTheProperty() {
    LambdaEnvironment lambda = lambdaEnvironment(null);
    String fromProperty = "Root=1-5759e988-bd862e3fe1be46a994272791;Parent=53995c3f42cd8ad1;Sampled=1";
    String fromEnvironment = "Root=1-5759e988-bd862e3fe1be46a994272792;Parent=53995c3f42cd8ad2;Sampled=0";
    String fromRuntime = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad3;Sampled=1";

    assertThat(lambda.traceHeader().toString()).isEmpty();
    properties.put(LambdaEnvironment.TRACE_HEADER_PROPERTY, fromProperty);
    assertThat(lambda.traceHeader().toString()).isEqualTo(fromProperty);
    environment.put(LambdaEnvironment.TRACE_HEADER_KEY, fromEnvironment);
    assertThat(lambda.traceHeader().toString()).isEqualTo(fromEnvironment);
    runtimeHeader.set(fromRuntime);
    assertThat(lambda.traceHeader().toString()).isEqualTo(fromRuntime);
    runtimeHeader.remove();
  }

  @Test
  void staticHeaderReadsTheSystemProperty() {
    assertThat(System.getenv(LambdaEnvironment.TRACE_HEADER_KEY))
        .as("surefire removes this variable from the test environment")
        .isNull();
    String header = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    System.setProperty(LambdaEnvironment.TRACE_HEADER_PROPERTY, header);
    try {
      TraceHeader parsed = LambdaSegmentContext.getTraceHeaderFromEnvironment();
      assertThat(parsed.getRootTraceId()).isEqualTo(TraceID.fromString("1-5759e988-bd862e3fe1be46a994272793"));
      assertThat(parsed.getParentId()).isEqualTo("53995c3f42cd8ad8");
      assertThat(parsed.getSampled()).isEqualTo(TraceHeader.SampleDecision.SAMPLED);
    } finally {
      System.clearProperty(LambdaEnvironment.TRACE_HEADER_PROPERTY);
    }
  }

  @Test
  void resolverAppliesOnlyInLambdaAndMarksTheSdkInitialized(@TempDir Path tmp) {
    File marker = tmp.resolve(".aws-xray").resolve("initialized").toFile();
    LambdaSegmentContextResolver resolver = new LambdaSegmentContextResolver(lambdaEnvironment(marker));

    environment.remove(LambdaEnvironment.TASK_ROOT_KEY);
    assertThat(resolver.resolve()).isNull();
    environment.put(LambdaEnvironment.TASK_ROOT_KEY, " ");
    assertThat(resolver.resolve()).isNull();
    assertThat(marker).doesNotExist();

    environment.put(LambdaEnvironment.TASK_ROOT_KEY, "/var/task");
    assertThat(resolver.resolve()).isInstanceOf(LambdaSegmentContext.class);
    assertThat(marker).exists();
  }

  @Test
  void outsideLambdaTheDefaultChainResolvesToThreadLocal() {
    assertThat(System.getenv(LambdaEnvironment.TASK_ROOT_KEY))
        .as("surefire removes this variable from the test environment")
        .isNull();
    assertThat(new AWSXRayRecorder().getSegmentContextResolverChain().resolve())
        .isInstanceOf(ThreadLocalSegmentContext.class);
    assertThat(new LambdaSegmentContextResolver().resolve()).isNull();
  }
}
