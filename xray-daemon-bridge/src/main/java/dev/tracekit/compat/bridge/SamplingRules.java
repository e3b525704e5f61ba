package dev.tracekit.compat.bridge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The sampling rules the bridge hands out, in the order X-Ray's SDKs try them (priority, then
 * name), always ending with the catch-all {@code Default} rule; and when they last changed.
 * Immutable. Read from an operator's file ({@link #parse}) or X-Ray's default ({@link
 * #xrayDefault}).
 */
final class SamplingRules {
  private static final Comparator<SamplingRule> SDK_ORDER =
      Comparator.comparingInt(SamplingRule::priority).thenComparing(SamplingRule::ruleName);

  private final List<SamplingRule> rules;
  private final Map<String, SamplingRule> byName;
  private final long modifiedAtMillis;

  /**
   * Returns these rules, sorted.
   *
   * @throws IllegalArgumentException if two rules share a name or none is named {@code Default}
   */
  SamplingRules(List<SamplingRule> rules, long modifiedAtMillis) {
    List<SamplingRule> sorted = new ArrayList<>(rules);
    sorted.sort(SDK_ORDER);
    Map<String, SamplingRule> names = new LinkedHashMap<>();
    for (SamplingRule rule : sorted) {
      if (names.put(rule.ruleName(), rule) != null) {
        throw new IllegalArgumentException("Two rules are named " + rule.ruleName());
      }
    }
    if (!names.containsKey(SamplingRule.DEFAULT_RULE_NAME)) {
      throw new IllegalArgumentException("No rule is named " + SamplingRule.DEFAULT_RULE_NAME);
    }
    this.rules = Collections.unmodifiableList(sorted);
    this.byName = Collections.unmodifiableMap(names);
    this.modifiedAtMillis = modifiedAtMillis;
  }

  /**
   * Returns X-Ray's default rule set: only the rule {@code Default} (priority 10000, the first
   * request each second then 5%, wildcards everywhere), never modified (time 0).
   */
  static SamplingRules xrayDefault() {
    return new SamplingRules(Collections.singletonList(SamplingRule.xrayDefault()), 0);
  }

  /**
   * Reads the rules in {@code file}: a local sampling-rules document of X-Ray's SDKs (versions 1
   * and 2), or rules in the X-Ray API's shape ({@code {"SamplingRuleRecords": [...]}} or a list of
   * {@code SamplingRule} objects). Their time is the file's last-modified time.
   *
   * @throws SamplingRulesException naming the file and what is wrong with it
   */
  static SamplingRules parse(Path file) throws SamplingRulesException {
    return SamplingRulesReader.read(file);
  }

  /** The rules, by priority then name; {@code Default} is last. */
  List<SamplingRule> rules() {
    return rules;
  }

  /** Returns the rule named {@code ruleName}, or null. */
  @Nullable
  SamplingRule rule(String ruleName) {
    return byName.get(ruleName);
  }

  /** When the rules last changed, in milliseconds since the epoch. */
  long modifiedAtMillis() {
    return modifiedAtMillis;
  }

  @Override
  public String toString() {
    return "SamplingRules" + rules;
  }
}
