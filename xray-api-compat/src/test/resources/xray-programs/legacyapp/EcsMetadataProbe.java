package legacyapp;

import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.AWSXRayRecorderBuilder;
import com.amazonaws.xray.entities.Segment;
import com.amazonaws.xray.plugins.ECSPlugin;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Builds the ECS plugin from the configuration (the ECS agent's environment variables only), then a
 * recorder with it, and prints whether each threw, whether the plugin is enabled, the origin of a
 * segment begun on the recorder, and whether a warning was logged (through java.util.logging,
 * where the real SDK's commons-logging goes by default).
 */
public final class EcsMetadataProbe {
  private static volatile boolean warned;

  private EcsMetadataProbe() {}

  public static void main(String[] args) {
    Logger.getLogger("").addHandler(new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
          warned = true;
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
    ECSPlugin plugin = null;
    try {
      plugin = new ECSPlugin();
      System.out.println("PLUGIN no exception");
      System.out.println("ENABLED " + plugin.isEnabled());
    } catch (RuntimeException e) {
      System.out.println("PLUGIN threw " + e.getClass().getName());
    }
    try {
      AWSXRayRecorderBuilder builder = AWSXRayRecorderBuilder.standard();
      if (plugin != null) {
        builder.withPlugin(plugin);
      }
      AWSXRayRecorder recorder = builder.build();
      Segment segment = recorder.beginSegment("probe");
      System.out.println("ORIGIN " + segment.getOrigin());
      recorder.endSegment();
      System.out.println("RECORDER no exception");
    } catch (RuntimeException e) {
      System.out.println("RECORDER threw " + e.getClass().getName());
    }
    System.out.println("WARNED " + warned);
  }
}
