package com.amazonaws.xray.config;

import dev.tracekit.compat.core.internal.ThrottlingLogger;
import java.net.InetSocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Where an X-Ray daemon listens: {@code AWS_XRAY_DAEMON_ADDRESS} (which wins) or the system property
 * {@code com.amazonaws.xray.emitters.daemonAddress}, as {@code host:port} or {@code tcp:host:port
 * udp:host:port}; default {@code 127.0.0.1:2000}. The TraceKit shim needs no daemon: this is read
 * only for dual-writing segment documents during a migration.
 */
public class DaemonConfiguration {
  public static final String DAEMON_ADDRESS_ENVIRONMENT_VARIABLE_KEY = "AWS_XRAY_DAEMON_ADDRESS";
  public static final String DAEMON_ADDRESS_SYSTEM_PROPERTY_KEY =
      "com.amazonaws.xray.emitters.daemonAddress";

  private static final ThrottlingLogger LOGGER =
      ThrottlingLogger.create(Logger.getLogger(DaemonConfiguration.class.getName()));
  private static final int DEFAULT_PORT = 2000;
  private static final String DEFAULT_HOST = "127.0.0.1";

  private String tcpAddress = DEFAULT_HOST + ":" + DEFAULT_PORT;

  /** The UDP address segments are sent to. */
  public InetSocketAddress address = new InetSocketAddress("localhost", DEFAULT_PORT);

  /** Reads the environment variable, else the system property, else uses the default. */
  public DaemonConfiguration() {
    String environment = System.getenv(DAEMON_ADDRESS_ENVIRONMENT_VARIABLE_KEY);
    String property = System.getProperty(DAEMON_ADDRESS_SYSTEM_PROPERTY_KEY);
    if (environment != null && !environment.trim().isEmpty()) {
      if (!setUDPAndTCPAddress(environment.trim(), false)) {
        LOGGER.log(Level.WARNING, "Ignoring invalid " + DAEMON_ADDRESS_ENVIRONMENT_VARIABLE_KEY + ": " + environment);
      }
    } else if (property != null && !property.trim().isEmpty()) {
      if (!setUDPAndTCPAddress(property.trim(), false)) {
        LOGGER.log(Level.WARNING, "Ignoring invalid " + DAEMON_ADDRESS_SYSTEM_PROPERTY_KEY + ": " + property);
      }
    }
  }

  /**
   * Sets the UDP address from {@code host:port}; ignored (with a log line) when malformed.
   *
   * @deprecated use {@link #setUDPAddress(String)}, as in the X-Ray SDK
   */
  @Deprecated
  public void setDaemonAddress(String address) {
    setUDPAddress(address);
  }

  /**
   * Sets both addresses from {@code host:port} or {@code tcp:host:port udp:host:port} (in either
   * order). Returns false, changing nothing, when the value is malformed.
   */
  public boolean setUDPAndTCPAddress(String addresses) {
    return setUDPAndTCPAddress(addresses, true);
  }

  private boolean setUDPAndTCPAddress(@Nullable String addresses, boolean logErrors) {
    if (addresses == null) {
      return false;
    }
    String[] parts = addresses.trim().split("\\s+");
    String udp = null;
    String tcp = null;
    if (parts.length == 1) {
      if (parse(parts[0]) == null) {
        return fail(addresses, logErrors);
      }
      udp = parts[0];
      tcp = parts[0];
    } else if (parts.length == 2) {
      for (String part : parts) {
        if (part.startsWith("udp:")) {
          udp = part.substring(4);
        } else if (part.startsWith("tcp:")) {
          tcp = part.substring(4);
        }
      }
      if (udp == null || tcp == null || parse(udp) == null || parse(tcp) == null) {
        return fail(addresses, logErrors);
      }
    } else {
      return fail(addresses, logErrors);
    }
    address = parse(udp);
    tcpAddress = tcp;
    return true;
  }

  private static boolean fail(String addresses, boolean logErrors) {
    if (logErrors) {
      LOGGER.log(Level.WARNING, "Invalid X-Ray daemon address: " + addresses);
    }
    return false;
  }

  /** Returns {@code host:port} as an unresolved-if-needed socket address, or null when malformed. */
  @Nullable
  private static InetSocketAddress parse(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostAndPort.length() - 1) {
      return null;
    }
    try {
      int port = Integer.parseInt(hostAndPort.substring(colon + 1));
      if (port < 0 || port > 65535) {
        return null;
      }
      return new InetSocketAddress(hostAndPort.substring(0, colon), port);
    } catch (RuntimeException e) {
      return null;
    }
  }

  public void setTCPAddress(String address) {
    if (parse(address) != null) {
      tcpAddress = address;
    } else {
      fail(address, true);
    }
  }

  public String getTCPAddress() {
    return tcpAddress;
  }

  public void setUDPAddress(String address) {
    InetSocketAddress parsed = address == null ? null : parse(address);
    if (parsed != null) {
      this.address = parsed;
    } else {
      fail(address, true);
    }
  }

  /** Returns the UDP address as {@code host:port}. */
  public String getUDPAddress() {
    return address.getHostString() + ":" + address.getPort();
  }

  public InetSocketAddress getAddressForEmitter() {
    return address;
  }

  /** Returns {@code http://} plus the TCP address (used by X-Ray's sampling pollers). */
  public String getEndpointForTCPConnection() {
    return "http://" + tcpAddress;
  }
}
