package com.amazonaws.xray.strategy.sampling;

import java.util.Objects;
import javax.annotation.Nullable;

/**
 * A request for the sampling rules set in X-Ray, one page at a time. An immutable value; kept for
 * compatibility, as this library never calls X-Ray.
 */
public abstract class GetSamplingRulesRequest {
  /** Returns a request for the page after {@code nextToken} (the first page when null). */
  public static GetSamplingRulesRequest create(@Nullable String nextToken) {
    return new Value(nextToken);
  }

  @Nullable
  abstract String getNextToken();

  private static final class Value extends GetSamplingRulesRequest {
    @Nullable private final String nextToken;

    Value(@Nullable String nextToken) {
      this.nextToken = nextToken;
    }

    @Override
    @Nullable
    String getNextToken() {
      return nextToken;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof GetSamplingRulesRequest
          && Objects.equals(nextToken, ((GetSamplingRulesRequest) o).getNextToken());
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(nextToken);
    }

    @Override
    public String toString() {
      return "GetSamplingRulesRequest{nextToken=" + nextToken + "}";
    }
  }
}
