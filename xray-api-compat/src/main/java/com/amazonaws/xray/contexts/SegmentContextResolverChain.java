package com.amazonaws.xray.contexts;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The recorder's resolvers, asked in the order they were added. */
public class SegmentContextResolverChain implements ResolverChain<SegmentContext> {
  private final List<SegmentContextResolver> resolvers = new CopyOnWriteArrayList<>();

  public void addResolver(SegmentContextResolver resolver) {
    if (resolver != null) {
      resolvers.add(resolver);
    }
  }

  /** Returns the first context a resolver gives, or null when none applies. */
  @Override
  public SegmentContext resolve() {
    for (SegmentContextResolver resolver : resolvers) {
      SegmentContext context = resolver.resolve();
      if (context != null) {
        return context;
      }
    }
    return null;
  }
}
