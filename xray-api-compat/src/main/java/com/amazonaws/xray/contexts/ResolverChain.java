package com.amazonaws.xray.contexts;

/** Asks resolvers in order and returns the first non-null answer. */
public interface ResolverChain<T> {
  T resolve();
}
