package com.amazonaws.xray.contexts;

/** Chooses a segment context for the environment, or returns null when it does not apply. */
public interface SegmentContextResolver {
  SegmentContext resolve();
}
