package dev.tracekit.compat.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracekit.compat.core.ChildJvm;
import dev.tracekit.compat.core.TraceKitConfig;
import dev.tracekit.compat.core.export.ScriptedOtlpReceiver;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bridge's promise: one X-Ray program, run on the REAL aws-xray-recorder-sdk-core 2.21.0 whose
 * UDPEmitter sends to the bridge, and run on the shim in its own JVM, delivers the same spans to
 * TraceKit — ids, tree, kinds, times, attributes, events, status and service — because the live
 * entity and the received document go through the same mapping.
 */
class RealSdkThroughBridgeTest {
  private static final String PROGRAM = "IdentityProgram";
  private static final int SPANS = 5;
  /** Exception ids are random in each run, in X-Ray as here: only their presence is compared. */
  private static final Set<String> RANDOM_PER_RUN = new HashSet<>(Arrays.asList("aws.xray.exception.id"));

  @Test
  void theRealSdkThroughTheBridgeAndTheShimDeliverTheSameSpans() throws Exception {
    Path programs = RealXRaySdk.programClasses();
    try (ScriptedOtlpReceiver viaBridge = new ScriptedOtlpReceiver().start(0).answerOk();
        ScriptedOtlpReceiver viaShim = new ScriptedOtlpReceiver().start(0).answerOk()) {
      BridgeOptions options =
          BridgeOptions.parse(
              new String[] {"-b", "127.0.0.1:0", "-t", "127.0.0.1:0"},
              Collections.<String, String>emptyMap());
      TraceKitConfig config =
          TraceKitConfig.builder()
              .setEndpoint(viaBridge.endpoint())
              .setApiKey("bridge-test-key")
              .setScheduleDelay(50, TimeUnit.MILLISECONDS)
              .setShutdownHook(false)
              .build();
      try (Bridge bridge = new Bridge(options, config, SamplingRules.xrayDefault())) {
        bridge.start();
        List<String> real = new ArrayList<>();
        for (Path jar : RealXRaySdk.jars()) {
          real.add(jar.toString());
        }
        real.add(programs.toString());
        ChildJvm.of(PROGRAM)
            .classpath(real)
            .env("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:" + bridge.udpAddress().getPort())
            .run("identity-real-sdk")
            .assertSucceeded();
        viaBridge.awaitSpans(SPANS, 30);
      }

      List<String> shim =
          new ArrayList<>(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
      shim.add(programs.toString());
      ChildJvm.of(PROGRAM)
          .classpath(shim)
          .env("TRACEKIT_ENDPOINT", viaShim.endpoint())
          .env("TRACEKIT_API_KEY", "shim-test-key")
          .run("identity-shim")
          .assertSucceeded();
      viaShim.awaitSpans(SPANS, 30);

      viaBridge.assertEveryPayloadWasValid();
      viaShim.assertEveryPayloadWasValid();
      Map<String, String> bridged = SpanShapes.of(viaBridge.payloads(), RANDOM_PER_RUN);
      Map<String, String> direct = SpanShapes.of(viaShim.payloads(), RANDOM_PER_RUN);
      assertThat(bridged).hasSize(SPANS);
      assertThat(bridged).isEqualTo(direct);
    }
  }
}
