package scenarios;

import com.amazonaws.xray.strategy.DefaultThrowableSerializationStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reports which exceptions {@code DefaultThrowableSerializationStrategy} marks {@code remote}, with
 * its default remote classes and with a given set. Compiled against the real X-Ray SDK; run on the
 * real SDK and on the shim.
 */
public final class Throwables {
  private Throwables() {}

  public static Map<String, Object> remoteFlags() {
    Map<String, Object> out = new LinkedHashMap<>();
    Throwable[] samples = {
      new UncheckedIOException(new IOException("io")),
      new RuntimeException("plain"),
      new IllegalStateException("state"),
      new AmazonServiceException("named like the AWS SDK v1's service exception")
    };
    DefaultThrowableSerializationStrategy byDefault = new DefaultThrowableSerializationStrategy();
    DefaultThrowableSerializationStrategy shortStacks = new DefaultThrowableSerializationStrategy(5);
    DefaultThrowableSerializationStrategy given =
        new DefaultThrowableSerializationStrategy(
            50, Collections.<Class<? extends Throwable>>singleton(IllegalStateException.class));
    for (Throwable sample : samples) {
      String name = sample.getClass().getSimpleName();
      out.put("default " + name, remote(byDefault, sample));
      out.put("int " + name, remote(shortStacks, sample));
      out.put("given " + name, remote(given, sample));
    }
    return out;
  }

  private static boolean remote(DefaultThrowableSerializationStrategy strategy, Throwable t) {
    return strategy.describeInContext(t, Collections.emptyList()).get(0).isRemote();
  }

  /** Stands in for com.amazonaws.AmazonServiceException by simple name only. */
  static final class AmazonServiceException extends RuntimeException {
    AmazonServiceException(String message) {
      super(message);
    }
  }
}
