package dev.tracekit.compat.core.export;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.QueueDispatcher;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Answers from the MockWebServer's queue like the default dispatcher, and on the way parses every
 * request body it receives with the official OTLP proto, so that no payload a test provokes goes
 * unchecked (even those the test only looks at for headers or never takes). Call {@link
 * #assertEveryPayloadWasValid()} at the end of the test.
 */
public final class ProtoCheckingDispatcher extends QueueDispatcher {
  private final List<Throwable> failures = new ArrayList<>();
  private int checked;

  @Override
  public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    check(request);
    return super.dispatch(request);
  }

  private void check(RecordedRequest request) {
    // The body buffer is read once; check a copy so the test can still read the original.
    byte[] bytes = request.getBody().clone().readByteArray();
    try {
      if ("gzip".equals(request.getHeader("Content-Encoding"))) {
        bytes = OtlpTestSupport.gunzip(bytes);
      }
      OtlpTestSupport.parse(new String(bytes, StandardCharsets.UTF_8));
      synchronized (this) {
        checked++;
      }
    } catch (Throwable e) {
      synchronized (this) {
        failures.add(e);
      }
    }
  }

  /** Fails when any request body so far was not a valid {@code ExportTraceServiceRequest}. */
  public synchronized void assertEveryPayloadWasValid() {
    if (!failures.isEmpty()) {
      AssertionError error =
          new AssertionError(failures.size() + " of " + (checked + failures.size())
              + " payloads were not valid OTLP: " + failures.get(0).getMessage());
      for (Throwable failure : failures) {
        error.addSuppressed(failure);
      }
      throw error;
    }
  }

  /** Returns how many payloads parsed. */
  public synchronized int checkedPayloads() {
    return checked;
  }
}
