package com.amazonaws.xray.strategy.sampling;

import com.amazonaws.xray.strategy.sampling.rand.Rand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/** Test helpers: rule files written to a directory, and a random source that returns set values. */
final class RuleFiles {
  private static int counter;

  private RuleFiles() {}

  /** Writes {@code json} to a new file in {@code dir} and returns its URL. */
  static URL write(Path dir, String json) {
    return write(dir, json.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code content} to a new file in {@code dir} and returns its URL. */
  static synchronized URL write(Path dir, byte[] content) {
    try {
      Path file = dir.resolve("rules-" + (++counter) + ".json");
      Files.write(file, content);
      return file.toUri().toURL();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns a URL of a file that does not exist. */
  static URL missing(Path dir) {
    try {
      return dir.resolve("no-such-rules.json").toUri().toURL();
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request as the X-Ray servlet filter builds it. */
  static SamplingRequest request(String host, String method, String path) {
    return new SamplingRequest("service", host, path, method, null);
  }

  /**
   * Returns the values given to {@link #then}, in order, and then {@code otherwise}; counts calls.
   */
  static final class ScriptedRand implements Rand {
    private final Deque<Double> values = new ArrayDeque<>();
    private final double otherwise;
    private int calls;

    ScriptedRand(double otherwise) {
      this.otherwise = otherwise;
    }

    synchronized ScriptedRand then(double... next) {
      for (double value : next) {
        values.add(value);
      }
      return this;
    }

    synchronized int calls() {
      return calls;
    }

    @Override
    public synchronized double next() {
      calls++;
      Double value = values.poll();
      return value == null ? otherwise : value;
    }
  }
}
