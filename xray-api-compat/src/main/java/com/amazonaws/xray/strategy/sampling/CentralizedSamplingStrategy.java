package com.amazonaws.xray.strategy.sampling;

import java.net.URL;
import javax.annotation.Nullable;

/** PLACEHOLDER until the sampling work lands: samples everything. */
public class CentralizedSamplingStrategy implements SamplingStrategy {
  @Nullable private final URL manifest;

  public CentralizedSamplingStrategy() {
    this(null, false);
  }

  public CentralizedSamplingStrategy(URL ruleLocation) {
    this(ruleLocation, false);
  }

  public CentralizedSamplingStrategy(boolean forcedSamplingSupport) {
    this(null, forcedSamplingSupport);
  }

  public CentralizedSamplingStrategy(URL ruleLocation, boolean forcedSamplingSupport) {
    this.manifest = ruleLocation;
  }

  public URL getSamplingManifestURL() {
    return manifest;
  }

  @Override
  public SamplingResponse shouldTrace(SamplingRequest samplingRequest) {
    return new SamplingResponse(true);
  }

  @Override
  public void shutdown() {}

  public static String getClientID() {
    return "";
  }

  @Override
  public boolean isForcedSamplingSupported() {
    return false;
  }
}
