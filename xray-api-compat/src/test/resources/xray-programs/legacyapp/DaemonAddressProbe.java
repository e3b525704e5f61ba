package legacyapp;

import com.amazonaws.xray.config.DaemonConfiguration;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Builds a {@code DaemonConfiguration} from the configuration (environment and system properties
 * only) and prints the addresses it took, whether building it threw, and whether it logged a
 * warning (through java.util.logging, where the real SDK's commons-logging goes by default).
 */
public final class DaemonAddressProbe {
  private static volatile boolean warned;

  private DaemonAddressProbe() {}

  public static void main(String[] args) {
    Logger.getLogger("").addHandler(new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()
            && String.valueOf(record.getLoggerName()).contains("DaemonConfiguration")) {
          warned = true;
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
    try {
      DaemonConfiguration config = new DaemonConfiguration();
      System.out.println("UDP " + config.getUDPAddress());
      System.out.println("TCP " + config.getTCPAddress());
      System.out.println("ENDPOINT " + config.getEndpointForTCPConnection());
      System.out.println("OUTCOME no exception");
    } catch (RuntimeException e) {
      System.out.println("OUTCOME threw " + e.getClass().getName());
    }
    System.out.println("WARNED " + warned);
  }
}
