package dev.tracekit.compat.bridge;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Shares each rule's reservoir among the clients that use it, as the X-Ray service does.
 *
 * <p>A client is active for a rule when it reported statistics for that rule in the last {@link
 * #INTERVAL_SECONDS} seconds (the report being answered counts). Each active client gets {@code
 * ceil(reservoirSize / activeClients)} requests per second, valid for one interval: rounding up
 * means no client ever gets 0 while the rule's reservoir is not 0, at the cost of a total that may
 * exceed the reservoir by less than one request per client.
 *
 * <p>The table of clients is bounded: a client silent for {@link #FORGET_AFTER_MILLIS} is forgotten,
 * and beyond {@code maxClients} entries the longest-silent one goes. Thread-safe.
 */
final class ReservoirQuotas {
  /** How long a quota holds, and how long before a client should report again. */
  static final int INTERVAL_SECONDS = 10;
  /** How long after its last report a client is forgotten. */
  static final long FORGET_AFTER_MILLIS = 60_000;
  /** The most (rule, client) entries kept by default. */
  static final int DEFAULT_MAX_CLIENTS = 10_000;

  private static final long INTERVAL_MILLIS = INTERVAL_SECONDS * 1000L;

  private final Clock clock;
  private final int maxClients;
  // Last report time per (rule, client), oldest report first: a report moves its entry to the end.
  private final LinkedHashMap<RuleClient, Long> lastReports = new LinkedHashMap<>();

  ReservoirQuotas(Clock clock) {
    this(clock, DEFAULT_MAX_CLIENTS);
  }

  ReservoirQuotas(Clock clock, int maxClients) {
    if (maxClients < 1) {
      throw new IllegalArgumentException("maxClients must be at least 1: " + maxClients);
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxClients = maxClients;
  }

  /** Records that {@code clientId} reported statistics for {@code rule} now; returns its target. */
  SamplingTarget report(SamplingRule rule, String clientId) {
    long now = clock.millis();
    int quota;
    synchronized (this) {
      forgetSilentClients(now);
      RuleClient key = new RuleClient(rule.ruleName(), clientId);
      lastReports.remove(key);
      lastReports.put(key, now);
      if (lastReports.size() > maxClients) {
        Iterator<Long> oldest = lastReports.values().iterator();
        oldest.next();
        oldest.remove();
      }
      quota = share(rule.reservoirSize(), activeClients(rule.ruleName(), now));
    }
    return new SamplingTarget(
        rule.ruleName(), rule.fixedRate(), quota, now + INTERVAL_MILLIS, INTERVAL_SECONDS);
  }

  /** The number of (rule, client) entries kept. */
  synchronized int size() {
    return lastReports.size();
  }

  private void forgetSilentClients(long now) {
    Iterator<Long> reports = lastReports.values().iterator();
    while (reports.hasNext() && now - reports.next() >= FORGET_AFTER_MILLIS) {
      reports.remove();
    }
  }

  private int activeClients(String ruleName, long now) {
    int active = 0;
    for (Map.Entry<RuleClient, Long> report : lastReports.entrySet()) {
      if (report.getKey().ruleName.equals(ruleName) && now - report.getValue() < INTERVAL_MILLIS) {
        active++;
      }
    }
    return active;
  }

  private static int share(int reservoirSize, int activeClients) {
    return (int) ((reservoirSize + (long) activeClients - 1) / activeClients);
  }

  /** A client of one rule. */
  private static final class RuleClient {
    final String ruleName;
    final String clientId;

    RuleClient(String ruleName, String clientId) {
      this.ruleName = ruleName;
      this.clientId = clientId;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof RuleClient)) {
        return false;
      }
      RuleClient that = (RuleClient) o;
      return ruleName.equals(that.ruleName) && clientId.equals(that.clientId);
    }

    @Override
    public int hashCode() {
      return 31 * ruleName.hashCode() + clientId.hashCode();
    }
  }
}
