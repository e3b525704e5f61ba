package dev.tracekit.compat.matrix;

import org.assertj.core.api.SoftAssertions;

/**
 * A consumer's {@code expect.jackson}, {@code expect.okhttp} and {@code expect.kotlin}, checked
 * against what the app resolves after the swap. {@code expect.jackson} is a release (every
 * jackson-core, -datatype and -module artifact of it, see {@link JacksonVersions}), {@code aligned}
 * or {@code absent}; the other two are the version of OkHttp ({@link #OKHTTP}, or {@link
 * #OKHTTP_JVM} from 5.0 on, whose {@code okhttp} artifact holds no classes for Maven builds) or of
 * {@link #KOTLIN_STDLIB}, or {@code absent}.
 */
final class VersionExpectations {
  static final String OKHTTP = "com.squareup.okhttp3:okhttp";
  static final String OKHTTP_JVM = "com.squareup.okhttp3:okhttp-jvm";
  static final String KOTLIN_STDLIB = "org.jetbrains.kotlin:kotlin-stdlib";
  private static final String ABSENT = "absent";
  private static final String ALIGNED = "aligned";

  private final ResolvedDependencies after;
  private final SoftAssertions softly;

  private VersionExpectations(ResolvedDependencies after, SoftAssertions softly) {
    this.after = after;
    this.softly = softly;
  }

  static void verify(Consumer consumer, ResolvedDependencies after, SoftAssertions softly) {
    VersionExpectations expectations = new VersionExpectations(after, softly);
    consumer.expectedJackson().ifPresent(expectations::verifyJackson);
    consumer.expectedOkhttp().ifPresent(expectations::verifyOkhttp);
    consumer.expectedKotlin().ifPresent(expectations::verifyKotlin);
  }

  /** The version of OkHttp after the swap, or "absent": for the report. */
  static String describeOkhttp(ResolvedDependencies after) {
    return after.version(OKHTTP_JVM).orElse(describe(after, OKHTTP));
  }

  /** The version of {@code artifact} after the swap, or "absent": for the report. */
  static String describe(ResolvedDependencies after, String artifact) {
    return after.version(artifact).orElse(ABSENT);
  }

  private void verifyJackson(String expected) {
    String resolved = JacksonVersions.describe(after);
    if (expected.equals(ABSENT)) {
      softly
          .assertThat(after.inGroup(JacksonVersions.GROUP))
          .as("expect.jackson=absent: Jackson artifacts resolved")
          .isEmpty();
    } else if (expected.equals(ALIGNED)) {
      softly
          .assertThat(JacksonVersions.alignedRelease(after))
          .as("expect.jackson=aligned, resolved: %s", resolved)
          .isPresent();
    } else {
      softly
          .assertThat(after.version(JacksonVersions.CORE))
          .as("expect.jackson=%s: jackson-core resolved", expected)
          .isPresent();
      softly
          .assertThat(JacksonVersions.notOfRelease(after, expected))
          .as("expect.jackson=%s: Jackson artifacts of another release (%s)", expected, resolved)
          .isEmpty();
    }
  }

  private void verifyOkhttp(String expected) {
    boolean okhttp5 = after.version(OKHTTP_JVM).isPresent();
    if (expected.equals(ABSENT) || okhttp5) {
      verifyArtifact(OKHTTP_JVM, expected);
    }
    if (expected.equals(ABSENT) || !okhttp5) {
      verifyArtifact(OKHTTP, expected);
    }
  }

  private void verifyKotlin(String expected) {
    verifyArtifact(KOTLIN_STDLIB, expected);
  }

  private void verifyArtifact(String artifact, String expected) {
    softly
        .assertThat(describe(after, artifact))
        .as("%s resolved after the swap", artifact)
        .isEqualTo(expected);
  }
}
