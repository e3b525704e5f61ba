package dev.tracekit.compat.bridge;

import dev.tracekit.compat.core.TraceKitConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The X-Ray daemon bridge: stands where the X-Ray daemon stood, receives the segments X-Ray SDKs in
 * any language send it, and forwards them to TraceKit as spans. Run it with {@code java -jar
 * xray-daemon-bridge.jar}; {@code --help} lists the options. Exit codes: 0 stopped (SIGTERM or
 * Ctrl-C, after flushing), 2 bad options, 3 an address could not be bound.
 */
public final class XRayDaemonBridge {
  /** Exit code for options or variables that make no sense. */
  public static final int EXIT_USAGE = 2;
  /** Exit code when an address cannot be bound (in use, or not an address of this host). */
  public static final int EXIT_BIND = 3;

  private static final String LOG_FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";

  private XRayDaemonBridge() {}

  /** The bridge's export queue unless the operator sets one: many services' spans pass through it. */
  static final int DEFAULT_MAX_QUEUE_SIZE = 16_384;

  /**
   * The pipeline's settings, read as in any TraceKit app ({@code TRACEKIT_*}, {@code OTEL_*}, system
   * properties), with the bridge's larger queue ({@value #DEFAULT_MAX_QUEUE_SIZE} spans) when none is
   * set.
   */
  static TraceKitConfig pipelineConfig(Map<String, String> environment) {
    TraceKitConfig.Builder builder = TraceKitConfig.builder().setShutdownHook(false);
    if (System.getProperty("tracekit.maxQueueSize") == null
        && environment.get("TRACEKIT_MAX_QUEUE_SIZE") == null
        && environment.get("OTEL_BSP_MAX_QUEUE_SIZE") == null) {
      builder.setMaxQueueSize(DEFAULT_MAX_QUEUE_SIZE);
    }
    return builder.build();
  }

  /** Says which address could not be bound and why, in words for the operator. */
  static String bindProblem(IOException e) {
    if (e instanceof Bridge.ListenException && ((Bridge.ListenException) e).inUse) {
      return "xray-daemon-bridge: cannot listen on " + e.getMessage()
          + ". Another X-Ray daemon or bridge may be running there; choose other addresses with"
          + " -b/--bind, -t/--bind-tcp or AWS_XRAY_DAEMON_ADDRESS.";
    }
    if (e instanceof Bridge.ListenException) {
      return "xray-daemon-bridge: cannot listen on " + e.getMessage();
    }
    return "xray-daemon-bridge: cannot start: " + e;
  }

  /** Runs the bridge until the JVM is asked to stop. */
  public static void main(String[] args) {
    if (System.getProperty(LOG_FORMAT_PROPERTY) == null) {
      System.setProperty(LOG_FORMAT_PROPERTY, "%1$tFT%1$tT.%1$tLZ %4$s %5$s%6$s%n");
    }
    int code = run(args, System.getenv(), System.err, true);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Starts the bridge and returns once it has stopped; returns the exit code at once when it cannot
   * start. Writes problems to {@code err}.
   */
  static int run(String[] args, Map<String, String> environment, PrintStream err) {
    return run(args, environment, err, false);
  }

  /**
   * As {@link #run(String[], Map, PrintStream)}; with {@code exitZeroWhenStopped} (the real main),
   * the JVM exits 0 once the bridge has stopped and flushed on SIGTERM or Ctrl-C, where it would
   * otherwise exit with the signal's code (143, 130).
   */
  static int run(
      String[] args, Map<String, String> environment, PrintStream err, boolean exitZeroWhenStopped) {
    BridgeOptions options;
    try {
      options = BridgeOptions.parse(args, environment);
    } catch (BridgeOptions.UsageException e) {
      err.println("xray-daemon-bridge: " + e.getMessage());
      err.print(BridgeOptions.USAGE);
      return EXIT_USAGE;
    }
    if (options.help) {
      err.print(BridgeOptions.USAGE);
      return 0;
    }
    SamplingRules rules;
    try {
      rules = options.samplingRules == null ? SamplingRules.xrayDefault() : SamplingRules.parse(options.samplingRules);
    } catch (SamplingRulesException e) {
      err.println("xray-daemon-bridge: " + e.getMessage());
      return EXIT_USAGE;
    }
    TraceKitConfig config = pipelineConfig(environment);
    Bridge bridge;
    try {
      bridge = new Bridge(options, config, rules);
    } catch (IOException e) {
      err.println(bindProblem(e));
      return EXIT_BIND;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // Written here, not logged: java.util.logging's own shutdown hook may have closed
                  // its handlers by now.
                  String last = bridge.stop();
                  if (last != null) {
                    err.println(last);
                  }
                  err.flush();
                  System.out.flush();
                  stopped.countDown();
                  if (exitZeroWhenStopped) {
                    // Stopped as asked, everything flushed: the operator's success.
                    Runtime.getRuntime().halt(0);
                  }
                },
                "tracekit-xray-bridge-shutdown"));
    bridge.start();
    Logger logger = Logger.getLogger(XRayDaemonBridge.class.getName());
    logger.log(
        Level.INFO,
        "TraceKit started: " + config.describe()
            + " (here each span's service.name is its segment's name, or "
            + ServiceResources.UNKNOWN_SERVICE + " when its segment never says)");
    logger.log(
        Level.INFO,
        "xray-daemon-bridge: receiving segments on UDP " + bridge.udpAddress()
            + ", answering sampling calls on TCP " + bridge.tcpAddress()
            + " (receive buffer " + bridge.receiveBufferBytes() + " bytes; asked for "
            + options.receiveBufferBytes + ")"
            + (options.forwardTo == null ? "" : "; relaying them to " + options.forwardTo));
    if (!bridge.udpAddress().getAddress().isLoopbackAddress()
        || !bridge.tcpAddress().getAddress().isLoopbackAddress()) {
      logger.log(
          Level.WARNING,
          "xray-daemon-bridge: listening beyond loopback, as asked: anyone who reaches these ports"
              + " can send spans to your TraceKit account.");
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
