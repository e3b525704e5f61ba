package com.amazonaws.xray.contexts;

import java.util.Arrays;

/** The recorder's resolvers, asked in the order they were added. */
public class SegmentContextResolverChain implements ResolverChain<SegmentContext> {
  // Replaced, never changed, on each add: the recorder resolves on every call.
  private volatile SegmentContextResolver[] resolvers = new SegmentContextResolver[0];

  public synchronized void addResolver(SegmentContextResolver resolver) {
    if (resolver != null) {
      SegmentContextResolver[] grown = Arrays.copyOf(resolvers, resolvers.length + 1);
      grown[resolvers.length] = resolver;
      resolvers = grown;
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
