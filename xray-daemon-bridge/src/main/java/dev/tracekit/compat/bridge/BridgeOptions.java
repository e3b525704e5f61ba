package dev.tracekit.compat.bridge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * What the bridge listens on and what else it does, from the flags and variables an X-Ray daemon
 * user knows: {@code -b/--bind} (UDP) and {@code -t/--bind-tcp} (TCP), else {@code
 * AWS_XRAY_DAEMON_ADDRESS} ({@code host:port} for both, or {@code tcp:host:port udp:host:port}),
 * else {@code 127.0.0.1:2000} for both: loopback unless asked otherwise. Plus {@code --forward-to
 * host:port}, {@code --sampling-rules file} and {@code --receive-buffer bytes}. TraceKit's own
 * settings ({@code TRACEKIT_*}, {@code OTEL_*}) are read as everywhere else. Immutable.
 */
final class BridgeOptions {
  static final String DEFAULT_ADDRESS = "127.0.0.1:2000";
  static final String ADDRESS_VARIABLE = "AWS_XRAY_DAEMON_ADDRESS";
  /** What the bridge asks the kernel for; Linux gives at most {@code net.core.rmem_max}. */
  static final int DEFAULT_RECEIVE_BUFFER = 16 * 1024 * 1024;

  static final String USAGE =
      "Usage: java -jar xray-daemon-bridge.jar [options]\n"
          + "  -b, --bind HOST:PORT        UDP address for segments (default 127.0.0.1:2000)\n"
          + "  -t, --bind-tcp HOST:PORT    TCP address for sampling rules and targets (default 127.0.0.1:2000)\n"
          + "      --sampling-rules FILE   X-Ray sampling rules (JSON) to answer with (default: 1/s + 5%)\n"
          + "      --forward-to HOST:PORT  also relay every datagram, unchanged, to this X-Ray daemon\n"
          + "      --receive-buffer BYTES  UDP receive buffer to ask for (default 16 MiB)\n"
          + "  -h, --help                  this text\n"
          + "Without -b/-t: AWS_XRAY_DAEMON_ADDRESS (HOST:PORT, or tcp:HOST:PORT udp:HOST:PORT).\n"
          + "Where spans go: TRACEKIT_API_KEY, TRACEKIT_ENDPOINT, ... (OTEL_* too), as for any TraceKit app.\n";

  final InetSocketAddress udp;
  final InetSocketAddress tcp;
  @Nullable final InetSocketAddress forwardTo;
  @Nullable final Path samplingRules;
  final int receiveBufferBytes;
  final boolean help;

  private BridgeOptions(
      InetSocketAddress udp,
      InetSocketAddress tcp,
      @Nullable InetSocketAddress forwardTo,
      @Nullable Path samplingRules,
      int receiveBufferBytes,
      boolean help) {
    this.udp = udp;
    this.tcp = tcp;
    this.forwardTo = forwardTo;
    this.samplingRules = samplingRules;
    this.receiveBufferBytes = receiveBufferBytes;
    this.help = help;
  }

  /** Thrown for flags or addresses that make no sense; its message says which and why. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  /** Reads the command line, then {@code environment} for what it does not say. */
  static BridgeOptions parse(String[] args, Map<String, String> environment) throws UsageException {
    String udp = null;
    String tcp = null;
    String forwardTo = null;
    String rules = null;
    String receiveBuffer = null;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      switch (arg) {
        case "-h":
        case "--help":
          help = true;
          continue;
        case "-b":
        case "--bind":
        case "-t":
        case "--bind-tcp":
        case "--forward-to":
        case "--sampling-rules":
        case "--receive-buffer":
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new UsageException(arg + " needs a value");
            }
            value = args[++i];
          }
          break;
        default:
          throw new UsageException("Unknown option " + arg);
      }
      switch (arg) {
        case "-b":
        case "--bind":
          udp = value;
          break;
        case "-t":
        case "--bind-tcp":
          tcp = value;
          break;
        case "--forward-to":
          forwardTo = value;
          break;
        case "--sampling-rules":
          rules = value;
          break;
        default:
          receiveBuffer = value;
      }
    }
    String udpFrom = "UDP address";
    String tcpFrom = "TCP address";
    String variable = environment.get(ADDRESS_VARIABLE);
    if (variable != null && !variable.trim().isEmpty() && (udp == null || tcp == null)) {
      String[] fromVariable = daemonAddress(variable.trim());
      if (udp == null) {
        udp = fromVariable[0];
        udpFrom = ADDRESS_VARIABLE + " (UDP address)";
      }
      if (tcp == null) {
        tcp = fromVariable[1];
        tcpFrom = ADDRESS_VARIABLE + " (TCP address)";
      }
    }
    return new BridgeOptions(
        address(udp == null ? DEFAULT_ADDRESS : udp, udpFrom),
        address(tcp == null ? DEFAULT_ADDRESS : tcp, tcpFrom),
        forwardTo == null ? null : address(forwardTo, "--forward-to"),
        rules == null ? null : Paths.get(rules),
        receiveBuffer == null ? DEFAULT_RECEIVE_BUFFER : positive(receiveBuffer),
        help);
  }

  /**
   * Splits {@code AWS_XRAY_DAEMON_ADDRESS} into its UDP and TCP addresses: {@code host:port} is
   * both; {@code tcp:host:port udp:host:port} (either order) names each.
   */
  private static String[] daemonAddress(String value) throws UsageException {
    String[] parts = value.split("\\s+");
    if (parts.length == 1 && !parts[0].startsWith("udp:") && !parts[0].startsWith("tcp:")) {
      return new String[] {parts[0], parts[0]};
    }
    String udp = null;
    String tcp = null;
    for (String part : parts) {
      if (part.startsWith("udp:")) {
        udp = part.substring(4);
      } else if (part.startsWith("tcp:")) {
        tcp = part.substring(4);
      }
    }
    if (parts.length != 2 || udp == null || tcp == null) {
      throw new UsageException(
          ADDRESS_VARIABLE + " must be HOST:PORT or tcp:HOST:PORT udp:HOST:PORT, not '" + value + "'");
    }
    return new String[] {udp, tcp};
  }

  private static InetSocketAddress address(String value, String what) throws UsageException {
    // An IPv6 host is in brackets ([::1]:2000): its colons are not the port's.
    int colon = value.startsWith("[") ? value.indexOf("]:") + 1 : value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new UsageException(what + " must be HOST:PORT, not '" + value + "'");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    String portText = value.substring(colon + 1);
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new UsageException(what + ": '" + portText + "' is not a port (in '" + value + "')");
    }
    if (port < 0 || port > 65_535) {
      throw new UsageException(what + ": port " + port + " is out of range");
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new UsageException(what + ": unknown host '" + host + "'");
    }
  }

  private static int positive(String value) throws UsageException {
    try {
      int n = Integer.parseInt(value.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Below.
    }
    throw new UsageException("--receive-buffer must be a positive number of bytes, not '" + value + "'");
  }
}
