package dev.tracekit.compat.matrix;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;

/**
 * What the swap may change in an app's run-time dependencies, and nothing more: it moves no
 * Jackson, OkHttp, Okio or Kotlin version (those are the app's), it removes only what the real
 * core brought ({@link #DOCUMENTED_REMOVALS}), and it adds only this project's artifacts.
 */
final class SwapCheck {
  /**
   * The run-time artifacts the swap may remove from an app: the real core and the dependencies
   * only it brought, as the migration guide (§1) documents them. The one list of them.
   */
  static final Set<String> DOCUMENTED_REMOVALS =
      Collections.unmodifiableSet(
          new TreeSet<>(
              Arrays.asList(
                  "com.amazonaws:aws-xray-recorder-sdk-core",
                  "software.amazon.awssdk:utils-lite",
                  "software.amazon.awssdk:annotations",
                  "com.google.auto.value:auto-value-annotations",
                  "com.google.auto.service:auto-service-annotations",
                  "org.apache.httpcomponents:httpclient",
                  "org.apache.httpcomponents:httpcore",
                  "commons-codec:commons-codec")));

  /** The groups (prefixes) whose resolved versions must be the same before and after the swap. */
  static final List<String> UNMOVED_GROUPS =
      Collections.unmodifiableList(
          Arrays.asList(
              "com.fasterxml.jackson",
              "com.squareup.okhttp3",
              "com.squareup.okio",
              "org.jetbrains.kotlin"));

  /** The only group the swap may add artifacts of. */
  static final String SHIM_GROUP = "dev.tracekit.compat";

  private SwapCheck() {}

  static void verify(
      ResolvedDependencies before, ResolvedDependencies after, SoftAssertions softly) {
    for (String group : UNMOVED_GROUPS) {
      softly
          .assertThat(after.inGroup(group))
          .as("the swap moves no %s version: resolved after the swap, expected as before", group)
          .isEqualTo(before.inGroup(group));
    }
    Set<String> undocumentedRemovals =
        difference(before, after).stream()
            .filter(artifact -> !DOCUMENTED_REMOVALS.contains(artifact))
            .collect(Collectors.toCollection(TreeSet::new));
    softly
        .assertThat(undocumentedRemovals)
        .as("run-time artifacts the swap removed, not among the documented %s", DOCUMENTED_REMOVALS)
        .isEmpty();
    Set<String> foreignAdditions =
        difference(after, before).stream()
            .filter(artifact -> !ResolvedDependencies.groupOf(artifact).equals(SHIM_GROUP))
            .collect(Collectors.toCollection(TreeSet::new));
    softly
        .assertThat(foreignAdditions)
        .as("run-time artifacts the swap added that are not %s's", SHIM_GROUP)
        .isEmpty();
  }

  /** The artifacts in {@code from} that {@code other} lacks. */
  private static Set<String> difference(ResolvedDependencies from, ResolvedDependencies other) {
    Set<String> artifacts = new TreeSet<>(from.versions().keySet());
    artifacts.removeAll(other.versions().keySet());
    return artifacts;
  }
}
