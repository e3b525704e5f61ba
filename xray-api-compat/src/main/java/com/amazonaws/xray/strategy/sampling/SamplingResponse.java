package com.amazonaws.xray.strategy.sampling;

import java.util.Optional;
import javax.annotation.Nullable;

/** A sampling decision and the name of the rule that made it. */
public class SamplingResponse {
  private boolean sampled;
  @Nullable private String ruleName;

  public SamplingResponse(boolean sampled, @Nullable String ruleName) {
    this.sampled = sampled;
    this.ruleName = ruleName;
  }

  public SamplingResponse(@Nullable String ruleName) {
    this(false, ruleName);
  }

  public SamplingResponse(boolean sampled) {
    this(sampled, null);
  }

  public SamplingResponse() {
    this(false, null);
  }

  public boolean isSampled() {
    return sampled;
  }

  public Optional<String> getRuleName() {
    return Optional.ofNullable(ruleName);
  }

  public SamplingResponse setSampled(boolean sampled) {
    this.sampled = sampled;
    return this;
  }
}
