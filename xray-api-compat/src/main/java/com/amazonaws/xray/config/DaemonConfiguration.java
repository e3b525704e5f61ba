package com.amazonaws.xray.config;

import dev.tracekit.compat.core.internal.ThrottlingLogger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Where an X-Ray daemon listens, with the X-Ray SDK's rules: {@code host:port} sets the UDP and the
 * TCP address, {@code udp:host:port tcp:host:port} (either order) sets each. At construction the
 * address comes from {@code AWS_XRAY_DAEMON_ADDRESS}, else the system property {@code
 * com.amazonaws.xray.emitters.daemonAddress}; a malformed one is logged and the default {@code
 * 127.0.0.1:2000} kept (where the real SDK throws from the constructor on {@code udp:host:port
 * tcp:host}, this falls back too: configuration must not break the app). At run time {@link
 * #setDaemonAddress} and {@link #setUDPAddress} throw on a malformed address, as X-Ray does. The
 * TraceKit shim needs no daemon: this is read only for dual-writing segment documents during a
 * migration.
 */
public class DaemonConfiguration {
  public static final String DAEMON_ADDRESS_ENVIRONMENT_VARIABLE_KEY = "AWS_XRAY_DAEMON_ADDRESS";
  public static final String DAEMON_ADDRESS_SYSTEM_PROPERTY_KEY =
      "com.amazonaws.xray.emitters.daemonAddress";

  private static final ThrottlingLogger LOGGER =
      ThrottlingLogger.create(Logger.getLogger(DaemonConfiguration.class.getName()));
  private static final int DEFAULT_PORT = 2000;
  private static final String DEFAULT_ADDRESS = "127.0.0.1:" + DEFAULT_PORT;
  private static final String ONE_FORM = "\"ip_address:port\"";
  private static final String PAIR_FORM = "\"tcp:ip_address:port udp:ip_address:port\"";

  @Nullable private String tcpAddress = DEFAULT_ADDRESS;

  /** The UDP address segments are sent to. */
  @Deprecated
  public InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_PORT);

  /** Takes the environment variable, else (unset or malformed) the system property; never throws. */
  public DaemonConfiguration() {
    if (!setUDPAndTCPAddress(System.getenv(DAEMON_ADDRESS_ENVIRONMENT_VARIABLE_KEY))) {
      setUDPAndTCPAddress(System.getProperty(DAEMON_ADDRESS_SYSTEM_PROPERTY_KEY));
    }
  }

  /**
   * Sets both addresses from {@code host:port} or {@code udp:host:port tcp:host:port}.
   *
   * @throws IllegalArgumentException when the value is blank or malformed (a port that is not a
   *     number gives its subclass {@link NumberFormatException})
   */
  public void setDaemonAddress(@Nullable String addresses) {
    if (addresses == null || addresses.trim().isEmpty()) {
      throw new IllegalArgumentException("Cannot set null daemon address. Value must be of form " + ONE_FORM + ".");
    }
    String[] parts = addresses.split("\\s+");
    if (parts.length == 1) {
      setTCPAddress(addresses);
      setUDPAddress(addresses);
    } else if (parts.length == 2) {
      String udp = prefixed("udp", parts);
      String tcp = prefixed("tcp", parts);
      if (udp == null || tcp == null) {
        throw invalid(parts[0] + " and " + parts[1], PAIR_FORM);
      }
      setTCPAddress(tcp);
      setUDPAddress(udp);
    } else {
      throw invalid(addresses, ONE_FORM + " or " + PAIR_FORM);
    }
  }

  /** Returns what follows {@code prefix:} in the one part of the form {@code prefix:host:port}. */
  @Nullable
  private static String prefixed(String prefix, String[] parts) {
    String found = null;
    for (String part : parts) {
      String[] fields = part.split(":");
      if (fields.length == 3 && fields[0].equals(prefix)) {
        if (found != null) {
          return null;
        }
        found = fields[1] + ":" + fields[2];
      }
    }
    return found;
  }

  /**
   * As {@link #setDaemonAddress}, but returns false (with a log line) instead of throwing; a part
   * already set before the malformed one stays set, as in X-Ray.
   */
  public boolean setUDPAndTCPAddress(@Nullable String addresses) {
    if (addresses == null || addresses.trim().isEmpty()) {
      return false;
    }
    try {
      setDaemonAddress(addresses);
      return true;
    } catch (IllegalArgumentException e) {
      LOGGER.log(Level.WARNING, "Ignoring invalid X-Ray daemon address; " + e.getMessage());
      return false;
    }
  }

  /** Sets the TCP address as given; {@link #getEndpointForTCPConnection} uses it only when it is {@code host:port}. */
  public void setTCPAddress(@Nullable String address) {
    tcpAddress = address;
  }

  @Nullable
  public String getTCPAddress() {
    return tcpAddress;
  }

  /**
   * Sets the UDP address from {@code host:port}.
   *
   * @throws IllegalArgumentException when malformed or the port is out of range
   */
  public void setUDPAddress(String address) {
    if (address.split(":").length != 2) {
      throw invalid(address, ONE_FORM);
    }
    int colon = address.lastIndexOf(':');
    this.address =
        new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
  }

  private static IllegalArgumentException invalid(String value, String forms) {
    return new IllegalArgumentException("Invalid value for agent address: " + value + ". Value must be of form " + forms + ".");
  }

  /** Returns the UDP address as {@code host:port}. */
  public String getUDPAddress() {
    return address.getHostString() + ":" + address.getPort();
  }

  public InetSocketAddress getAddressForEmitter() {
    return address;
  }

  /** Returns {@code http://} plus the TCP address when it is {@code host:port}, else plus the default. */
  public String getEndpointForTCPConnection() {
    String tcp = tcpAddress.split(":").length == 2 ? tcpAddress : DEFAULT_ADDRESS;
    return "http://" + tcp;
  }
}
