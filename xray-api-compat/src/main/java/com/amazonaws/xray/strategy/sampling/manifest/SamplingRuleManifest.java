package com.amazonaws.xray.strategy.sampling.manifest;

import com.amazonaws.xray.strategy.sampling.rule.SamplingRule;
import java.util.List;
import javax.annotation.Nullable;

/**
 * A local sampling-rule file as read from JSON: its {@code version} (1 or 2), its {@code rules} in
 * order, and its {@code default} rule. A mutable bean; 0 and nulls until set.
 */
public class SamplingRuleManifest {
  @Nullable private List<SamplingRule> rules;
  @Nullable private SamplingRule defaultRule;
  private int version;

  @Nullable
  public List<SamplingRule> getRules() {
    return rules;
  }

  public void setRules(@Nullable List<SamplingRule> rules) {
    this.rules = rules;
  }

  @Nullable
  public SamplingRule getDefaultRule() {
    return defaultRule;
  }

  public void setDefaultRule(@Nullable SamplingRule defaultRule) {
    this.defaultRule = defaultRule;
  }

  public int getVersion() {
    return version;
  }

  public void setVersion(int version) {
    this.version = version;
  }
}
