package dev.tracekit.compat.xray;

import com.amazonaws.xray.config.DaemonConfiguration;
import com.amazonaws.xray.emitters.Emitter;
import com.amazonaws.xray.emitters.UDPEmitter;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.entities.Subsegment;
import dev.tracekit.compat.core.TraceKitSettings;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * The migration aid: with {@code TRACEKIT_XRAY_DUAL_WRITE=true} and {@code AWS_XRAY_DAEMON_ADDRESS}
 * set, segment documents also go to the X-Ray daemon over UDP, so both backends can be compared
 * before X-Ray is switched off. Without it, the default emitter sends nothing: TraceKit spans are
 * exported as each entity ends, independently of emitters.
 */
public final class DualWrite {
  /** Environment variable (or system property {@code tracekit.xrayDualWrite}) that turns it on. */
  public static final String ENVIRONMENT_VARIABLE = "TRACEKIT_XRAY_DUAL_WRITE";

  private static final String SYSTEM_PROPERTY = "tracekit.xrayDualWrite";
  private static final Logger LOGGER = Logger.getLogger(DualWrite.class.getName());

  private DualWrite() {}

  static Emitter emitter() {
    if (isEnabled()) {
      try {
        return new UDPEmitter(new DaemonConfiguration());
      } catch (IOException e) {
        LOGGER.log(Level.WARNING, "Dual-write to the X-Ray daemon is off: " + e);
      }
    }
    return NoEmitter.INSTANCE;
  }

  /** True when dual-write is asked for and a daemon address is configured. */
  static boolean isEnabled() {
    if (!TraceKitSettings.system().flag(SYSTEM_PROPERTY, ENVIRONMENT_VARIABLE, false)) {
      return false;
    }
    String daemon =
        firstNonBlank(
            System.getenv(DaemonConfiguration.DAEMON_ADDRESS_ENVIRONMENT_VARIABLE_KEY),
            System.getProperty(DaemonConfiguration.DAEMON_ADDRESS_SYSTEM_PROPERTY_KEY));
    if (daemon == null) {
      LOGGER.log(
          Level.WARNING,
          ENVIRONMENT_VARIABLE + "=true but no X-Ray daemon address is set (AWS_XRAY_DAEMON_ADDRESS); not dual-writing");
      return false;
    }
    return true;
  }

  @Nullable
  private static String firstNonBlank(@Nullable String a, @Nullable String b) {
    if (a != null && !a.trim().isEmpty()) {
      return a.trim();
    }
    return b != null && !b.trim().isEmpty() ? b.trim() : null;
  }

  /** The default emitter when not dual-writing: accepts everything, sends nothing. */
  static final class NoEmitter extends Emitter {
    static final NoEmitter INSTANCE = new NoEmitter();

    @Override
    public boolean sendSegment(Segment segment) {
      return true;
    }

    @Override
    public boolean sendSubsegment(Subsegment subsegment) {
      return true;
    }

    @Override
    public String toString() {
      return "TraceKit (no X-Ray emitter)";
    }
  }
}
