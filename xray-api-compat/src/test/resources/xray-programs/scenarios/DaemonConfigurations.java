package scenarios;

import com.amazonaws.xray.config.DaemonConfiguration;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Gives a daemon address to {@code DaemonConfiguration} in each way the SDK takes one (system
 * property, {@code setDaemonAddress}, {@code setUDPAndTCPAddress}, {@code setUDPAddress}, {@code
 * setTCPAddress}) and reports what its getters return afterwards, or what it threw, as a map of
 * strings. Compiled against the real X-Ray SDK; run on the real SDK and on the shim.
 */
public final class DaemonConfigurations {
  private DaemonConfigurations() {}

  /** A configuration built while the system property holds {@code value} (null: unset). */
  public static Map<String, String> fromProperty(String value) {
    String key = DaemonConfiguration.DAEMON_ADDRESS_SYSTEM_PROPERTY_KEY;
    String previous = System.getProperty(key);
    setProperty(key, value);
    try {
      return describe(new DaemonConfiguration());
    } catch (RuntimeException e) {
      return threw(e);
    } finally {
      setProperty(key, previous);
    }
  }

  /** Calls {@code setDaemonAddress(value)} on a default configuration. */
  public static Map<String, String> setDaemonAddress(String value) {
    return afterCall(value, DaemonConfiguration::setDaemonAddress);
  }

  /** Calls {@code setUDPAndTCPAddress(value)} on a default configuration. */
  public static Map<String, String> setUDPAndTCPAddress(String value) {
    String[] returned = new String[1];
    Map<String, String> out =
        afterCall(value, (config, v) -> returned[0] = String.valueOf(config.setUDPAndTCPAddress(v)));
    out.put("returned", returned[0]);
    return out;
  }

  /** Calls {@code setUDPAddress(value)} on a default configuration. */
  public static Map<String, String> setUDPAddress(String value) {
    return afterCall(value, DaemonConfiguration::setUDPAddress);
  }

  /** Calls {@code setTCPAddress(value)} on a default configuration. */
  public static Map<String, String> setTCPAddress(String value) {
    return afterCall(value, DaemonConfiguration::setTCPAddress);
  }

  /** Calls {@code setTCPAddress(first)}, then {@code setTCPAddress(second)}. */
  public static Map<String, String> setTCPAddressTwice(String first, String second) {
    return afterCall(
        second,
        (config, v) -> {
          config.setTCPAddress(first);
          config.setTCPAddress(v);
        });
  }

  /** What {@code call} threw, if it did, and what the getters return afterwards. */
  private static Map<String, String> afterCall(
      String value, BiConsumer<DaemonConfiguration, String> call) {
    DaemonConfiguration config = new DaemonConfiguration();
    Map<String, String> out = new LinkedHashMap<>();
    try {
      call.accept(config, value);
    } catch (RuntimeException e) {
      out.put("threw", describe(e));
    }
    out.putAll(describe(config));
    return out;
  }

  private static Map<String, String> describe(DaemonConfiguration config) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("udp", get(config::getUDPAddress));
    out.put("tcp", get(config::getTCPAddress));
    out.put("endpoint", get(config::getEndpointForTCPConnection));
    out.put("emitter", socket(config.getAddressForEmitter()));
    out.put("field", socket(config.address));
    return out;
  }

  private static String get(Supplier<String> getter) {
    try {
      return getter.get();
    } catch (RuntimeException e) {
      return "threw " + describe(e);
    }
  }

  private static String socket(InetSocketAddress address) {
    return address == null ? null : address.getHostString() + " port " + address.getPort();
  }

  private static Map<String, String> threw(RuntimeException e) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("threw", describe(e));
    return out;
  }

  /** The exception's class and message; a NullPointerException's message is the JVM's, not X-Ray's. */
  private static String describe(RuntimeException e) {
    return e instanceof NullPointerException
        ? e.getClass().getName()
        : e.getClass().getName() + ": " + e.getMessage();
  }

  private static void setProperty(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
