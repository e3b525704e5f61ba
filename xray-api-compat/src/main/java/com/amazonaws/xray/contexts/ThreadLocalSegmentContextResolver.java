package com.amazonaws.xray.contexts;

/** Resolves to a {@link ThreadLocalSegmentContext}: the fallback that always applies. */
public class ThreadLocalSegmentContextResolver implements SegmentContextResolver {
  private static final ThreadLocalSegmentContext CONTEXT = new ThreadLocalSegmentContext();

  @Override
  public SegmentContext resolve() {
    return CONTEXT;
  }
}
