package dev.tracekit.compat.core.export;

import dev.tracekit.compat.core.trace.SpanData;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/** SKELETON: sends spans to TraceKit as OTLP/HTTP JSON. To be implemented. */
public final class OtlpHttpSpanExporter implements SpanExporter {
  private OtlpHttpSpanExporter(Builder builder) {}

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ExportResult export(List<SpanData> spans) {
    return ExportResult.failed(spans.size());
  }

  @Override
  public void shutdown() {}

  public static final class Builder {
    public Builder setEndpoint(String endpoint) {
      return this;
    }

    public Builder setApiKey(@Nullable String apiKey) {
      return this;
    }

    public Builder setGzip(boolean gzip) {
      return this;
    }

    public Builder setTimeout(long timeout, TimeUnit unit) {
      return this;
    }

    public OtlpHttpSpanExporter build() {
      return new OtlpHttpSpanExporter(this);
    }
  }
}
