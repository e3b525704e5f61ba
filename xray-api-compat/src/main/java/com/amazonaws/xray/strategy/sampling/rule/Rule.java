package com.amazonaws.xray.strategy.sampling.rule;

import com.amazonaws.xray.strategy.sampling.SamplingResponse;
import java.time.Instant;

/** A sampling rule that decides for a request it matched, at a given time. */
public interface Rule {
  SamplingResponse sample(Instant now);
}
